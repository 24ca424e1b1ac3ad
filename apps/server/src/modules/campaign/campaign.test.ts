import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook, unitIdByCode } from '../../test/factories'
import { planTargets } from './index'

/**
 * The campaign through the server (issue 13): the province defines a phase; An Phú's plan is
 * pre-filled from its inventory, edited, submitted, returned, fixed and approved by the province
 * (never by An Phú itself); another commune sees nothing of it; the appendix comes out as Excel and PDF.
 */
let server: TestServer
let province: Client
let officer: Client
let keyer: Client
let stranger: Client
let anPhu: string
let phaseId: string
let planId: string
const APPROVED = 3
const KEYED = 2

const PHASE = { name: 'Giai đoạn 1 (1999–2024)', windowFrom: '1999-01', windowTo: '2024-12', bookTypes: ['KS'], unitIds: null, startsOn: '2026-01-05', deadline: '2026-06-30', unitPriceVnd: 3000, aql: 1 }

beforeAll(async () => {
  server = await startTestServer()
  province = await server.login('sotuphap')
  officer = await server.login('tuphap.anphu')
  keyer = await server.login('sohoa.anphu')
  stranger = await server.login('tuphap.binhminh')
  anPhu = await unitIdByCode(server, '98001')
  const book = await createBook(officer, server, '98001', { volume: '01/2024' })
  for (let so = 1; so <= APPROVED + KEYED; so += 1) {
    const keyed = await keyer.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ so: String(so) }), complete: true })
    expect(keyed.status).toBe(201)
    if (so <= APPROVED) expect((await officer.post(`/api/entries/${keyed.body.id}/transitions`, { action: 'approve', version: keyed.body.version })).status).toBe(200)
  }
  await createBook(officer, server, '98001', { volume: '01/1999', year: 1999, openedOn: '1999-01-04', closedOn: '1999-12-30', condition: 'lost', conditionNote: 'mất do lũ năm 1999' })
  // Outside the phase: another type, and a year outside the window.
  await createBook(officer, server, '98001', { bookType: 'KT', volume: '01/2024' })
  await createBook(officer, server, '98001', { volume: '01/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' })
}, 120_000)
afterAll(async () => server?.close())

describe('phases', () => {
  it('refuses a bad phase with Vietnamese messages, and anyone but the province officer', async () => {
    const reversed = await province.post('/api/campaign/phases', { ...PHASE, windowFrom: '2025-01' })
    expect(reversed.status).toBe(400)
    expect(JSON.stringify(reversed.body)).toContain('Tháng kết thúc của khoảng đăng ký phải sau')
    const late = await province.post('/api/campaign/phases', { ...PHASE, deadline: '2025-12-31' })
    expect(late.status).toBe(400)
    expect(JSON.stringify(late.body)).toContain('Hạn hoàn thành phải sau')
    const negative = await province.post('/api/campaign/phases', { ...PHASE, unitPriceVnd: -1 })
    expect(negative.status).toBe(400)
    expect(JSON.stringify(negative.body)).toContain('Đơn giá không được âm')
    expect((await province.post('/api/campaign/phases', { ...PHASE, windowFrom: '1999-13' })).status).toBe(400)
    expect((await province.post('/api/campaign/phases', { ...PHASE, aql: 0.7 })).status).toBe(400)
    expect((await province.post('/api/campaign/phases', { ...PHASE, unitIds: [await unitIdByCode(server, '98')] })).status).toBe(400)
    expect((await officer.post('/api/campaign/phases', PHASE)).status).toBe(403)
  })

  it('the province creates a phase, every unit of the province sees it, edits check the version', async () => {
    const created = await province.post('/api/campaign/phases', PHASE)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: PHASE.name, windowFrom: '1999-01', windowTo: '2024-12', bookTypes: ['KS'], unitIds: null, unitPriceVnd: 3000, aql: 1, version: 1, canEdit: true })
    phaseId = created.body.id
    expect((await auditRows(server, phaseId)).map((r) => r.action)).toEqual(['campaign.phase.create'])
    const seen = await officer.get('/api/campaign/phases')
    expect(seen.status).toBe(200)
    expect(seen.body.items).toEqual([expect.objectContaining({ id: phaseId, canEdit: false })])
    expect((await stranger.get('/api/campaign/phases')).body.items).toHaveLength(1)

    const renamed = await province.put(`/api/campaign/phases/${phaseId}`, { ...PHASE, name: 'Giai đoạn 1', version: 1 })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ name: 'Giai đoạn 1', version: 2 })
    const stale = await province.put(`/api/campaign/phases/${phaseId}`, { ...PHASE, version: 1 })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toMatch(/vừa được người khác sửa/)
    expect((await officer.put(`/api/campaign/phases/${phaseId}`, { ...PHASE, version: 2 })).status).toBe(403)
    expect((await auditRows(server, phaseId)).map((r) => r.action).filter((a) => a !== 'access.refused')).toEqual(['campaign.phase.create', 'campaign.phase.update'])
  })
})

