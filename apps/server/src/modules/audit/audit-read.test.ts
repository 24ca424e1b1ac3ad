/**
 * Issue 14, "Readable": the audit screen's API. Filters, keyset pages newest first, "who has looked
 * at this entry / this citizen", the unit scope (another unit's record is 404), the administrator who
 * sees no citizens' data through it, and the Excel export, itself audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditEntityPage, AuditPage } from '@hts/domain'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook, unitIdByCode } from '../../test/factories'

let server: TestServer
let keyer: Client
let province: Client
let entryId: string
let otherEntryId: string
const PERSONAL_ID = '034224001234'

const userId = async (username: string) => (await server.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

async function page(client: Client, url: string) {
  const response = await client.get(url)
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return AuditPage.parse(response.body)
}

beforeAll(async () => {
  server = await startTestServer()
  keyer = await server.login('tuphap.anphu')
  province = await server.login('sotuphap')
  const bookId = (await createBook(keyer, server)).id
  const created = await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ nksSoDinhDanh: PERSONAL_ID }) })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  entryId = created.body.id
  const other = await server.login('tuphap.binhminh')
  const otherBook = (await createBook(other, server, '98002', { issuingAuthority: 'UBND xã Bình Minh' })).id
  otherEntryId = (await other.post(`/api/books/${otherBook}/entries`, { fields: buildBirthFields() })).body.id
  // The trail the tests read: the keyer opens the entry and lists the book, the province reads it, a neighbour is refused.
  expect((await keyer.get(`/api/entries/${entryId}`)).status).toBe(200)
  expect((await keyer.get(`/api/books/${bookId}/entries`)).status).toBe(200)
  expect((await province.get(`/api/entries/${entryId}`)).status).toBe(200)
  expect((await other.get(`/api/entries/${entryId}`)).status).toBe(404)
})
afterAll(async () => server?.close())

describe('GET /api/audit', () => {
  it('lists the trail newest first with names, unit, Vietnamese action label and a summary; pages by cursor without gaps or repeats', async () => {
    const first = await page(province, '/api/audit?pageSize=3')
    expect(first.items).toHaveLength(3)
    expect(first.nextCursor).not.toBeNull()
    const all = [...first.items]
    let cursor = first.nextCursor
    while (cursor && all.length < 400) {
      const next = await page(province, `/api/audit?pageSize=3&cursor=${cursor}`)
      all.push(...next.items)
      cursor = next.nextCursor
    }
    const ids = all.map((e) => Number(e.id))
    expect(new Set(ids).size).toBe(ids.length)
    const times = all.map((e) => new Date(e.occurredAt).getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    // Every row of the trail in scope was reached (the audit.list rows of this walk are newer than its first page).
    const total = await server.db.kysely.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('id', '<=', ids[0] ?? 0).executeTakeFirstOrThrow()
    expect(all.filter((e) => Number(e.id) <= (ids[0] ?? 0)).length).toBe(Number(total.n))
    const read = all.find((e) => e.action === 'entry.read' && e.userId !== null && e.entityId === entryId && e.username === 'tuphap.anphu')
    expect(read).toMatchObject({ userName: 'Trần Thị Minh Thư', unitName: 'Xã An Phú', actionLabel: 'Xem trường hợp', entityTypeLabel: 'Trường hợp' })
  })

  it('filters by user, action, unit (with the units below or not), entity and date', async () => {
    const keyerId = await userId('tuphap.anphu')
    const byUser = await page(province, `/api/audit?userId=${keyerId}&pageSize=200`)
    expect(byUser.items.length).toBeGreaterThan(0)
    expect(byUser.items.every((e) => e.userId === keyerId)).toBe(true)

    const byAction = await page(province, '/api/audit?action=entry.read&pageSize=200')
    expect(byAction.items.map((e) => e.username).sort()).toEqual(['sotuphap', 'tuphap.anphu'])

    const anPhu = await unitIdByCode(server, '98001')
    const byUnit = await page(province, `/api/audit?unitId=${anPhu}&pageSize=200`)
    expect(new Set(byUnit.items.map((e) => e.unitName))).toEqual(new Set(['Xã An Phú']))
    const provinceId = await unitIdByCode(server, '98')
    const provinceOnly = await page(province, `/api/audit?unitId=${provinceId}&includeBelow=false&pageSize=200`)
    expect(new Set(provinceOnly.items.map((e) => e.unitName))).toEqual(new Set(['Tỉnh Sơn Hà']))
    const provinceAndBelow = await page(province, `/api/audit?unitId=${provinceId}&pageSize=200`)
    expect(provinceAndBelow.items.some((e) => e.unitName === 'Xã Bình Minh')).toBe(true)

    const byEntity = await page(province, `/api/audit?entityType=entry&entityId=${entryId}&pageSize=200`)
    expect(byEntity.items.map((e) => e.action)).toEqual(expect.arrayContaining(['entry.create', 'entry.read', 'access.refused']))

    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' })
    expect((await page(province, `/api/audit?from=${today}&to=${today}&pageSize=5`)).items).toHaveLength(5)
    expect((await page(province, '/api/audit?from=2020-01-01&to=2020-01-31')).items).toEqual([])
  })

  it('a commune leader sees the rows of their commune only; an unknown unit or a bad cursor is refused in Vietnamese', async () => {
    const leader = await server.login('lanhdao.anphu')
    const rows = await page(leader, '/api/audit?pageSize=200')
    expect(rows.items.length).toBeGreaterThan(0)
    expect(new Set(rows.items.map((e) => e.unitName))).toEqual(new Set(['Xã An Phú']))
    const binhMinh = await unitIdByCode(server, '98002')
    const refused = await leader.get(`/api/audit?unitId=${binhMinh}`)
    expect(refused.status).toBe(404)
    expect(refused.body.message).toMatch(/phạm vi/)
    const bad = await leader.get('/api/audit?cursor=abc')
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/Con trỏ trang/)
  })

  it('roles without audit.read get 403; reading the trail is itself recorded', async () => {
    expect((await keyer.get('/api/audit')).status).toBe(403)
    const before = await server.db.kysely.selectFrom('audit_events').select('id').where('action', '=', 'audit.list').execute()
    await page(province, '/api/audit?action=entry.read')
    const after = await server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'audit.list').orderBy('id', 'desc').execute()
    expect(after.length).toBe(before.length + 1)
    expect(after[0]).toMatchObject({ user_id: await userId('sotuphap'), details: { filter: { action: 'entry.read' } } })
  })
})

describe('who has looked at this entry / this citizen', () => {
  it('lists every read of the entry (own reads, list reads that returned it, refusals), whoever acted', async () => {
    const response = await province.get(`/api/audit/entity/entry/${entryId}`)
    expect(response.status).toBe(200)
    const result = AuditEntityPage.parse(response.body)
    expect(result.entity).toMatchObject({ type: 'entry', id: entryId, label: 'Sổ KS 01/2024, số 12 năm 2024' })
    const seen = result.items.map((e) => `${e.action} ${e.username}`)
    expect(seen).toEqual(expect.arrayContaining(['entry.create tuphap.anphu', 'entry.read tuphap.anphu', 'entry.list tuphap.anphu', 'entry.read sotuphap', 'access.refused tuphap.binhminh']))
    const audited = await server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'audit.entity').where('entity_id', '=', entryId).execute()
    expect(audited).toHaveLength(1)
  })

  it('the commune sees who from the province read its entry; another unit\'s entry is 404', async () => {
    const leader = await server.login('lanhdao.anphu')
    const mine = AuditEntityPage.parse((await leader.get(`/api/audit/entity/entry/${entryId}`)).body)
    expect(mine.items.some((e) => e.username === 'sotuphap' && e.action === 'entry.read')).toBe(true)
    const other = await leader.get(`/api/audit/entity/entry/${otherEntryId}`)
    expect(other.status).toBe(404)
    expect((await leader.get('/api/audit/entity/entry/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('by personal ID: the reads of the entries carrying it', async () => {
    const response = await province.get(`/api/audit/entity/citizen/${PERSONAL_ID}`)
    expect(response.status).toBe(200)
    const result = AuditEntityPage.parse(response.body)
    expect(result.entity.entryIds).toEqual([entryId])
    expect(result.items.some((e) => e.action === 'entry.read' && e.entityId === entryId)).toBe(true)
    expect((await province.get('/api/audit/entity/citizen/12345')).status).toBe(400)
  })

  it('the administrator follows logins and accounts but sees no citizens\' data through the trail', async () => {
    const admin = await server.login('admin')
    const rows = await page(admin, '/api/audit?pageSize=200')
    const entryRows = rows.items.filter((e) => e.action === 'entry.create')
    expect(entryRows.length).toBeGreaterThan(0)
    expect(entryRows.every((e) => e.details === null && !e.summary.includes('Nguyễn'))).toBe(true)
    expect(JSON.stringify(rows)).not.toContain('Nguyễn Văn An')
    expect(rows.items.find((e) => e.action === 'auth.login')?.details).not.toBeNull()
    expect((await admin.get(`/api/audit/entity/citizen/${PERSONAL_ID}`)).status).toBe(403)
  })
})

describe('GET /api/audit/export.xlsx', () => {
  it('exports the filtered trail with inert cells and records the export', async () => {
    const response = await province.fetch(`/api/audit/export.xlsx?entityType=entry&entityId=${entryId}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/spreadsheetml/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never)
    const sheet = book.worksheets[0]
    if (!sheet) throw new Error('no sheet')
    expect(sheet.getRow(1).getCell(5).value).toBe('Thao tác')
    const actions = sheet.getColumn(6).values.slice(2)
    expect(actions).toEqual(expect.arrayContaining(['entry.create', 'entry.read']))
    expect(String(book.worksheets[1]?.getColumn(1).values)).toContain('Số dòng')
    const exported = await server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'audit.export').execute()
    expect(exported).toHaveLength(1)
    expect(exported[0]).toMatchObject({ user_id: await userId('sotuphap'), details: { rows: actions.length, truncated: false } })
  })
})
