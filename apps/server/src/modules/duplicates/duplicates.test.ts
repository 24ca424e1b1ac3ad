/** The registry's duplicate scan and review list (issue 12): found, scoped, audited, decided once, never deleted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook, unitIdByCode } from '../../test/factories'
import { importFile, syntheticBirthRow, waitForJob, workbookOf } from '../../test/import-helpers'
import { scanDuplicates, type FoundPair } from './scan'

let server: TestServer
let officer: Client
let keyer: Client
let stranger: Client
let anPhu: string
const ids: Record<string, string> = {}

async function entry(client: Client, bookId: string, name: string, fields: Record<string, string>) {
  const created = await client.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields(fields) })
  expect(created.status).toBe(201)
  ids[name] = created.body.id
}

type Pair = { id: string; sameNumber: boolean; sameEvent: boolean; status: string; entries: Array<{ id: string; status: string }> }
const pairOf = (items: Pair[], x: string, y: string) => items.find((p) => [x, y].every((id) => p.entries.some((e) => e.id === ids[id])))

async function scan(client: Client, body: Record<string, unknown>) {
  const started = await client.post('/api/duplicates/scan', body)
  expect(started.status).toBe(202)
  const job = await waitForJob(client, started.body.jobId)
  expect(job.status).toBe('succeeded')
  return job
}

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  keyer = await server.login('sohoa.anphu')
  stranger = await server.login('tuphap.binhminh')
  anPhu = await unitIdByCode(server, '98001')
  const book = (await createBook(officer, server)).id
  const copy = (await createBook(officer, server, '98001', { volume: '02/2024' })).id
  await entry(keyer, book, 'first', { so: '12' })
  // The same birth keyed again from the book's duplicate copy: no diacritics, the mother's middle name dropped.
  await entry(keyer, copy, 'again', { so: '12', nksHoTen: 'NGUYEN VAN AN', meHoTen: 'Trần Bích', ngayDangKy: '16.03.2024' })
  // Another child with the number already used in the year in the same book.
  await entry(keyer, book, 'sameNumber', { so: '12', nksHoTen: 'Lê Thị Mai', nksNgaySinh: '05.03.2024', meHoTen: 'Phạm Thị Thu', chaHoTen: 'Lê Văn Nam' })
  // A cousin of the same name: another mother, another birth date.
  await entry(keyer, book, 'cousin', { so: '20', nksNgaySinh: '20.02.2024', meHoTen: 'Hồ Thị Lan', chaHoTen: 'Nguyễn Văn Dũng' })
  const otherBook = (await createBook(stranger, server, '98002')).id
  await entry(stranger, otherBook, 'elsewhere', { so: '12' })
})
afterAll(async () => server?.close())

describe('duplicate scan and review list', () => {
  it('finds the same event and the same số in a unit, not the cousin, and nothing of another commune', async () => {
    const job = await scan(officer, { unitId: anPhu })
    expect(job.result).toMatchObject({ pairs: 3, added: 3 })
    const list = await officer.get(`/api/duplicates?unitId=${anPhu}`)
    expect(list.status).toBe(200)
    const items = list.body.items as Pair[]
    expect(pairOf(items, 'first', 'again')).toMatchObject({ sameEvent: true, sameNumber: true })
    expect(pairOf(items, 'first', 'sameNumber')).toMatchObject({ sameEvent: false, sameNumber: true })
    expect(pairOf(items, 'again', 'sameNumber')).toMatchObject({ sameEvent: false, sameNumber: true })
    expect(items.some((p) => p.entries.some((e) => e.id === ids.cousin || e.id === ids.elsewhere))).toBe(false)
    expect((await auditRows(server, anPhu)).find((r) => r.action === 'duplicate.list')?.details).toMatchObject({ entries: expect.arrayContaining([ids.first, ids.again]) })

    expect((await stranger.get('/api/duplicates')).body.items).toEqual([])
    expect((await stranger.get(`/api/duplicates?unitId=${anPhu}`)).status).toBe(404)
    expect((await stranger.post('/api/duplicates/scan', { unitId: anPhu })).status).toBe(404)
    const pair = pairOf(items, 'first', 'again') as Pair
    expect((await stranger.post(`/api/duplicates/${pair.id}/decision`, { decision: 'different' })).status).toBe(404)
  })

  it('a unit too large for one read is scanned in buckets of its keys: the same pairs, checked between parts', async () => {
    const checks: string[] = []
    const whole = await scanDuplicates(server.db.kysely, { unitId: anPhu }, async (stage) => void checks.push(stage))
    const key = (p: FoundPair) => `${p.a}|${p.b}|${p.sameNumber}|${p.sameEvent}`
    expect(whole.map(key).sort()).toHaveLength(3)
    expect([...new Set(checks)]).toEqual(['number', 'name', 'birth'])
    // Buckets of 2 entries: the unit's 4 entries are read in 2 buckets per key, a group never split.
    const parts: string[] = []
    const bucketed = await scanDuplicates(server.db.kysely, { unitId: anPhu }, async (stage) => void parts.push(stage), 2)
    expect(bucketed.map(key).sort()).toEqual(whole.map(key).sort())
    expect(parts.filter((stage) => stage === 'name').length).toBeGreaterThanOrEqual(2)
  })

  it('"same entry — keep one" withdraws the other (kept, audited); a second decision is refused; a keyer may not withdraw', async () => {
    const items = (await officer.get(`/api/duplicates?unitId=${anPhu}`)).body.items as Pair[]
    const pair = pairOf(items, 'first', 'again') as Pair
    const byKeyer = await keyer.post(`/api/duplicates/${pair.id}/decision`, { decision: 'same', keepEntryId: ids.first })
    expect(byKeyer.status).toBe(409)
    expect((await officer.get(`/api/entries/${ids.again}`)).body.status).toBe('draft')

    const wrongKeep = await officer.post(`/api/duplicates/${pair.id}/decision`, { decision: 'same', keepEntryId: ids.cousin })
    expect(wrongKeep.status).toBe(422)
    const decided = await officer.post(`/api/duplicates/${pair.id}/decision`, { decision: 'same', keepEntryId: ids.first, reason: 'Sổ bản sao' })
    expect(decided.status).toBe(200)
    expect(decided.body).toMatchObject({ status: 'same', keptEntryId: ids.first, decidedBy: expect.any(String) })
    const withdrawn = await officer.get(`/api/entries/${ids.again}`)
    expect(withdrawn.status).toBe(200)
    expect(withdrawn.body.status).toBe('withdrawn')
    expect((await auditRows(server, pair.id)).find((r) => r.action === 'duplicate.decide')?.details).toMatchObject({ decision: 'same', withdrawn: ids.again })

    expect((await officer.post(`/api/duplicates/${pair.id}/decision`, { decision: 'different' })).status).toBe(409)
    const other = pairOf(items, 'first', 'sameNumber') as Pair
    expect((await officer.post(`/api/duplicates/${other.id}/decision`, { decision: 'different' })).body.status).toBe('different')
  })

  it('a new scan keeps decisions and leaves withdrawn entries out', async () => {
    const job = await scan(officer, { unitId: anPhu })
    // Only the pair decided "different" is found again (not reopened); the withdrawn entry is in no block.
    expect(job.result).toMatchObject({ pairs: 1, added: 0 })
    // The other open pair of the withdrawn entry needs no decision any more.
    expect((await officer.get(`/api/duplicates?unitId=${anPhu}`)).body).toMatchObject({ items: [], total: 0 })
    expect((await officer.get(`/api/duplicates?unitId=${anPhu}&status=same`)).body.total).toBe(1)
    expect((await officer.get(`/api/duplicates?unitId=${anPhu}&status=different`)).body.total).toBe(1)
  })

  it('links a death and marriages to the birth entry, and flags a party married again while an earlier marriage stands', async () => {
    const kt = (await createBook(officer, server, '98001', { bookType: 'KT', volume: '01/2030', year: 2030 })).id
    const kh = (await createBook(officer, server, '98001', { bookType: 'KH', volume: '01/2050', year: 2050 })).id
    const post = async (bookId: string, fields: Record<string, string>) => {
      const created = await officer.post(`/api/books/${bookId}/entries`, { fields })
      expect(created.status).toBe(201)
      return created.body.id as string
    }
    const death = await post(kt, { so: '3', ngayDangKy: '02.02.2030', nktHoTen: 'Nguyễn Văn An', nktNgaySinh: '01.03.2024' })
    const first = await post(kh, { so: '1', ngayDangKy: '10.01.2050', chongHoTen: 'NGUYEN VAN AN', chongNgaySinh: '01.03.2024', voHoTen: 'Lê Thị Mai', voNgaySinh: '05.03.2024' })
    const second = await post(kh, { so: '2', ngayDangKy: '20.06.2050', chongHoTen: 'Nguyễn Văn An', chongNgaySinh: '01.03.2024', voHoTen: 'Trần Thị Hoa', voNgaySinh: '1.1.2025' })
    // The wife of the second marriage marries another man later, with no divorce recorded.
    const third = await post(kh, { so: '3', ngayDangKy: '01.09.2050', chongHoTen: 'Phạm Văn Hùng', chongNgaySinh: '02.02.2024', voHoTen: 'Tran Thi Hoa', voNgaySinh: '01.01.2025' })

    const ofDeath = await officer.get(`/api/entries/${death}/related`)
    expect(ofDeath.status).toBe(200)
    expect(ofDeath.body.items.map((i: { relation: string; entry: { id: string } }) => [i.relation, i.entry.id])).toEqual(expect.arrayContaining([['Khai sinh', ids.first], ['Kết hôn', first], ['Kết hôn', second]]))
    expect(ofDeath.body.items.some((i: { entry: { id: string } }) => i.entry.id === ids.again)).toBe(false)
    // A dead former partner ends a marriage: the death was of another man after all (corrected), so An lives.
    expect(await officer.put(`/api/entries/${death}`, { fields: { so: '3', ngayDangKy: '02.02.2030', nktHoTen: 'Nguyễn Văn Bảo', nktNgaySinh: '01.03.2024' }, version: 1 })).toMatchObject({ status: 200 })
    // The wife of the first marriage was born to the "sameNumber" entry's date and name: her birth entry is linked.
    const ofMarriage = await officer.get(`/api/entries/${first}/related`)
    expect(ofMarriage.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'Thông tin người vợ', relation: 'Khai sinh', entry: expect.objectContaining({ id: ids.sameNumber }) })]))
    // The wife of the third marriage is found in the second as its wife (her own marriages, not only as a subject).
    const ofThird = await officer.get(`/api/entries/${third}/related`)
    expect(ofThird.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'Thông tin người vợ', relation: 'Kết hôn (người vợ)', entry: expect.objectContaining({ id: second }) })]))
    expect(ofThird.body.flags).toEqual([expect.stringMatching(/^Người vợ đã có đăng ký kết hôn khác \(số 2(\/2050)?, quyển 01\/2050\) và chưa thấy khai tử người chồng trước/)])

    // The second marriage: the husband's first marriage stands (its wife alive, no divorce), and the wife married again.
    const flagged = await officer.get(`/api/entries/${second}/related`)
    expect(flagged.body.flags).toEqual([expect.stringMatching(/^Người chồng đã có đăng ký kết hôn khác \(số 1(\/2050)?, quyển 01\/2050\) và chưa thấy khai tử người vợ trước/), expect.stringMatching(/^Người vợ đã có đăng ký kết hôn khác \(số 3/)])
    expect((await auditRows(server, second)).find((r) => r.action === 'entry.related')?.details).toMatchObject({ flags: 2 })
    expect((await stranger.get(`/api/entries/${second}/related`)).status).toBe(404)

    // The first wife's death ends the first marriage; a divorce noted on the second ends it for the third.
    await post(kt, { so: '4', ngayDangKy: '02.03.2049', nktHoTen: 'Lê Thị Mai', nktNgaySinh: '05.03.2024' })
    expect((await officer.get(`/api/entries/${second}/related`)).body.flags).toEqual([expect.stringMatching(/^Người vợ đã có đăng ký kết hôn khác \(số 3/)])
    const divorce = await officer.post(`/api/entries/${second}/notes`, { kind: 'divorce', decisionNumber: '12/2026/QĐST-HNGĐ', authority: 'TAND huyện Đông Sơn', text: 'Ly hôn' })
    expect(divorce.status).toBe(201)
    expect((await officer.get(`/api/entries/${third}/related`)).body.flags).toEqual([])
    expect((await officer.get(`/api/entries/${first}/related`)).body.flags).toEqual([])
  })

  it('an import checks the books it wrote against the registers: the same birth keyed before is listed, the import is not held', async () => {
    const person = { nksHoTen: 'Hoàng Thị Hạnh', nksGioiTinh: '2', nksNgaySinh: '01.04.2024', meHoTen: 'Đỗ Thị Lụa', chaHoTen: 'Hoàng Văn Tùng', ngayDangKy: '10.04.2024' }
    const book = (await createBook(officer, server, '98001', { volume: '04/2024' })).id
    await entry(keyer, book, 'keyedFirst', { ...person, so: '40', quyenSo: '04/2024' })
    const rows = [syntheticBirthRow(1, 2024, '05/2024'), syntheticBirthRow(2, 2024, '05/2024'), buildBirthFields({ ...person, so: '3', quyenSo: '05/2024' })]
    const imported = await importFile(officer, 'so-05-2024.xlsx', await workbookOf(rows))
    expect(imported.status).toBe('succeeded')
    expect(imported.counts).toMatchObject({ accepted: 3, duplicateScans: [expect.any(String)] })
    const job = await waitForJob(officer, imported.counts.duplicateScans[0])
    expect(job).toMatchObject({ kind: 'duplicates.scan', status: 'succeeded' })
    const items = (await officer.get(`/api/duplicates?unitId=${anPhu}`)).body.items as Pair[]
    const found = items.find((p) => p.entries.some((e) => e.id === ids.keyedFirst))
    expect(found).toMatchObject({ sameEvent: true, sameNumber: false, status: 'open' })
    // The synthetic rows are nobody's duplicates.
    expect(items.filter((p) => p.entries.some((e) => e.id === ids.keyedFirst))).toHaveLength(1)
  })

  it('refuses malformed requests with 400', async () => {
    expect((await officer.post('/api/duplicates/scan', { unitId: 'x' })).status).toBe(400)
    expect((await officer.get('/api/duplicates?status=maybe')).status).toBe(400)
  })
})