describe('plans', () => {
  it('the commune plans from its inventory; only it writes; others of the province see nothing', async () => {
    expect((await province.post('/api/campaign/plans', { phaseId, unitId: anPhu })).status).toBe(403)
    expect((await stranger.post('/api/campaign/plans', { phaseId, unitId: anPhu })).status).toBe(404)
    const created = await officer.post('/api/campaign/plans', { phaseId, unitId: anPhu })
    expect(created.status).toBe(201)
    planId = created.body.id
    // One KS book of the window is not lost; its 5 entries are counted (the 1990 book and the KT book are outside the phase).
    expect(created.body).toMatchObject({ status: 'draft', startsOn: PHASE.startsOn, endsOn: PHASE.deadline, canEdit: true, allowedActions: ['submit'] })
    expect(created.body.lines).toEqual([expect.objectContaining({ bookType: 'KS', booksPlanned: 1, entriesPlanned: APPROVED + KEYED })])
    expect(created.body.teamCandidates.map((c: { name: string }) => c.name)).toContain('Lê Văn Khoa')
    expect((await officer.post('/api/campaign/plans', { phaseId, unitId: anPhu })).status).toBe(409)

    expect((await stranger.get(`/api/campaign/plans/${planId}`)).status).toBe(404)
    expect((await stranger.put(`/api/campaign/plans/${planId}`, { lines: [], team: [], startsOn: null, endsOn: null, entriesPerDay: null, version: 1 })).status).toBe(404)
    expect((await stranger.post(`/api/campaign/plans/${planId}/transitions`, { action: 'submit', version: 1 })).status).toBe(404)
    const list = await stranger.get(`/api/campaign/plans?phaseId=${phaseId}`)
    expect(list.body.items.map((i: { unitId: string }) => i.unitId)).not.toContain(anPhu)
  })

  it('edits with the version seen, a team of its accounts and named people, and 400 for a stranger account', async () => {
    const khoa = (await server.db.kysely.selectFrom('users').select('id').where('username', '=', 'sohoa.anphu').executeTakeFirstOrThrow()).id
    const hanh = (await server.db.kysely.selectFrom('users').select('id').where('username', '=', 'tuphap.binhminh').executeTakeFirstOrThrow()).id
    const body = { lines: [{ bookType: 'KS', booksPlanned: 2, entriesPlanned: 500 }], team: [{ userId: khoa }, { name: 'Nguyễn Văn Cộng Tác' }], startsOn: '2026-01-05', endsOn: '2026-03-31', entriesPerDay: 100, version: 1 }
    const foreign = await officer.put(`/api/campaign/plans/${planId}`, { ...body, team: [{ userId: hanh }] })
    expect(foreign.status).toBe(400)
    expect(foreign.body.message).toMatch(/tài khoản của đơn vị/)
    const reversed = await officer.put(`/api/campaign/plans/${planId}`, { ...body, endsOn: '2025-01-01' })
    expect(reversed.status).toBe(400)
    expect(JSON.stringify(reversed.body)).toContain('Ngày kết thúc phải sau')
    expect((await officer.put(`/api/campaign/plans/${planId}`, { ...body, lines: [{ bookType: 'KT', booksPlanned: 1, entriesPlanned: 1 }] })).status).toBe(400)
    const saved = await officer.put(`/api/campaign/plans/${planId}`, body)
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ version: 2, entriesPerDay: 100, team: [{ userId: khoa, name: 'Lê Văn Khoa' }, { userId: null, name: 'Nguyễn Văn Cộng Tác' }] })
    expect((await officer.put(`/api/campaign/plans/${planId}`, body)).status).toBe(409)
    expect((await province.put(`/api/campaign/plans/${planId}`, { ...body, version: 2 })).status).toBe(403)
  })

  it('submitted by the commune, never approved by itself; returned with a reason, fixed, approved by the province', async () => {
    const submitted = await officer.post(`/api/campaign/plans/${planId}/transitions`, { action: 'submit', version: 2 })
    expect(submitted.status).toBe(200)
    expect(submitted.body).toMatchObject({ status: 'submitted', canEdit: false, allowedActions: [] })
    const own = await officer.post(`/api/campaign/plans/${planId}/transitions`, { action: 'approve', version: 3 })
    expect(own.status).toBe(403)
    expect(own.body.message).toMatch(/không tự duyệt/)
    const leader = await server.login('lanhdao.anphu')
    expect((await leader.post(`/api/campaign/plans/${planId}/transitions`, { action: 'approve', version: 3 })).status).toBe(403)
    expect((await officer.put(`/api/campaign/plans/${planId}`, { lines: [], team: [], startsOn: null, endsOn: null, entriesPerDay: null, version: 3 })).status).toBe(409)

    const seen = await province.get(`/api/campaign/plans/${planId}`)
    expect(seen.body.allowedActions).toEqual(['approve', 'return'])
    const noReason = await province.post(`/api/campaign/plans/${planId}/transitions`, { action: 'return', version: 3 })
    expect(noReason.status).toBe(400)
    expect(noReason.body.message).toBe('Nhập lý do')
    const returned = await province.post(`/api/campaign/plans/${planId}/transitions`, { action: 'return', version: 3, reason: 'Thiếu sổ khai sinh năm 2000' })
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: 'Thiếu sổ khai sinh năm 2000' })
    expect((await province.post(`/api/campaign/plans/${planId}/transitions`, { action: 'approve', version: 4 })).status).toBe(409)

    const fixed = await officer.put(`/api/campaign/plans/${planId}`, { lines: [{ bookType: 'KS', booksPlanned: 3, entriesPlanned: 500 }], team: [], startsOn: '2026-01-05', endsOn: '2026-03-31', entriesPerDay: 100, version: 4 })
    expect(fixed.body.status).toBe('draft')
    expect((await officer.post(`/api/campaign/plans/${planId}/transitions`, { action: 'submit', version: 5 })).status).toBe(200)
    const stale = await province.post(`/api/campaign/plans/${planId}/transitions`, { action: 'approve', version: 5 })
    expect(stale.status).toBe(409)
    const approved = await province.post(`/api/campaign/plans/${planId}/transitions`, { action: 'approve', version: 6 })
    expect(approved.body).toMatchObject({ status: 'approved', allowedActions: [] })
    expect((await officer.get(`/api/campaign/plans/${planId}`)).body.allowedActions).toEqual(['reopen'])

    expect((await auditRows(server, planId)).map((r) => r.action).filter((a) => a !== 'access.refused')).toEqual([
      'campaign.plan.create', 'campaign.plan.update', 'campaign.plan.submit', 'campaign.plan.return', 'campaign.plan.update', 'campaign.plan.submit', 'campaign.plan.approve',
    ])
    const list = await province.get(`/api/campaign/plans?phaseId=${phaseId}`)
    expect(list.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ unitId: anPhu, status: 'approved', entriesPlanned: 500 }),
      expect.objectContaining({ unitName: 'Xã Bình Minh', planId: null, statusLabel: 'Chưa lập' }),
    ]))
    expect(await planTargets(server.db.kysely, phaseId, [anPhu])).toEqual([
      { unitId: anPhu, bookType: 'KS', booksPlanned: 3, entriesPlanned: 500, startsOn: '2026-01-05', endsOn: '2026-03-31', teamSize: 0, entriesPerDay: 100, status: 'approved' },
    ])
  })
})

