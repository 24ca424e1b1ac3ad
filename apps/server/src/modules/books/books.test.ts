import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { auditRows, buildBook, createBook, unitIdByCode } from '../../test/factories'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server?.close())

describe('books', () => {
  it('a commune officer creates a book, finds it in the list, and the creation is audited', async () => {
    const officer = await server.login('tuphap.anphu')
    const book = await createBook(officer, server, '98001', { volume: '02/2023', year: 2023, openedOn: '2023-01-03', closedOn: '2023-12-29' })
    const list = await officer.get('/api/books?type=KS&year=2023')
    expect(list.status).toBe(200)
    expect(list.body.items).toEqual([expect.objectContaining({ id: book.id, volume: '02/2023', custodianUnitName: 'Xã An Phú', entryCount: 0 })])
    expect((await auditRows(server, book.id)).map((r) => r.action)).toEqual(['book.create'])
  })

  it('explains invalid input in Vietnamese per field and writes nothing', async () => {
    const officer = await server.login('tuphap.anphu')
    const before = await server.db.kysely.selectFrom('books').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const response = await officer.post('/api/books', buildBook({
      custodianUnitId: await unitIdByCode(server, '98001'),
      volume: '01/2019',
      year: 2020,
      openedOn: '2020-05-01',
      closedOn: '2020-01-01',
    }))
    expect(response.status).toBe(400)
    expect(response.body.message).toMatch(/^Dữ liệu chưa hợp lệ/)
    expect(response.body.fieldErrors.volume).toBe('Năm trong quyển số (2019) khác năm mở sổ (2020)')
    expect(response.body.fieldErrors.closedOn).toBe('Ngày khóa sổ phải sau ngày mở sổ')
    const after = await server.db.kysely.selectFrom('books').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('refuses a second book with the same type, volume and authority', async () => {
    const officer = await server.login('tuphap.anphu')
    await createBook(officer, server, '98001', { volume: '05/2024' })
    const again = await officer.post('/api/books', buildBook({ custodianUnitId: await unitIdByCode(server, '98001'), volume: '05/2024' }))
    expect(again.status).toBe(409)
    expect(again.body.message).toBe('Sổ KS quyển 05/2024 của UBND xã An Phú đã có trong hệ thống')
  })

  it('updates with a version check: a stale version answers 409 and changes nothing', async () => {
    const officer = await server.login('tuphap.anphu')
    const book = await createBook(officer, server, '98001', { volume: '03/2024' })
    const first = await officer.patch(`/api/books/${book.id}`, { version: book.version, condition: 'damaged', conditionNote: 'Rách trang 10-12' })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ condition: 'damaged', version: book.version + 1 })
    const stale = await officer.patch(`/api/books/${book.id}`, { version: book.version, pageCount: 10 })
    expect(stale.status).toBe(409)
    expect((await officer.get(`/api/books/${book.id}`)).body.pageCount).toBe(200)
  })

  it("another commune's officer gets 404 on the book, cannot change it, and does not see it listed", async () => {
    const owner = await server.login('tuphap.anphu')
    const book = await createBook(owner, server, '98001', { volume: '04/2024' })
    const other = await server.login('tuphap.binhminh')
    expect((await other.get(`/api/books/${book.id}`)).status).toBe(404)
    const patch = await other.patch(`/api/books/${book.id}`, { version: 1, condition: 'lost' })
    expect(patch.status).toBe(404)
    expect((await other.get('/api/books')).body.items.map((b: { id: string }) => b.id)).not.toContain(book.id)
    expect((await owner.get(`/api/books/${book.id}`)).body).toMatchObject({ condition: 'intact', version: 1 })
    // Nor can they file a book under a unit outside their scope.
    const foreign = await other.post('/api/books', buildBook({ custodianUnitId: await unitIdByCode(server, '98001'), volume: '09/2024' }))
    expect(foreign.status).toBe(400)
    expect(foreign.body.fieldErrors.custodianUnitId).toBeDefined()
  })

  it('the province sees every commune’s books; a digitizer may read but not create books', async () => {
    const owner = await server.login('tuphap.anphu')
    const book = await createBook(owner, server, '98001', { volume: '06/2024' })
    const province = await server.login('sotuphap')
    expect((await province.get(`/api/books/${book.id}`)).status).toBe(200)
    const digitizer = await server.login('sohoa.anphu')
    expect((await digitizer.get(`/api/books/${book.id}`)).status).toBe(200)
    const refused = await digitizer.post('/api/books', buildBook({ custodianUnitId: await unitIdByCode(server, '98001'), volume: '07/2024' }))
    expect(refused.status).toBe(403)
  })

  it('books of merged communes are kept by the successor, which sees old and new units', async () => {
    const officer = await server.login('tuphap.hoabinh')
    const units = (await officer.get('/api/units')).body.items as Array<{ id: string; name: string; current: boolean; successorIds: string[] }>
    const hoaBinh = units.find((u) => u.name === 'Xã Hòa Bình')
    const hoaLac = units.find((u) => u.name === 'Xã Hòa Lạc')
    expect(hoaBinh?.current).toBe(true)
    expect(hoaLac).toMatchObject({ current: false, successorIds: [hoaBinh?.id] })
    const book = await createBook(officer, server, '98003', { issuingAuthority: 'UBND xã Hòa Lạc', issuingUnitId: hoaLac?.id, volume: '01/2006', year: 2006, openedOn: '2006-01-02', closedOn: '2006-12-30' })
    expect((await officer.get(`/api/books/${book.id}`)).body).toMatchObject({ issuingUnitId: hoaLac?.id, custodianUnitName: 'Xã Hòa Bình' })
  })
})
