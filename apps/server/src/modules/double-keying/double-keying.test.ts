import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook, unitIdByCode } from '../../test/factories'
import { NOT_YOUR_ARBITRATION } from './policy'
import { SAME_KEYER } from './service'

/**
 * Double keying through the server (issue 11): sohoa.anphu keys first, tuphap.anphu keys the same
 * entries blind; agreement is the check, a disagreement waits for a third An Phú checker to arbitrate.
 */
let server: TestServer
let keyer: Client
let officer: Client
let arbiter: Client
let outsider: Client
let bookId: string
let number = 300
let volumes = 0

beforeAll(async () => {
  server = await startTestServer()
  keyer = await server.login('sohoa.anphu')
  officer = await server.login('tuphap.anphu')
  arbiter = await arbitrator()
  outsider = await server.login('tuphap.binhminh')
  bookId = await doubleKeyedBook()
})
afterAll(async () => server?.close())

/** A third member of An Phú's team (neither keyer), made by the administrator. */
async function arbitrator(): Promise<Client> {
  const admin = await server.login('admin')
  const password = 'Doi-chieu-Nhap-kep-5821'
  const unitId = await unitIdByCode(server, '98001')
  const account = await admin.post('/api/users', { username: 'kiemtra.anphu', fullName: 'Phan Thị Đối Chiếu', role: 'commune_digitizer', unitId, password })
  expect(account.status, JSON.stringify(account.body)).toBe(201)
  const client = await server.login('kiemtra.anphu', password)
  expect((await client.post('/api/auth/change-password', { currentPassword: password, newPassword: `${password}-moi` })).status).toBe(204)
  return client
}

/** A book of An Phú with double keying switched on by the justice officer. */
async function doubleKeyedBook(): Promise<string> {
  // A volume of its own (a random one met the '777' of another test once in CI: "quyển 777 đã có").
  volumes += 1
  const book = await createBook(officer, server, '98001', { volume: String(900 + volumes) })
  const on = await officer.patch(`/api/books/${book.id}`, { doubleKeying: true, version: book.version })
  expect(on.status).toBe(200)
  expect(on.body.doubleKeying).toBe(true)
  return book.id
}

/** The first keyer's complete entry at a new số. */
async function firstKeying(book: string, overrides: Record<string, string> = {}) {
  number += 1
  const fields = buildBirthFields({ so: String(number), ...overrides })
  const response = await keyer.post(`/api/books/${book}/entries`, { fields, complete: true })
  expect(response.status).toBe(201)
  expect(response.body.status).toBe('keyed')
  return { id: response.body.id as string, fields }
}

const statusInDb = async (id: string) => (await server.db.kysely.selectFrom('entries').select(['status', 'version', 'fields']).where('id', '=', id).executeTakeFirstOrThrow())

describe('the book setting', () => {
  it('is the justice officer\'s, audited; a keyer cannot switch it', async () => {
    const book = await createBook(officer, server, '98001', { volume: '777' })
    expect((await officer.get(`/api/books/${book.id}`)).body.doubleKeying).toBe(false)
    expect((await keyer.patch(`/api/books/${book.id}`, { doubleKeying: true, version: book.version })).status).toBe(403)
    expect((await officer.patch(`/api/books/${book.id}`, { doubleKeying: true, version: book.version })).status).toBe(200)
    expect((await auditRows(server, book.id)).map((r) => r.action)).toContain('book.update')
  })
})