describe('plans of a historic commune', () => {
  it('the old district approves the plan of a commune it held; it sees nothing of An Phú', async () => {
    const admin = await server.login('admin')
    const hoaLac = await unitIdByCode(server, '98101')
    const password = 'Ma-tran-Kiem-tra-7319'
    const account = await admin.post('/api/users', { username: 'tuphap.hoalac', fullName: 'Đinh Văn Lạc', role: 'commune_justice', unitId: hoaLac, password })
    expect(account.status, JSON.stringify(account.body)).toBe(201)
    const commune = await server.login('tuphap.hoalac', password)
    expect((await commune.post('/api/auth/change-password', { currentPassword: password, newPassword: `${password}-moi` })).status).toBe(204)
    const plan = await commune.post('/api/campaign/plans', { phaseId, unitId: hoaLac })
    expect(plan.status, JSON.stringify(plan.body)).toBe(201)
    expect(plan.body.lines).toEqual([expect.objectContaining({ bookType: 'KS', booksPlanned: 0, entriesPlanned: 0 })])
    const submitted = await commune.post(`/api/campaign/plans/${plan.body.id}/transitions`, { action: 'submit', version: 1 })
    expect(submitted.body.status).toBe('submitted')
    const district = await server.login('phongtuphap')
    const listed = await district.get(`/api/campaign/plans?phaseId=${phaseId}`)
    expect(listed.body.items.map((i: { unitName: string }) => i.unitName).sort()).toEqual(['Xã Bình An', 'Xã Hòa Lạc'])
    const approved = await district.post(`/api/campaign/plans/${plan.body.id}/transitions`, { action: 'approve', version: 2 })
    expect(approved.status).toBe(200)
    expect(approved.body.status).toBe('approved')
    expect((await district.get(`/api/campaign/plans/${planId}`)).status).toBe(404)
  })

  it('a phase for an old district covers its communes and the commune that took them over, not the others', async () => {
    const dongSon = await unitIdByCode(server, '981')
    const created = await province.post('/api/campaign/phases', { ...PHASE, name: 'Giai đoạn huyện Đông Sơn', unitIds: [dongSon] })
    expect(created.status).toBe(201)
    expect(created.body.unitNames).toEqual(['Huyện Đông Sơn'])
    const list = await province.get(`/api/campaign/plans?phaseId=${created.body.id}`)
    expect(list.body.items.map((i: { unitName: string }) => i.unitName)).toEqual(['Xã Bình An', 'Xã Hòa Bình', 'Xã Hòa Lạc'])
    const refused = await officer.post('/api/campaign/plans', { phaseId: created.body.id, unitId: anPhu })
    expect(refused.status).toBe(422)
    expect(refused.body.message).toMatch(/không gồm đơn vị của bạn/)
    const inventory = await officer.get(`/api/campaign/inventory?unitId=${anPhu}&phaseId=${created.body.id}`)
    expect(inventory.body.books).toEqual([])
  })
})

