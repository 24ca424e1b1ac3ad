import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { addDays, reportWeekOf, vietnamDay } from '@hts/domain'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook, unitIdByCode } from '../../test/factories'

/**
 * Weekly reports through the server (issue 13), on a fixed clock. The counters file the entries'
 * activity under the database's real day, so the figures are read on that day: the province moves
 * the deadlines to today (any weekday: the default Friday is checked by the reminder first). An Phú's
 * officer writes, its leader submits before the deadline, the figures stay as they were when later
 * entries are keyed; Bình Minh is late; the province sees who has submitted and rolls their figures
 * and texts up, as PDF and Excel too.
 */
const TODAY = vietnamDay(new Date())
const WEEK = reportWeekOf(TODAY)
const THURSDAY = addDays(WEEK, 3)
const FRIDAY = addDays(WEEK, 4)
const WEEKDAY = new Date(`${TODAY}T00:00:00Z`).getUTCDay() || 7
/** A Vietnam wall-clock time of the week as an instant. */
const at = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`)
let clock = at(THURSDAY, '10:00')

let server: TestServer
let province: Client
let officer: Client
let leader: Client
let keyer: Client
let stranger: Client
let strangerLeader: Client
let anPhu: string
let binhMinh: string
let bookId: string
const TEXTS = { situation: 'Tổ số hóa 2 người, nhập sổ khai sinh năm 2024.', difficulties: 'Máy quét hỏng một ngày.', proposals: 'Đề nghị bổ sung một máy quét.', budget: 'Chưa giải ngân.' }

async function keyEntries(client: Client, book: string, from: number, count: number) {
  for (let so = from; so < from + count; so++) {
    const created = await client.post(`/api/books/${book}/entries`, { fields: buildBirthFields({ so: String(so) }), complete: true })
    expect(created.status).toBe(201)
  }
}

beforeAll(async () => {
  server = await startTestServer({ now: () => clock })
  province = await server.login('sotuphap')
  officer = await server.login('tuphap.anphu')
  leader = await server.login('lanhdao.anphu')
  keyer = await server.login('sohoa.anphu')
  stranger = await server.login('tuphap.binhminh')
  anPhu = await unitIdByCode(server, '98001')
  binhMinh = await unitIdByCode(server, '98002')
  const admin = await server.login('admin')
  const password = 'Ma-tran-Kiem-tra-7319'
  expect((await admin.post('/api/users', { username: 'lanhdao.binhminh', fullName: 'Ngô Văn Tâm', role: 'commune_leader', unitId: binhMinh, password })).status).toBe(201)
  strangerLeader = await server.login('lanhdao.binhminh', password)
  expect((await strangerLeader.post('/api/auth/change-password', { currentPassword: password, newPassword: `${password}-moi` })).status).toBe(204)
  const phase = await province.post('/api/campaign/phases', { name: 'Giai đoạn 1', windowFrom: '2024-01', windowTo: '2024-12', bookTypes: ['KS'], unitIds: null, startsOn: addDays(WEEK, -60), deadline: addDays(WEEK, 120), unitPriceVnd: 3000 })
  expect(phase.status).toBe(201)
  expect((await officer.post('/api/campaign/plans', { phaseId: phase.body.id, unitId: anPhu })).status).toBe(201)
  bookId = (await createBook(officer, server, '98001', { volume: '01/2024' })).id
  await keyEntries(keyer, bookId, 1, 3)
  await keyEntries(stranger, (await createBook(stranger, server, '98002', { volume: '01/2024' })).id, 1, 1)
}, 180_000)
afterAll(async () => server?.close())

describe('weekly reports', () => {
  it('reminds whoever writes or submits from Thursday, with the deadline', async () => {
    clock = at(addDays(WEEK, 2), '23:00')
    expect((await leader.get('/api/reports/weekly/reminder')).body).toEqual({ reminder: null })
    clock = at(THURSDAY, '10:00')
    const reminder = await leader.get('/api/reports/weekly/reminder')
    expect(reminder.status).toBe(200)
    expect(reminder.body.reminder).toEqual({ unitId: anPhu, unitName: 'Xã An Phú', weekStart: WEEK, dueAt: at(FRIDAY, '15:00').toISOString(), late: false, status: 'none' })
    expect((await officer.get('/api/reports/weekly/reminder')).body.reminder).not.toBeNull()
    // A keyer writes no report; the province is reminded of its own (17:00).
    expect((await keyer.get('/api/reports/weekly/reminder')).body).toEqual({ reminder: null })
    expect((await province.get('/api/reports/weekly/reminder')).body.reminder.dueAt).toBe(at(FRIDAY, '17:00').toISOString())
    // From here on the reports are due today: communes at 15:00, the province at 17:00.
    const set = await province.put('/api/reports/deadlines', { items: [{ level: 'commune', weekday: WEEKDAY, time: '15:00' }, { level: 'province', weekday: WEEKDAY, time: '17:00' }] })
    expect(set.status).toBe(200)
    clock = at(TODAY, '10:00')
  })

  it('a commune sees its own report with live figures, another unit answers 404', async () => {
    const own = await officer.get(`/api/reports/weekly?week=${addDays(WEEK, 1)}`)
    expect(own.status).toBe(200)
    expect(own.body).toMatchObject({ unit: { id: anPhu }, weekStart: WEEK, weekEnd: addDays(WEEK, 6), status: 'none', state: 'missing', late: false, version: 0, canEdit: true, canSubmit: false, units: [] })
    expect(own.body.figures.totals).toMatchObject({ total: 3, done: 3 })
    expect(own.body.figures.week.keyed).toBe(3)
    expect(own.body.figures.staff).toBe(1)
    expect(own.body.figures.byType).toEqual([expect.objectContaining({ bookType: 'KS', done: 3 })])
    // The appendix reads every book: the exports and the frozen copy have it, the page does not.
    expect(own.body.figures.appendix).toBeNull()
    expect((await officer.get(`/api/reports/weekly?unitId=${binhMinh}`)).status).toBe(404)
    expect((await officer.get(`/api/reports/weekly?unitId=${await unitIdByCode(server, '98')}`)).status).toBe(404)
    expect((await stranger.get(`/api/reports/weekly?unitId=${anPhu}`)).status).toBe(404)
    expect((await stranger.fetch(`/api/reports/weekly/report.pdf?unitId=${anPhu}`)).status).toBe(404)
    expect((await keyer.get('/api/reports/weekly')).status).toBe(403)
    const future = await officer.get(`/api/reports/weekly?week=${addDays(WEEK, 7)}`)
    expect(future.status).toBe(400)
    expect(future.body.message).toMatch(/chưa bắt đầu/)
  })

  it('the officer saves texts (a draft, versioned, audited); only the leader submits', async () => {
    const saved = await officer.put('/api/reports/weekly', { unitId: anPhu, week: WEEK, version: 0, ...TEXTS })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ status: 'draft', version: 1, texts: TEXTS })
    const stale = await officer.put('/api/reports/weekly', { unitId: anPhu, week: WEEK, version: 0, ...TEXTS })
    expect(stale.status).toBe(409)
    // The officer (plan.edit, no report.submit) is told who submits and what to do.
    const notLeader = await officer.post('/api/reports/weekly/submit', { unitId: anPhu, week: WEEK, version: 1 })
    expect(notLeader.status).toBe(403)
    expect(notLeader.body.message).toBe('Chỉ lãnh đạo đơn vị nộp báo cáo tuần. Hãy lưu nội dung báo cáo rồi báo lãnh đạo đơn vị mở trang Báo cáo tuần để nộp.')
    expect((await stranger.put('/api/reports/weekly', { unitId: anPhu, week: WEEK, version: 1, ...TEXTS })).status).toBe(404)
    // The province reads it but does not write another unit's report.
    expect((await province.put('/api/reports/weekly', { unitId: anPhu, week: WEEK, version: 1, ...TEXTS })).status).toBe(403)
    const tooLong = await officer.put('/api/reports/weekly', { unitId: anPhu, week: WEEK, version: 1, ...TEXTS, proposals: 'x'.repeat(8001) })
    expect(tooLong.status).toBe(400)
    expect(JSON.stringify(tooLong.body)).toContain('Đề xuất, kiến nghị dài quá')
    const rows = await server.db.kysely.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'report.weekly.save').execute()
    expect(rows).toHaveLength(1)
  })

  it('submitted on Friday before the deadline: frozen, later entries do not change it, edits answer 409', async () => {
    clock = at(TODAY, '14:00')
    const before = await province.get(`/api/reports/weekly/units?week=${WEEK}`)
    expect(before.body.items.find((u: { unitId: string }) => u.unitId === anPhu)).toMatchObject({ state: 'missing', late: false, texts: null })
    const submitted = await leader.post('/api/reports/weekly/submit', { unitId: anPhu, week: WEEK, version: 1 })
    expect(submitted.status).toBe(200)
    expect(submitted.body).toMatchObject({ status: 'submitted', state: 'submitted', stateLabel: 'Đã nộp', late: false, version: 2, submittedBy: 'Nguyễn Văn Bình', canEdit: false, canSubmit: false, texts: TEXTS })
    expect(submitted.body.figures.totals.done).toBe(3)
    // This week per type beside the cumulative figures: the 3 births keyed this week.
    expect(submitted.body.figures.byType).toEqual([expect.objectContaining({ bookType: 'KS', done: 3, week: { keyed: 3, checked: 0, approved: 0, returned: 0, handedOver: 0 } })])
    expect(submitted.body.figures.appendix.at(-1)).toMatchObject({ label: 'Tổng cộng' })
    expect((await leader.get('/api/reports/weekly/reminder')).body).toEqual({ reminder: null })

    await keyEntries(keyer, bookId, 10, 2)
    const after = await officer.get('/api/reports/weekly')
    expect(after.body.figures).toEqual(submitted.body.figures)
    expect(after.body.figures.week.keyed).toBe(3)
    expect((await officer.get('/api/dashboard')).body.totals.done).toBe(5)

    const edit = await officer.put('/api/reports/weekly', { unitId: anPhu, week: WEEK, version: 2, ...TEXTS })
    expect(edit.status).toBe(409)
    expect(edit.body.message).toMatch(/đã nộp/)
    expect((await leader.post('/api/reports/weekly/submit', { unitId: anPhu, week: WEEK, version: 2 })).status).toBe(409)
    const audit = await server.db.kysely.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', 'report.weekly.submit').execute()
    expect(audit).toHaveLength(1)
  })

  it('after the deadline the province sees who is late; a late submission is marked so; its own report rolls them up', async () => {
    clock = at(TODAY, '15:30')
    const list = await province.get(`/api/reports/weekly/units?week=${WEEK}`)
    expect(list.status).toBe(200)
    const byUnit = new Map(list.body.items.map((u: { unitId: string }) => [u.unitId, u]))
    expect(byUnit.get(anPhu)).toMatchObject({ state: 'submitted', stateLabel: 'Đã nộp', late: false, texts: TEXTS, submittedAt: at(TODAY, '14:00').toISOString() })
    expect(byUnit.get(binhMinh)).toMatchObject({ state: 'missing', stateLabel: 'Chưa nộp', late: true, submittedAt: null })
    // The old district (ended 2025) reports no more.
    expect(list.body.items.map((u: { name: string }) => u.name).sort()).toEqual(['Xã An Phú', 'Xã Bình Minh', 'Xã Hòa Bình'])
    expect((await officer.get(`/api/reports/weekly/units?unitId=${binhMinh}`)).status).toBe(404)

    const late = await strangerLeader.post('/api/reports/weekly/submit', { unitId: binhMinh, week: WEEK, version: 0 })
    expect(late.status).toBe(200)
    expect(late.body).toMatchObject({ state: 'late', stateLabel: 'Nộp muộn', late: true })
    expect((await province.get('/api/reports/weekly/units')).body.items.find((u: { unitId: string }) => u.unitId === binhMinh)).toMatchObject({ state: 'late', late: true })

    const own = await province.get('/api/reports/weekly')
    expect(own.status).toBe(200)
    expect(own.body.figures.totals.done).toBe(6)
    expect(own.body.units).toHaveLength(3)
    expect(own.body).toMatchObject({ canEdit: true, canSubmit: true, late: false })
    // The province reads each unit's report.
    expect((await province.get(`/api/reports/weekly?unitId=${anPhu}`)).body.figures.totals.done).toBe(3)
  })

  it('exports the roll-up as PDF and a unit report as Excel, in the plans\' headings', async () => {
    const pdf = await province.fetch(`/api/reports/weekly/report.pdf?week=${WEEK}`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await pdf.arrayBuffer())
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await pdfjs.getDocument({ data: bytes }).promise
    let text = ''
    for (let p = 1; p <= doc.numPages; p++) text += ` ${(await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ')}`
    for (const expected of ['BÁO CÁO TIẾN ĐỘ SỐ HÓA', 'I. TÌNH HÌNH TRIỂN KHAI', 'II. KẾT QUẢ', 'III. KHÓ KHĂN, VƯỚNG MẮC', 'IV. ĐỀ XUẤT, KIẾN NGHỊ', 'Xã An Phú', 'Nộp muộn', 'Máy quét hỏng một ngày.', 'PHỤ LỤC', 'Tổng cộng', 'Nhập xong trong tuần']) expect(text).toContain(expected)

    const xlsx = await officer.fetch(`/api/reports/weekly/report.xlsx?unitId=${anPhu}&week=${WEEK}`)
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const sheet = workbook.getWorksheet('Báo cáo tuần')
    const rows = Array.from(sheet?.getSheetValues() ?? [], (r) => (Array.isArray(r) ? Array.from(r.slice(1), (v) => (v === undefined || v === null ? '' : String(v))) : []))
    const result = rows.findIndex((r) => r[0] === 'II. KẾT QUẢ')
    expect(rows[result + 1]).toEqual(['STT', 'Loại sổ', 'Kế hoạch', 'Nhập xong trong tuần', 'Đã số hóa (lũy kế)', 'Đã có trong CSDL', 'Còn phải làm'])
    // The frozen week: 3 births keyed this week and in all (2 more keyed after the submission are not in it).
    expect(rows[result + 2]?.slice(1, 5)).toEqual(['Sổ đăng ký khai sinh', '0', '3', '3'])
    expect(rows.find((r) => r[1] === 'Tổng cộng')?.slice(3, 5)).toEqual(['3', '3'])
    expect(rows.some((r) => r[1] === TEXTS.proposals)).toBe(true)
    expect(workbook.getWorksheet('Phụ lục')).toBeDefined()
    expect((await auditRows(server, anPhu)).filter((r) => r.action === 'report.weekly.download')).toHaveLength(1)
  })

  it('gives this week per book type: keyed this week by type equals what was keyed, beside the cumulative and the plan', async () => {
    const deaths = (await createBook(officer, server, '98001', { bookType: 'KT', volume: '02/2024' })).id
    for (const so of ['1', '2']) {
      const created = await keyer.post(`/api/books/${deaths}/entries`, { fields: { so, quyenSo: '02/2024', trangSo: so, ngayDangKy: '10.03.2024', loaiDangKy: '1', nktHoTen: `Lê Văn Tư ${so}` }, complete: true })
      expect(created.status).toBe(201)
    }
    const own = (await province.get(`/api/reports/weekly?week=${WEEK}`)).body
    const byType = new Map(own.figures.byType.map((t: { bookType: string }) => [t.bookType, t]))
    // Births: An Phú's 3 + 2 keyed after its submission, Bình Minh's 1; deaths are outside the phase (no plan, no cumulative) but worked on this week.
    expect(byType.get('KS')).toMatchObject({ planned: expect.any(Number), done: 6, week: expect.objectContaining({ keyed: 6 }) })
    expect(byType.get('KT')).toMatchObject({ planned: null, done: 0, week: expect.objectContaining({ keyed: 2 }) })
    expect(own.figures.byType.reduce((n: number, t: { week: { keyed: number } }) => n + t.week.keyed, 0)).toBe(own.figures.week.keyed)
    // The same as a recount of this week's revisions that keyed an entry, per type.
    const recount = await server.db.kysely.selectFrom('entry_revisions as r').innerJoin('entries as e', 'e.id', 'r.entry_id')
      .select(['e.book_type', server.db.kysely.fn.countAll<string>().as('n')])
      .where((w) => w.or([w('r.change_kind', '=', 'transition:markKeyed'), w.and([w('r.change_kind', '=', 'import'), w('r.status', '<>', 'draft')])]))
      .where('r.changed_at', '>=', new Date(`${WEEK}T00:00:00+07:00`)).groupBy('e.book_type').execute()
    expect(Object.fromEntries(own.figures.byType.filter((t: { week: { keyed: number } }) => t.week.keyed > 0).map((t: { bookType: string; week: { keyed: number } }) => [t.bookType, t.week.keyed])))
      .toEqual(Object.fromEntries(recount.map((r) => [r.book_type, Number(r.n)])))
    // An Phú's submitted week keeps its figures per type as they were.
    const frozen = (await province.get(`/api/reports/weekly?unitId=${anPhu}&week=${WEEK}`)).body.figures.byType
    expect(frozen.map((t: { bookType: string; week: { keyed: number } }) => [t.bookType, t.week.keyed])).toEqual([['KS', 3]])

    // A report submitted before the week was counted by type (no `week` per type) still reads, and exports a blank there.
    await sql`update weekly_reports set figures = jsonb_set(figures, '{figures,byType}', (select jsonb_agg(t - 'week') from jsonb_array_elements(figures->'figures'->'byType') t))
      where unit_id = ${anPhu} and week_start = ${WEEK}`.execute(server.db.kysely)
    const older = await province.get(`/api/reports/weekly?unitId=${anPhu}&week=${WEEK}`)
    expect(older.status).toBe(200)
    expect(older.body.figures.byType[0]).not.toHaveProperty('week')
    expect((await province.fetch(`/api/reports/weekly/report.pdf?unitId=${anPhu}&week=${WEEK}`)).status).toBe(200)
  })

  it('the province sets the deadlines per level; others may not; bad input answers in Vietnamese', async () => {
    const set = await province.put('/api/reports/deadlines', { items: [{ level: 'commune', weekday: WEEKDAY, time: '14:00' }] })
    expect(set.status).toBe(200)
    expect(set.body.items.find((d: { level: string }) => d.level === 'commune')).toMatchObject({ weekday: WEEKDAY, time: '14:00' })
    expect((await officer.get('/api/reports/deadlines')).body.items.find((d: { level: string }) => d.level === 'commune').time).toBe('14:00')
    expect((await leader.put('/api/reports/deadlines', { items: [{ level: 'commune', weekday: 5, time: '14:00' }] })).status).toBe(403)
    const bad = await province.put('/api/reports/deadlines', { items: [{ level: 'commune', weekday: 5, time: '25:00' }] })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('HH:MM')
    // An Phú's submission at 14:00 is now exactly on time; Bình Minh still late.
    const list = await province.get('/api/reports/weekly/units')
    expect(list.body.items.find((u: { unitId: string }) => u.unitId === anPhu)).toMatchObject({ state: 'submitted', dueAt: at(TODAY, '14:00').toISOString() })
  })
})