describe('second keying', () => {
  it('two keyers who agree after canonical folding make the entry checked', async () => {
    const first = await firstKeying(bookId, { nksHoTen: 'Nguyễn Thị Hoà', meHoTen: 'Trần Thị Bích' })
    const second = await officer.post(`/api/books/${bookId}/second-keyings`, {
      fields: { ...first.fields, nksHoTen: 'NGUYỄN THỊ HÒA', meHoTen: 'trần  thị bích', ngayDangKy: '15/03/2024', nksNgaySinh: '1/3/2024' },
    })
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ entryId: first.id, outcome: 'agreed', differing: 0 })
    expect(second.body.compared).toBeGreaterThan(10)
    // The book's text is the first keyer's; the agreement is the check (four eyes: two people).
    expect(await statusInDb(first.id)).toMatchObject({ status: 'checked', fields: expect.objectContaining({ nksHoTen: 'Nguyễn Thị Hoà' }) })
    expect((await auditRows(server, first.id)).map((r) => r.action)).toEqual(expect.arrayContaining(['entry.secondKeying', 'entry.check']))
  })

  it('the first keyer cannot key the same entry a second time; nobody keys an entry three times', async () => {
    const first = await firstKeying(bookId)
    const own = await keyer.post(`/api/books/${bookId}/second-keyings`, { fields: first.fields })
    expect(own.status).toBe(403)
    expect(own.body.message).toBe(SAME_KEYER)
    const disagreeing = await officer.post(`/api/books/${bookId}/second-keyings`, { fields: { ...first.fields, nksHoTen: 'Nguyễn Văn Ăn' } })
    expect(disagreeing.body.outcome).toBe('disagreed')
    const again = await officer.post(`/api/books/${bookId}/second-keyings`, { fields: first.fields })
    expect(again.status).toBe(409)
    expect(again.body.message).toMatch(/đã được nhập hai lần/)
    // The same save sent again (a lost answer, the workbench retries): the stored result, one row.
    const retried = await officer.post(`/api/books/${bookId}/second-keyings`, { fields: { ...first.fields, nksHoTen: 'Nguyễn Văn Ăn' } })
    expect(retried.status).toBe(200)
    expect(retried.body).toEqual(disagreeing.body)
    const rows = await server.db.kysely.selectFrom('second_keyings').select('id').where('entry_id', '=', first.id).execute()
    expect(rows).toHaveLength(1)
  })

  it('refuses where there is nothing to compare: no first keying, a book without double keying, another unit', async () => {
    number += 1
    const none = await officer.post(`/api/books/${bookId}/second-keyings`, { fields: buildBirthFields({ so: String(number) }) })
    expect(none.status).toBe(409)
    expect(none.body.error).toBe('no_first_keying')
    const plain = await createBook(officer, server, '98001', { volume: '778' })
    const off = await officer.post(`/api/books/${plain.id}/second-keyings`, { fields: buildBirthFields() })
    expect(off.status).toBe(409)
    expect(off.body.message).toMatch(/không bật nhập kép/)
    expect((await outsider.post(`/api/books/${bookId}/second-keyings`, { fields: buildBirthFields() })).status).toBe(404)
  })
})

describe('the ordinary check', () => {
  it('is not the way in a double-keyed book: refused with a message, and the keyed entry is not in the check queue', async () => {
    const book = await doubleKeyedBook()
    const first = await firstKeying(book)
    const version = (await statusInDb(first.id)).version
    const direct = await officer.post(`/api/entries/${first.id}/transitions`, { action: 'check', version })
    expect(direct.status).toBe(409)
    expect(direct.body.message).toMatch(/Sổ này nhập kép/)
    const corrected = await officer.put(`/api/entries/${first.id}`, { fields: first.fields, version, action: 'check' })
    expect(corrected.status).toBe(409)
    expect((await statusInDb(first.id)).status).toBe('keyed')
    const queue = await officer.get(`/api/review/queue?bookId=${book}&stage=check&pageSize=200`)
    expect(queue.status).toBe(200)
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(first.id)
  })
})

