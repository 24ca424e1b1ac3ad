import { addDays, ENTRY_STATUSES, reportWeekOf, vietnamDay, type EntryStatus } from '@hts/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/harness'
import { countersAndRecount } from '../test/counters'
import { unitIdByCode } from '../test/factories'
import { DEMO_PHASE_NAME, seedDemoCampaign } from './demo-campaign'

let server: TestServer
let seededIn = 0

/** What the seed writes, counted: a second run must leave every figure as it was. */
async function footprint() {
  const db = server.db.kysely
  const count = async (table: 'books' | 'entries' | 'entry_revisions' | 'campaign_phases' | 'campaign_plans' | 'book_pages' | 'population_extracts' | 'reconciliation_results' | 'followup_cases' | 'audit_events' | 'jobs') =>
    Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const tables = ['books', 'entries', 'entry_revisions', 'campaign_phases', 'campaign_plans', 'book_pages', 'population_extracts', 'reconciliation_results', 'followup_cases', 'audit_events', 'jobs'] as const
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)))
}

beforeAll(async () => {
  server = await startTestServer()
  const started = performance.now()
  expect(await seedDemoCampaign(server.services)).toBe(true)
  seededIn = performance.now() - started
}, 180_000)
afterAll(async () => server?.close())

describe('demo campaign seed', () => {
  it('runs once: a second run finds the phase and adds nothing', async () => {
    const before = await footprint()
    expect(before.entries).toBeGreaterThan(150)
    expect(before.entries).toBeLessThan(400)
    expect(await seedDemoCampaign(server.services)).toBe(false)
    expect(await footprint()).toEqual(before)
    // Fast enough for a first `npm start` (the whole start must stay under a minute).
    expect(seededIn).toBeLessThan(45_000)
  })

  it('the province dashboard shows the phase, every commune and work in progress', async () => {
    const province = await server.login('sotuphap')
    const dashboard = await province.get('/api/dashboard')
    expect(dashboard.status).toBe(200)
    expect(dashboard.body.phase.name).toBe(DEMO_PHASE_NAME)
    expect(dashboard.body.totals.total).toBeGreaterThan(150)
    expect(dashboard.body.totals.done).toBeGreaterThan(100)
    expect(dashboard.body.totals.planned).toBeGreaterThan(0)
    const names = dashboard.body.units.map((r: any) => r.name)
    expect(names).toEqual(expect.arrayContaining(['Xã An Phú', 'Xã Bình Minh', 'Xã Hòa Bình']))
    expect(dashboard.body.units.find((r: any) => r.name === 'Xã An Phú').planStatus).toBe('approved')
    const plans = await province.get(`/api/campaign/plans?phaseId=${dashboard.body.phase.id}`)
    expect(plans.status).toBe(200)
    expect(plans.body.items.map((p: any) => p.status)).toEqual(expect.arrayContaining(['approved', 'submitted', 'draft']))
  })

  it('replays a few weeks of history: activity on 20+ days, a pace and a forecast, counters equal to a recount', async () => {
    const db = server.db.kysely
    const days = await db.selectFrom('entry_activity').select('day').distinct().where('entries', '<>', 0).execute()
    expect(days.length).toBeGreaterThanOrEqual(20)
    // Every revision in the past or now: nothing dated after the seed ran.
    const last = await db.selectFrom('entry_revisions').select(db.fn.max('changed_at').as('at')).executeTakeFirstOrThrow()
    expect(new Date(String(last.at)).getTime()).toBeLessThanOrEqual(Date.now())

    const province = await server.login('sotuphap')
    const { body: view, status } = await province.get('/api/dashboard')
    expect(status).toBe(200)
    expect(view.forecast.perDay).toBeGreaterThan(0)
    expect(view.throughput.daily.filter((d: { keyed: number }) => d.keyed > 0).length).toBeGreaterThanOrEqual(15)
    expect(view.throughput.weekly.filter((w: { keyed: number }) => w.keyed > 0).length).toBeGreaterThanOrEqual(4)
    expect(view.throughput.keyers.filter((k: { keyed: number }) => k.keyed > 0).length).toBeGreaterThanOrEqual(4)
    const anPhu = view.units.find((r: { name: string }) => r.name === 'Xã An Phú')
    expect(anPhu.perDay).toBeGreaterThan(0)
    expect(anPhu.forecast).toMatchObject({ insufficientData: false })
    expect(anPhu.forecast.finishOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(view.risk.find((r: { name: string }) => r.name === 'Xã An Phú').finishOn).toBe(anPhu.forecast.finishOn)
    // Plans sized against the pace: An Phú on track, Bình Minh far behind.
    expect(anPhu.forecast.late).toBe(false)
    expect(view.units.find((r: { name: string }) => r.name === 'Xã Bình Minh').forecast.late).toBe(true)

    const counters = await countersAndRecount(db)
    expect(counters.monthly[0]).toEqual(counters.monthly[1])
    expect(counters.yearly[0]).toEqual(counters.yearly[1])
    expect(counters.activity[0]).toEqual(counters.activity[1])
    expect(counters.activity[0]?.length).toBeGreaterThan(20)
    expect(counters.activityTypes[0]).toEqual(counters.activityTypes[1])
    expect(counters.activityTypes[0]?.length).toBeGreaterThan(20)
  })

  it('weekly reports of the weeks before: An Phú submitted each (the last one late), the other communes did not', async () => {
    const province = await server.login('sotuphap')
    const lastWeek = addDays(reportWeekOf(vietnamDay(new Date())), -7)
    const { body, status } = await province.get(`/api/reports/weekly/units?week=${lastWeek}`)
    expect(status).toBe(200)
    const state = (name: string) => body.items.find((u: { name: string }) => u.name === name)
    expect(state('Xã An Phú')).toMatchObject({ state: 'late', late: true })
    expect(state('Xã Bình Minh')).toMatchObject({ state: 'missing', late: true })
    const earlier = (await province.get(`/api/reports/weekly/units?week=${addDays(lastWeek, -7)}`)).body
    expect(earlier.items.find((u: { name: string }) => u.name === 'Xã An Phú')).toMatchObject({ state: 'submitted', late: false })
    // This week: on a Saturday or Sunday its Friday is past and An Phú's report is in; before, not yet.
    const thisWeek = addDays(lastWeek, 7)
    const weekend = vietnamDay(new Date()) >= addDays(thisWeek, 5)
    const now = (await province.get(`/api/reports/weekly/units?week=${thisWeek}`)).body
    expect(now.items.find((u: { name: string }) => u.name === 'Xã An Phú')).toMatchObject({ state: weekend ? 'submitted' : 'missing' })
    const leader = await server.login('lanhdao.anphu')
    const report = (await leader.get(`/api/reports/weekly?week=${lastWeek}`)).body
    expect(report).toMatchObject({ status: 'submitted', texts: { difficulties: expect.stringContaining('rách bìa') } })
    expect(report.figures.totals.done).toBeGreaterThan(0)
  })

  it("a commune's books: several types and conditions, one lost, scanned pages, and entries in every status", async () => {
    const officer = await server.login('tuphap.anphu')
    const anPhu = await unitIdByCode(server, '98001')
    const books = await officer.get(`/api/books?unitId=${anPhu}&pageSize=100`)
    expect(books.status).toBe(200)
    const items: any[] = books.body.items
    expect(new Set(items.map((b) => b.bookType))).toEqual(new Set(['KS', 'KT', 'KH']))
    expect(items.filter((b) => b.condition === 'lost')).toHaveLength(1)
    expect(items.some((b) => b.condition === 'damaged')).toBe(true)
    const seen = new Map<EntryStatus, number>()
    for (const book of items) {
      for (const status of Object.keys(ENTRY_STATUSES) as EntryStatus[]) {
        const page = await officer.get(`/api/books/${book.id}/entries?status=${status}&pageSize=1`)
        expect(page.status).toBe(200)
        seen.set(status, (seen.get(status) ?? 0) + page.body.total)
      }
    }
    for (const status of Object.keys(ENTRY_STATUSES) as EntryStatus[]) expect(seen.get(status), status).toBeGreaterThan(0)
    const scanned = items.find((b) => b.volume === '01/2019' && b.bookType === 'KS')
    const pages = await officer.get(`/api/books/${scanned.id}/pages`)
    expect(pages.status).toBe(200)
    expect(pages.body.total).toBeGreaterThan(0)
    expect(pages.body.counts.ready).toBe(pages.body.total)
    expect(pages.body.counts.withEntries).toBe(pages.body.total)
  })

  it("the digitiser's work queue holds the books assigned to them", async () => {
    const keyer = await server.login('sohoa.anphu')
    const queue = await keyer.get('/api/keying/queue')
    expect(queue.status).toBe(200)
    expect(JSON.stringify(queue.body)).toContain('01/2019')
  })

  it('the commune police find their extract, reconciliation results and open follow-up cases', async () => {
    const police = await server.login('congan.anphu')
    const extracts = await police.get('/api/population/extracts')
    expect(extracts.status).toBe(200)
    expect(extracts.body.items ?? extracts.body).not.toHaveLength(0)
    const results = await police.get('/api/reconciliation/results?pageSize=100')
    expect(results.status).toBe(200)
    const decisions = new Set(results.body.items.map((r: any) => r.decision))
    expect(decisions).toContain('pending')
    expect([...decisions].some((d) => d !== 'pending')).toBe(true)
    const cases = await police.get('/api/followups')
    expect(cases.status).toBe(200)
    expect(cases.body.total).toBeGreaterThan(0)
  })

  it("the historic district's first screen shows its old communes' books, kept by their successor", async () => {
    const db = server.db.kysely
    const district = await server.login('phongtuphap')
    const { body: view, status } = await district.get('/api/dashboard')
    expect(status).toBe(200)
    const direct = async (code: string) => Number((await db.selectFrom('entries').innerJoin('books', 'books.id', 'entries.book_id')
      .innerJoin('administrative_units', 'administrative_units.id', 'books.issuing_unit_id').where('administrative_units.code', '=', code)
      .where('entries.status', '<>', 'withdrawn').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const rows = Object.fromEntries(view.units.map((r: { name: string; total: number }) => [r.name, r.total]))
    expect(rows).toEqual({ 'Xã Hòa Lạc': await direct('98101'), 'Xã Bình An': await direct('98102') })
    expect(view.totals.total).toBeGreaterThan(30)
    expect(view.totals.done).toBeGreaterThan(0)
  })

  it('the historic district is shown as read-only history in the start banner', async () => {
    const { describeDemoAccounts } = await import('./demo')
    const banner = describeDemoAccounts('x')
    expect(banner.split('\n').find((l) => l.includes('phongtuphap'))).toContain('chỉ xem lịch sử')
  })
})
