import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { buildPdf, uploadScans, waitForJob } from '../scans/scan-fixtures'

let server: TestServer
let officer: Client
let bookId: string
let pageIds: string[]

const userId = async (username: string) =>
  (await server.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

async function createEntry(book: string, fields: Record<string, string>, extra: Record<string, unknown> = {}, client = officer) {
  const response = await client.post(`/api/books/${book}/entries`, { fields, ...extra })
  if (response.status !== 201) throw new Error(`create entry: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body as { id: string; version: number; pageIds: string[] }
}

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  bookId = (await createBook(officer, server)).id
  const upload = await uploadScans(officer, bookId, [{ name: 'so.pdf', data: await buildPdf(3) }])
  await waitForJob(officer, upload.body.jobId ?? '')
  pageIds = ((await officer.get(`/api/books/${bookId}/pages`)).body.items as Array<{ id: string }>).map((p) => p.id)
})
afterAll(async () => server?.close())

describe('entry pages', () => {
  it('links an entry to one or two pages, shows the count per page, and refuses pages of another book', async () => {
    const entry = await createEntry(bookId, buildBirthFields({ so: '1' }), { pageIds: [pageIds[0], pageIds[1]] })
    expect(entry.pageIds).toEqual([pageIds[0], pageIds[1]])
    const counts = async () => ((await officer.get(`/api/books/${bookId}/pages`)).body.items as Array<{ entryCount: number }>).map((p) => p.entryCount)
    expect(await counts()).toEqual([1, 1, 0])
    const moved = await officer.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ so: '1' }), version: entry.version, pageIds: [pageIds[2]] })
    expect(moved.status).toBe(200)
    expect(moved.body.pageIds).toEqual([pageIds[2]])
    expect(await counts()).toEqual([0, 0, 1])
    expect((await officer.get(`/api/entries/${entry.id}`)).body.pageIds).toEqual([pageIds[2]])

    const otherBook = (await createBook(officer, server, '98001', { volume: '09/2024' })).id
    const wrong = await officer.post(`/api/books/${otherBook}/entries`, { fields: buildBirthFields(), pageIds: [pageIds[0]] })
    expect(wrong.status).toBe(400)
    expect(wrong.body.fieldErrors.pageIds).toBe('Chọn trang ảnh của chính sổ này')
    expect((await officer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields(), pageIds })).status).toBe(400)
    const rows = await server.db.kysely.selectFrom('entries').select('id').where('book_id', '=', otherBook).execute()
    expect(rows).toHaveLength(0)
  })
})

describe('numbering', () => {
  it('lists missing and duplicate numbers per year, counting the authority’s other book of the same year', async () => {
    // Its own issuing authority: the other books of this file (UBND xã An Phú) would share the numbering.
    const authority = { issuingAuthority: 'UBND xã Phú Hưng' }
    const book = (await createBook(officer, server, '98001', { volume: '03/2024', ...authority })).id
    for (const so of ['1', '2', '4', '4', '6', '']) await createEntry(book, buildBirthFields({ so }))
    await createEntry(book, buildBirthFields({ so: '1', ngayDangKy: '20.01.2025' }))
    const first = await officer.get(`/api/books/${book}/numbering?year=2024`)
    expect(first.status).toBe(200)
    const year = first.body.years[0]
    expect(year).toMatchObject({ year: 2024, count: 5, min: 1, max: 6, missingCount: 2, missing: [{ from: 3, to: 3 }, { from: 5, to: 5 }] })
    expect(year.duplicates).toHaveLength(1)
    expect(year.duplicates[0]).toMatchObject({ so: 4 })
    expect(year.duplicates[0].entries).toHaveLength(2)
    expect(first.body.withoutNumber).toBe(1)

    // Another book of the same authority and year holds 3 and 6: 3 is no longer missing, 6 is a duplicate.
    const second = (await createBook(officer, server, '98001', { volume: '04/2024', ...authority })).id
    await createEntry(second, buildBirthFields({ so: '3' }))
    await createEntry(second, buildBirthFields({ so: '6' }))
    const all = (await officer.get(`/api/books/${book}/numbering`)).body
    expect(all.years.map((y: { year: number }) => y.year)).toEqual([2024, 2025])
    expect(all.years[0].missing).toEqual([{ from: 5, to: 5 }])
    expect(all.years[0].duplicates.map((d: { so: number }) => d.so)).toEqual([4, 6])
    expect(all.years[0].otherBooks).toEqual([expect.objectContaining({ bookId: second, volume: '04/2024', count: 2, min: 3, max: 6 })])
    expect(all.years[1]).toMatchObject({ year: 2025, count: 1, missingCount: 0 })
  })
})

describe('carry-forward', () => {
  it('starts an empty book with its volume and authority, then repeats the header of the previous entry with số + 1 and its page', async () => {
    const book = (await createBook(officer, server, '98001', { volume: '05/2024' })).id
    const upload = await uploadScans(officer, book, [{ name: 'b.pdf', data: await buildPdf(3, 'B') }])
    await waitForJob(officer, upload.body.jobId ?? '')
    const pages = ((await officer.get(`/api/books/${book}/pages`)).body.items as Array<{ id: string }>).map((p) => p.id)
    const empty = await officer.get(`/api/books/${book}/next-entry`)
    expect(empty.status).toBe(200)
    expect(empty.body).toMatchObject({ fields: { so: '1', quyenSo: '05/2024', noiDangKy: 'UBND xã An Phú' }, year: 2024, previousEntryId: null, page: { id: pages[0], position: 1 }, nextPage: { id: pages[1] } })

    const previous = await createEntry(book, buildBirthFields({ so: '009', trangSo: '4', nguoiKy: 'Lê Văn Tâm', chucVuNguoiKy: 'Phó Chủ tịch', nguoiThucHien: 'Trần Thị Hạnh', noiDangKy: 'UBND xã An Phú, huyện Đông Sơn' }), { pageIds: [pages[1]] })
    const next = (await officer.get(`/api/books/${book}/next-entry`)).body
    expect(next).toMatchObject({
      fields: { so: '010', trangSo: '4', quyenSo: '01/2024', nguoiKy: 'Lê Văn Tâm', chucVuNguoiKy: 'Phó Chủ tịch', nguoiThucHien: 'Trần Thị Hạnh', noiDangKy: 'UBND xã An Phú, huyện Đông Sơn' },
      previousEntryId: previous.id,
      page: { id: pages[1], position: 2 },
      nextPage: { id: pages[2], position: 3 },
    })
    expect(next.fields).not.toHaveProperty('nksHoTen')
  })
})

describe('server drafts', () => {
  it('restores the latest draft, ignores a late older autosave, hides it from others, and ends it when the entry is created', async () => {
    const txn = 'txn-draft-000001'
    const first = await officer.put(`/api/drafts/${txn}`, { bookId, fields: { so: '20', nksHoTen: 'Nguyễn Văn' }, seq: 1 })
    expect(first.status).toBe(200)
    const second = await officer.put(`/api/drafts/${txn}`, { bookId, fields: { so: '20', nksHoTen: 'Nguyễn Văn Bình' }, pageIds: [pageIds[0]], seq: 3 })
    expect(second.body).toMatchObject({ seq: 3, ignored: false })
    const late = await officer.put(`/api/drafts/${txn}`, { bookId, fields: { so: '20', nksHoTen: 'Nguyễn' }, seq: 2 })
    expect(late.body).toMatchObject({ ignored: true, fields: { nksHoTen: 'Nguyễn Văn Bình' } })

    const restored = await officer.get(`/api/drafts/${txn}`)
    expect(restored.body).toMatchObject({ clientTxnId: txn, bookId, fields: { so: '20', nksHoTen: 'Nguyễn Văn Bình' }, pageIds: [pageIds[0]], seq: 3 })
    expect((await officer.get(`/api/drafts?bookId=${bookId}`)).body.items.map((d: { clientTxnId: string }) => d.clientTxnId)).toContain(txn)

    const colleague = await server.login('sohoa.anphu')
    expect((await colleague.get(`/api/drafts/${txn}`)).status).toBe(404)
    expect((await colleague.put(`/api/drafts/${txn}`, { bookId, fields: { so: '1' } })).status).toBe(404)
    const other = await server.login('tuphap.binhminh')
    expect((await other.put('/api/drafts/txn-other-0001', { bookId, fields: { so: '1' } })).status).toBe(404)

    await createEntry(bookId, buildBirthFields({ so: '20', nksHoTen: 'Nguyễn Văn Bình' }), { clientTxnId: txn, pageIds: [pageIds[0]] })
    expect((await officer.get(`/api/drafts/${txn}`)).status).toBe(404)
    const after = await officer.put(`/api/drafts/${txn}`, { bookId, fields: { so: '20' } })
    expect(after.status).toBe(409)
    expect(after.body.entryId).toBeDefined()
    expect((await auditRows(server, txn)).map((r) => r.action)).toEqual(['draft.save', 'draft.save', 'draft.read'])
  })

  it('keeps the OCR provenance with the draft, so an entry resumed elsewhere is saved with it; refuses a bad one', async () => {
    const txn = 'txn-draft-ocr-0001'
    const ocr = [{ key: 'nksHoTen', proposed: 'Nguyễn Văn Bình', confidence: 88 }, { key: 'nguoiKy', proposed: 'Hồ Đắc Thượng', confidence: 61 }]
    const saved = await officer.put(`/api/drafts/${txn}`, { bookId, fields: { so: '21', nksHoTen: 'Nguyễn Văn Bình' }, seq: 1, ocr })
    expect(saved.status).toBe(200)
    expect(saved.body.ocr).toEqual(ocr)
    // Another computer: the list the workbench opens with gives the provenance back.
    const listed = (await officer.get(`/api/drafts?bookId=${bookId}`)).body.items as Array<{ clientTxnId: string; ocr?: unknown }>
    expect(listed.find((d) => d.clientTxnId === txn)?.ocr).toEqual(ocr)
    const bad = await officer.put(`/api/drafts/${txn}`, { bookId, fields: { so: '21' }, seq: 2, ocr: [{ key: 'nksHoTen', proposed: 'x', confidence: 150 }] })
    expect(bad.status).toBe(400)
    expect((await officer.get(`/api/drafts/${txn}`)).body).toMatchObject({ seq: 1, ocr })
    // A draft saved without proposals has none.
    const plain = await officer.put(`/api/drafts/${txn}`, { bookId, fields: { so: '21' }, seq: 3 })
    expect(plain.body.ocr).toBeUndefined()
  })

  it('a discarded draft is gone', async () => {
    const txn = 'txn-draft-000002'
    await officer.put(`/api/drafts/${txn}`, { bookId, fields: { so: '21' } })
    const discarded = await officer.fetch(`/api/drafts/${txn}`, { method: 'DELETE' })
    expect(discarded.status).toBe(204)
    expect((await officer.get(`/api/drafts/${txn}`)).status).toBe(404)
  })
})

describe('work queue', () => {
  it('the justice officer assigns a book; the keyer sees it with where they stopped', async () => {
    const book = (await createBook(officer, server, '98001', { volume: '06/2024' })).id
    const upload = await uploadScans(officer, book, [{ name: 'c.pdf', data: await buildPdf(2, 'C') }])
    await waitForJob(officer, upload.body.jobId ?? '')
    const pages = ((await officer.get(`/api/books/${book}/pages`)).body.items as Array<{ id: string }>).map((p) => p.id)
    const keyerId = await userId('sohoa.anphu')
    const assigned = await officer.post(`/api/books/${book}/assignments`, { userId: keyerId })
    expect(assigned.status).toBe(201)
    expect(assigned.body.items).toEqual([expect.objectContaining({ userId: keyerId, username: 'sohoa.anphu' })])

    const keyer = await server.login('sohoa.anphu')
    const empty = (await keyer.get('/api/keying/queue')).body.items
    expect(empty).toEqual([expect.objectContaining({ book: expect.objectContaining({ id: book, volume: '06/2024' }), myEntryCount: 0, pageCount: 2, lastEntry: null, openDraft: null })])

    await createEntry(book, buildBirthFields({ so: '1' }), { pageIds: [pages[0]] }, keyer)
    const entry = await createEntry(book, buildBirthFields({ so: '2' }), { pageIds: [pages[0], pages[1]] }, keyer)
    await keyer.put('/api/drafts/txn-queue-00001', { bookId: book, fields: { so: '3' } })
    const [item] = (await keyer.get('/api/keying/queue')).body.items
    expect(item).toMatchObject({
      myEntryCount: 2, entryCount: 2, pagesWithEntries: 2,
      lastEntry: { id: entry.id, so: 2, page: { id: pages[1], position: 2 } },
      openDraft: { clientTxnId: 'txn-queue-00001' },
    })
    expect((await officer.get('/api/keying/queue')).body.items).toEqual([])
  })

  it('refuses assignments that cannot work: another commune’s user (404), a role that does not key (400), a keyer assigning (403)', async () => {
    const book = (await createBook(officer, server, '98001', { volume: '07/2024' })).id
    expect((await officer.post(`/api/books/${book}/assignments`, { userId: await userId('tuphap.binhminh') })).status).toBe(404)
    const leader = await officer.post(`/api/books/${book}/assignments`, { userId: await userId('lanhdao.anphu') })
    expect(leader.status).toBe(400)
    expect(leader.body.message).toMatch(/không thể nhập liệu sổ này/)
    const keyer = await server.login('sohoa.anphu')
    expect((await keyer.post(`/api/books/${book}/assignments`, { userId: await userId('sohoa.anphu') })).status).toBe(403)
    const other = await server.login('tuphap.binhminh')
    expect((await other.post(`/api/books/${book}/assignments`, { userId: await userId('tuphap.binhminh') })).status).toBe(404)
    expect((await officer.get(`/api/books/${book}/assignments`)).body.items).toEqual([])
  })
})

describe('scope', () => {
  it("another commune's officer gets 404 on numbering and carry-forward", async () => {
    const other = await server.login('tuphap.binhminh')
    expect((await other.get(`/api/books/${bookId}/numbering`)).status).toBe(404)
    expect((await other.get(`/api/books/${bookId}/next-entry`)).status).toBe(404)
  })
})
