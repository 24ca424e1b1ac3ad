import { randomUUID } from 'node:crypto'
import { addDays, vietnamDay } from '@hts/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook, unitIdByCode } from '../../test/factories'
import { createDashboardService } from './service'

let server: TestServer
let province: Client
let anPhu: Client
let binhMinh: Client
const ids: Record<string, string> = {}
let phaseId: string

async function keyEntries(client: Client, unitCode: string, count: number, keyed: number, volume: string) {
  const book = await createBook(client, server, unitCode, { volume })
  for (let i = 0; i < count; i++) {
    const created = await client.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ so: String(i + 1), quyenSo: volume }), complete: i < keyed })
    expect(created.status).toBe(201)
  }
}

beforeAll(async () => {
  server = await startTestServer()
  province = await server.login('sotuphap')
  anPhu = await server.login('tuphap.anphu')
  binhMinh = await server.login('tuphap.binhminh')
  for (const code of ['98', '98001', '98002', '98003']) ids[code] = await unitIdByCode(server, code)
  const today = vietnamDay(new Date())
  // A phase of births registered in 2024 and An Phú's plan (the campaign module's tables, written as its service would).
  const phase = await server.db.kysely.insertInto('campaign_phases').values({
    province_unit_id: ids['98'] ?? '', name: 'Giai đoạn 1', window_from: '2024-01', window_to: '2024-12', book_types: ['KS'], unit_ids: null,
    starts_on: addDays(today, -60), deadline: addDays(today, 30), unit_price_vnd: 3000, aql: 1,
  }).returning('id').executeTakeFirstOrThrow()
  phaseId = phase.id
  const plan = await server.db.kysely.insertInto('campaign_plans').values({
    phase_id: phaseId, unit_id: ids['98001'] ?? '', status: 'approved', starts_on: null, ends_on: null, team: JSON.stringify([{ name: 'A' }, { name: 'B' }]),
    entries_per_day: 50, note: null, return_reason: null, submitted_at: null, decided_by: null, decided_at: null, created_by: null,
  }).returning('id').executeTakeFirstOrThrow()
  await server.db.kysely.insertInto('campaign_plan_lines').values({ plan_id: plan.id, book_type: 'KS', books_planned: 2, entries_planned: 40 }).execute()
  await keyEntries(anPhu, '98001', 5, 3, '01/2024')
  await keyEntries(binhMinh, '98002', 4, 1, '01/2024')
}, 120_000)
afterAll(async () => server?.close())

async function directCounts(unitIds: string[]) {
  const rows = await server.db.kysely.selectFrom('entries').select(['status', server.db.kysely.fn.countAll<number>().as('n')])
    .where('custodian_unit_id', 'in', unitIds).where('book_type', '=', 'KS').where('registration_year', '=', 2024).groupBy('status').execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}

describe('GET /api/dashboard', () => {
  it('shows the province every commune, with the numbers a direct count gives', async () => {
    const response = await province.get(`/api/dashboard?phaseId=${phaseId}`)
    expect(response.status).toBe(200)
    const view = response.body
    expect(view.unit.id).toBe(ids['98'])
    expect(view.phase.id).toBe(phaseId)
    expect(view.totals.byStatus).toEqual(await directCounts([ids['98001'] ?? '', ids['98002'] ?? '']))
    expect(view.totals.total).toBe(9)
    expect(view.totals.done).toBe(4)
    const rowOf = (code: string) => view.units.find((u: { unitId: string }) => u.unitId === ids[code])
    expect(rowOf('98001')).toMatchObject({ total: 5, done: 3, planned: 40, remaining: 37, planStatus: 'approved' })
    expect(rowOf('98002')).toMatchObject({ total: 4, done: 1, planned: null, forecast: null })
    expect(view.byType).toEqual([expect.objectContaining({ bookType: 'KS', total: 9, done: 4, planned: 40 })])
    expect(view.backlog).toMatchObject({ waitingCheck: 4, drafts: 5 })
    expect(view.cost).toEqual({ unitPriceVnd: 3000, toDate: 12_000, remaining: 108_000, planned: 120_000 })
    expect(view.forecast.planned).toEqual({ entries: 40, units: 1, entriesPerUnitPerDay: 100, workingDays: 1 })
    // Nothing keyed before today: no completed day of work, so no pace yet: no forecast, and not "never finishes" (red).
    expect(view.risk[0]).toMatchObject({ unitId: ids['98001'], late: false, finishOn: null, insufficientData: true })
    expect(rowOf('98001').forecast).toMatchObject({ insufficientData: true, late: false })
    expect(view.forecast.own).toMatchObject({ insufficientData: true, late: false })
    const today = view.throughput.daily.find((d: { day: string }) => d.day === view.today)
    expect(today.keyed).toBe(4)
    expect(view.throughput.keyers.map((k: { name: string; keyed: number }) => [k.name, k.keyed])).toEqual([['Trần Thị Minh Thư', 3], ['Đỗ Thị Hạnh', 1]])
    expect(view.reconciliation).toEqual({ byOutcome: {}, openCases: 0 })
    expect(view.acceptance).toMatchObject({ accepted: 0, rejected: 0, errorRate: null })
  })

  it('shows a commune only itself; another unit or phase answers 404, bad input 400', async () => {
    const own = await anPhu.get('/api/dashboard')
    expect(own.status).toBe(200)
    expect(own.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([ids['98001']])
    expect(own.body.totals.byStatus).toEqual(await directCounts([ids['98001'] ?? '']))
    expect((await anPhu.get(`/api/dashboard?unitId=${ids['98002']}`)).status).toBe(404)
    expect((await anPhu.get(`/api/dashboard?unitId=${ids['98']}`)).status).toBe(404)
    expect((await anPhu.get(`/api/dashboard?phaseId=${randomUUID()}`)).status).toBe(404)
    const bad = await anPhu.get('/api/dashboard?unitId=xyz')
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/không hợp lệ/)
    // The province may open one commune's dashboard.
    const commune = await province.get(`/api/dashboard?unitId=${ids['98002']}`)
    expect(commune.status).toBe(200)
    expect(commune.body.totals.total).toBe(4)
  })

  it('adds the old districts on request', async () => {
    const response = await province.get('/api/dashboard?byHistoric=1')
    expect(response.status).toBe(200)
    expect(response.body.historic).toEqual([])
    expect((await province.get('/api/dashboard')).body.historic).toBeNull()
  })

  it('forecasts from the pace measured over the last weeks', async () => {
    // A week later, An Phú's 3 entries keyed "today" are in the window: 3 over 10 working days (two weeks at least).
    const later = new Date(Date.now() + 7 * 86_400_000)
    const dashboard = createDashboardService(server.db.kysely, server.services.units, { now: () => later })
    const user = { id: randomUUID(), username: 'x', fullName: 'x', role: 'province_officer' as const, unitId: ids['98'] ?? '', ip: null, sessionId: 'x', mustChangePassword: false }
    const view = await dashboard.view(user, { phaseId })
    const row = view.units.find((u) => u.unitId === ids['98001'])
    expect(row?.perDay).toBe(0.3)
    expect(row?.forecast).toMatchObject({ workingDaysNeeded: 124, late: true, insufficientData: false })
  })
})