describe('arbitration', () => {
  it('a disagreement waits with both values; neither keyer may arbitrate; another person picks or types, and the entry is checked', async () => {
    const first = await firstKeying(bookId, { nksNgaySinh: '01.03.2024', meHoTen: 'Trần Thị Bích' })
    const second = await officer.post(`/api/books/${bookId}/second-keyings`, { fields: { ...first.fields, nksNgaySinh: '02.03.2024', meHoTen: 'Trần Thị Bích Ngọ' } })
    expect(second.body).toMatchObject({ outcome: 'disagreed', differing: 2 })
    expect((await statusInDb(first.id)).status).toBe('keyed')

    const list = await arbiter.get(`/api/double-keying/arbitration?bookId=${bookId}`)
    expect(list.status).toBe(200)
    const item = list.body.items.find((i: { entryId: string }) => i.entryId === first.id)
    expect(item).toMatchObject({
      mayArbitrate: true,
      differences: [
        { field: 'nksNgaySinh', label: 'Người được đăng ký · Ngày, tháng, năm sinh', first: '01.03.2024', second: '02.03.2024' },
        { field: 'meHoTen', label: 'Thông tin người mẹ · Họ, chữ đệm, tên', first: 'Trần Thị Bích', second: 'Trần Thị Bích Ngọ' },
      ],
    })
    expect((await officer.get(`/api/double-keying/arbitration?bookId=${bookId}`)).body.items.find((i: { entryId: string }) => i.entryId === first.id).mayArbitrate).toBe(false)
    expect((await outsider.get('/api/double-keying/arbitration')).body.items.map((i: { entryId: string }) => i.entryId)).not.toContain(first.id)
    expect((await outsider.get(`/api/double-keying/arbitration?bookId=${bookId}`)).status).toBe(404)

    const choices = { nksNgaySinh: { source: 'first' }, meHoTen: { source: 'typed', value: 'Trần Thị Bích Ngọc' } }
    for (const client of [keyer, officer]) {
      const refused = await client.post(`/api/entries/${first.id}/arbitration`, { version: item.entryVersion, choices })
      expect(refused.status).toBe(403)
      expect(refused.body.message).toBe(NOT_YOUR_ARBITRATION)
    }
    expect((await outsider.post(`/api/entries/${first.id}/arbitration`, { version: item.entryVersion, choices })).status).toBe(404)
    const incomplete = await arbiter.post(`/api/entries/${first.id}/arbitration`, { version: item.entryVersion, choices: { nksNgaySinh: { source: 'second' } } })
    expect(incomplete.status).toBe(422)
    expect(incomplete.body.fieldErrors).toHaveProperty('meHoTen')
    const stale = await arbiter.post(`/api/entries/${first.id}/arbitration`, { version: item.entryVersion - 1, choices })
    expect(stale.status).toBe(409)

    const decided = await arbiter.post(`/api/entries/${first.id}/arbitration`, { version: item.entryVersion, choices })
    expect(decided.status).toBe(200)
    expect(decided.body).toMatchObject({ entryId: first.id, status: 'checked' })
    expect(await statusInDb(first.id)).toMatchObject({ status: 'checked', fields: expect.objectContaining({ nksNgaySinh: '01.03.2024', meHoTen: 'Trần Thị Bích Ngọc' }) })
    expect((await auditRows(server, first.id)).map((r) => r.action)).toEqual(expect.arrayContaining(['entry.update', 'entry.check', 'entry.arbitrate']))
    expect((await arbiter.get(`/api/double-keying/arbitration?bookId=${bookId}`)).body.items.map((i: { entryId: string }) => i.entryId)).not.toContain(first.id)
    expect((await arbiter.post(`/api/entries/${first.id}/arbitration`, { version: decided.body.version, choices })).status).toBe(409)
    // The arbitrator changed the content: approval needs yet another person.
    const entry = (await arbiter.get(`/api/entries/${first.id}`)).body
    expect(entry.allowedActions).not.toContain('approve')
  })
})

describe('agreement rates', () => {
  it('per keyer and per field, from the stored comparisons of a book', async () => {
    const book = await doubleKeyedBook()
    const a = await firstKeying(book)
    const b = await firstKeying(book)
    const agreed = await officer.post(`/api/books/${book}/second-keyings`, { fields: a.fields })
    const disagreed = await officer.post(`/api/books/${book}/second-keyings`, { fields: { ...b.fields, nksHoTen: 'Nguyễn Văn Anh' } })
    expect([agreed.body.outcome, disagreed.body.outcome]).toEqual(['agreed', 'disagreed'])
    const compared = agreed.body.compared + disagreed.body.compared

    const report = await arbiter.get(`/api/double-keying/agreement?bookId=${book}`)
    expect(report.status).toBe(200)
    expect(report.body).toMatchObject({ comparisons: 2, agreedEntries: 1 })
    const byKeyer = new Map(report.body.byKeyer.map((r: { fullName: string }) => [r.fullName, r]))
    expect(byKeyer.get('Lê Văn Khoa')).toEqual(expect.objectContaining({ compared, agreed: compared - 1, rate: Math.round(((compared - 1) / compared) * 10_000) / 10_000 }))
    expect(byKeyer.get('Trần Thị Minh Thư')).toEqual(expect.objectContaining({ compared, agreed: compared - 1 }))
    const byField = new Map(report.body.byField.map((r: { field: string }) => [r.field, r]))
    expect(byField.get('nksHoTen')).toEqual({ field: 'nksHoTen', label: 'Người được đăng ký · Họ, chữ đệm, tên', compared: 2, agreed: 1, rate: 0.5 })
    expect(byField.get('so')).toEqual(expect.objectContaining({ compared: 2, agreed: 2, rate: 1 }))
    expect(report.body.byField[0].field).toBe('nksHoTen')
    expect((await outsider.get(`/api/double-keying/agreement?bookId=${book}`)).status).toBe(404)
  })
})