describe('inventory and appendix', () => {
  it('counts books, pages and entries per book and type; condition is edited through the books service', async () => {
    const all = await officer.get(`/api/campaign/inventory?unitId=${anPhu}`)
    expect(all.status).toBe(200)
    expect(all.body.books).toHaveLength(4)
    const inPhase = await officer.get(`/api/campaign/inventory?unitId=${anPhu}&phaseId=${phaseId}`)
    expect(inPhase.body.books.map((b: { volume: string }) => b.volume).sort()).toEqual(['01/1999', '01/2024'])
    expect(inPhase.body.byType).toEqual([expect.objectContaining({ bookType: 'KS', books: 2, lost: 1, firstYear: 1999, lastYear: 2024, entries: { total: 5, keyed: KEYED, checked: 0, approved: APPROVED, handedOver: 0 } })])
    const book = inPhase.body.books.find((b: { volume: string }) => b.volume === '01/2024')
    expect(book).toMatchObject({ canEditCondition: true, pageCount: 200, scannedPages: 0 })
    const damaged = await officer.patch(`/api/books/${book.id}`, { condition: 'damaged', conditionNote: 'rách bìa, mất trang 3', version: book.version })
    expect(damaged.status).toBe(200)
    expect((await province.get(`/api/campaign/inventory?unitId=${anPhu}`)).body.books.every((b: { canEditCondition: boolean }) => !b.canEditCondition)).toBe(true)
    expect((await stranger.get(`/api/campaign/inventory?unitId=${anPhu}`)).status).toBe(404)
    expect((await keyer.get(`/api/campaign/inventory?unitId=${anPhu}`)).status).toBe(403)
  })

  it('the appendix: the plan gives the total, approved entries are in the database, notes of lost and damaged books', async () => {
    const view = await officer.get(`/api/campaign/inventory?unitId=${anPhu}&phaseId=${phaseId}`)
    expect(view.body.appendix).toEqual([
      { stt: 1, bookType: 'KS', label: expect.any(String), total: 500, inDatabase: APPROVED, toKey: 500 - APPROVED, note: expect.stringContaining('mất do lũ năm 1999') },
      { stt: null, bookType: null, label: 'Tổng cộng', total: 500, inDatabase: APPROVED, toKey: 500 - APPROVED, note: '' },
    ])
    expect(view.body.appendix[0].note).toContain('rách bìa, mất trang 3')

    const xlsx = await officer.fetch(`/api/campaign/appendix.xlsx?unitId=${anPhu}&phaseId=${phaseId}`)
    expect(xlsx.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const sheet = workbook.getWorksheet('Phụ lục')
    const rows = Array.from(sheet?.getSheetValues() ?? [], (r) => (Array.isArray(r) ? Array.from(r.slice(1), (v) => (v === undefined || v === null ? '' : String(v))) : []))
    const header = rows.findIndex((r) => r[0] === 'STT')
    expect(rows[header]).toEqual(['STT', 'Loại sổ', 'Tổng số trường hợp', 'Đã có trong CSDL hộ tịch điện tử', 'Phải nhập', 'Ghi chú'])
    expect(rows[header + 1]?.slice(0, 5)).toEqual(['1', expect.any(String), '500', String(APPROVED), String(500 - APPROVED)])
    expect(rows[header + 1]?.[5]).toContain('mất do lũ năm 1999')
    expect(rows[header + 2]?.slice(0, 5)).toEqual(['', 'Tổng cộng', '500', String(APPROVED), String(500 - APPROVED)])

    const pdf = await province.fetch(`/api/campaign/appendix.pdf?unitId=${anPhu}&phaseId=${phaseId}`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await pdf.arrayBuffer())
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
    // To look at it: HTS_KEEP_APPENDIX=/tmp/phu-luc.pdf npx vitest run apps/server/src/modules/campaign
    if (process.env.HTS_KEEP_APPENDIX) fs.writeFileSync(process.env.HTS_KEEP_APPENDIX, bytes)
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await pdfjs.getDocument({ data: bytes }).promise
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ')
    for (const heading of ['PHỤ LỤC', 'STT', 'Loại sổ', 'Phải nhập', 'Ghi chú', 'Tổng cộng', 'mất do lũ năm 1999']) expect(text).toContain(heading)
    expect((await auditRows(server, anPhu)).filter((r) => r.action === 'campaign.appendix.download')).toHaveLength(2)

    expect((await stranger.fetch(`/api/campaign/appendix.pdf?unitId=${anPhu}&phaseId=${phaseId}`)).status).toBe(404)
    const noPhase = await officer.get(`/api/campaign/appendix.xlsx?unitId=${anPhu}`)
    expect(noPhase.status).toBe(400)
    expect(noPhase.body.message).toMatch(/giai đoạn/i)
  })

  it('an acceptance lot drawn for a defined phase takes its name and unit price', async () => {
    const lot = await province.post('/api/acceptance/lots', { unitId: anPhu, phaseId })
    expect(lot.status).toBe(201)
    expect(lot.body).toMatchObject({ phaseId, phase: 'Giai đoạn 1', unitPrice: 3000, lotSize: APPROVED, amount: APPROVED * 3000 })
    const older = await province.post('/api/acceptance/lots', { unitId: anPhu, phase: 'Đợt cũ', unitPrice: 1000 })
    expect(older.body).toMatchObject({ phaseId: null, phase: 'Đợt cũ' })
    expect((await province.post('/api/acceptance/lots', { unitId: anPhu })).status).toBe(400)
  })
})
