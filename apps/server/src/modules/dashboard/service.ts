/**
 * The campaign dashboard (issue 13): one unit's figures rolled up from the units below it, read from
 * the counters the entries module keeps by trigger (`countEntries`, `activityByDay`), the plans of the
 * campaign module, and small counts of reconciliation and acceptance. Figures only, no citizen's
 * data, so reading it is not audited (keyer names are accounts, shown to who may read the accounts).
 */
import {
  addDays, campaignCost, can, DONE_STATUSES, KEYED_ACTIONS, forecastFinish, getBookType, isBookTypeCode, measuredThroughput, parseYearMonth,
  paceMeasured, plannedWorkingDays, riskOrder, throughputMetricOf, weekStartOf,
  type DashboardQuery, type DashboardUnitRow, type DashboardView, type ThroughputMetric, vietnamDay,
} from '@hts/domain'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { notFound } from '../../http/errors'
import { acceptanceCounts } from '../acceptance'
import type { AuthUser } from '../auth'
import { findPhase, listPhasesInScope, planTargets, type PhaseRow } from '../campaign'
import { activityByDay, activityByUser, countEntries, type EntryCount } from '../entries'
import { reconciliationCounts } from '../reconciliation'
import type { UnitsService } from '../units'
import { fullNamesOf } from '../users'
import { createDashboardRepository } from './repository'

const DAILY_DAYS = 28
const WEEKLY_WEEKS = 12

/** Today in Vietnam (UTC+7, no daylight saving): the day the counters' activity is filed under. */

type Point = Record<ThroughputMetric, number>
const emptyPoint = (): Point => ({ keyed: 0, checked: 0, approved: 0, returned: 0, handedOver: 0 })

interface Tally {
  total: number
  done: number
  byStatus: Record<string, number>
}
const emptyTally = (): Tally => ({ total: 0, done: 0, byStatus: {} })
function add(tally: Tally, status: string, entries: number): void {
  tally.byStatus[status] = (tally.byStatus[status] ?? 0) + entries
  if (status === 'withdrawn') return
  tally.total += entries
  if (DONE_STATUSES.includes(status)) tally.done += entries
}

/** The phase asked for, else the one running today, else the last begun, else the first. */
function currentPhase(phases: readonly PhaseRow[], today: string): PhaseRow | undefined {
  return phases.find((p) => p.starts_on <= today && today <= p.deadline)
    ?? [...phases].reverse().find((p) => p.starts_on <= today)
    ?? phases[0]
}

export function createDashboardService(db: Kysely<Database>, units: UnitsService, options: { now?: () => Date } = {}) {
  const repo = createDashboardRepository(db)
  const now = options.now ?? (() => new Date())

  return {
    async view(user: AuthUser, query: DashboardQuery): Promise<DashboardView> {
      const unitId = query.unitId ?? user.unitId
      const scope = await units.scopeOf(user.unitId)
      const unit = scope.has(unitId) ? await units.findById(unitId) : undefined
      if (!unit) throw notFound('Không tìm thấy đơn vị này')
      const today = vietnamDay(now())

      const phases = await listPhasesInScope(db, user)
      const phase = query.phaseId ? await findPhase(db, user, query.phaseId) : currentPhase(phases, today)
      if (query.phaseId && !phase) throw notFound('Không tìm thấy đợt này')

      // Every unit below, mapped to the row (direct child) it rolls up into; the unit itself is its own row.
      const tree = await repo.tree(unit.id)
      const topOf = new Map<string, string>([[unit.id, unit.id], ...tree.map((t): [string, string] => [t.id, t.top])])
      const inPhase = (id: string) => !phase?.unit_ids || phase.unit_ids.includes(id)
      const allIds = [...topOf.keys()].filter(inPhase)
      const from = phase && parseYearMonth(phase.window_from)
      const to = phase && parseYearMonth(phase.window_to)
      const windowKeys = phase && from && to ? { bookTypes: phase.book_types, fromKey: from.year * 12 + from.month, toKey: to.year * 12 + to.month, fromYear: from.year, toYear: to.year } : undefined
      // A unit that no longer exists (a district before the 2025 merger) keeps no books: its communes'
      // books are kept by their successors. Its figures are those books, by the commune that issued them.
      const historicUnit = unit.valid_to !== null

      // Independent reads: on PostgreSQL they run side by side on the pool (PGlite takes them in turn).
      const dailyFrom = addDays(today, -DAILY_DAYS)
      const [counts, targets, keyedDaily, weeklyRows, reconciliation, acceptance, keyers] = await Promise.all([
        historicUnit ? repo.byIssuer(allIds, windowKeys) : countEntries(db, { unitIds: allIds, phase: phase && { bookTypes: phase.book_types, windowFrom: phase.window_from, windowTo: phase.window_to } }),
        phase ? planTargets(db, phase.id, allIds) : Promise.resolve([]),
        // Per unit only what the pace needs; the daily series is the last 28 days of the weekly read (all units summed).
        activityByDay(db, allIds, dailyFrom, today, true, KEYED_ACTIONS),
        activityByDay(db, allIds, weekStartOf(addDays(today, -7 * (WEEKLY_WEEKS - 1))), today, false),
        reconciliationCounts(db, allIds),
        acceptanceCounts(db, allIds),
        can(user, 'user.read') ? keyersOf(allIds, addDays(today, -DAILY_DAYS), today) : Promise.resolve(null),
      ])

      // Rows: the units directly below (a commune: itself), plus the unit itself when it keeps books.
      const rowIds = new Set(tree.filter((t) => t.id === t.top).map((t) => t.id))
      if (rowIds.size === 0 || counts.some((c) => c.unitId === unit.id)) rowIds.add(unit.id)
      const rowUnits = await repo.unitsByIds([...rowIds])
      const totals = emptyTally()
      const tallies = new Map<string, Tally>()
      const types = new Map<string, Tally & { planned: number | null }>()
      for (const c of counts) countInto(c, topOf, tallies, types, totals)

      const planned = new Map<string, { entries: number; status: string; teamSize: number; perDay: number | null }>()
      for (const t of targets) {
        const top = topOf.get(t.unitId) ?? t.unitId
        const p = planned.get(top) ?? { entries: 0, status: t.status, teamSize: 0, perDay: t.entriesPerDay }
        p.entries += t.entriesPlanned
        planned.set(top, p)
        const type = types.get(t.bookType) ?? { ...emptyTally(), planned: null }
        type.planned = (type.planned ?? 0) + t.entriesPlanned
        types.set(t.bookType, type)
      }

      // Throughput: per row for the forecast (4 weeks), and the series for the charts.
      const keyedByRowDay = new Map<string, Map<string, number>>()
      const dailySeries = new Map<string, Point>()
      for (const a of weeklyRows) {
        const metric = throughputMetricOf(a.action, a.status)
        if (!metric || a.day < dailyFrom) continue
        const point = dailySeries.get(a.day) ?? emptyPoint()
        point[metric] += a.entries
        dailySeries.set(a.day, point)
      }
      for (const a of keyedDaily) {
        if (throughputMetricOf(a.action, a.status) !== 'keyed') continue
        const top = topOf.get(a.unitId) ?? a.unitId
        const days = keyedByRowDay.get(top) ?? new Map<string, number>()
        days.set(a.day, (days.get(a.day) ?? 0) + a.entries)
        keyedByRowDay.set(top, days)
      }
      const weeklySeries = new Map<string, Point>()
      for (let w = 0; w < WEEKLY_WEEKS; w++) weeklySeries.set(weekStartOf(addDays(today, -7 * (WEEKLY_WEEKS - 1 - w))), emptyPoint())
      for (const a of weeklyRows) {
        const metric = throughputMetricOf(a.action, a.status)
        const point = weeklySeries.get(weekStartOf(a.day))
        if (metric && point) point[metric] += a.entries
      }

      const deadline = phase?.deadline ?? null
      const rows: DashboardUnitRow[] = rowUnits.map((u) => {
        const tally = tallies.get(u.id) ?? emptyTally()
        const plan = planned.get(u.id)
        const keyedDaily = [...(keyedByRowDay.get(u.id) ?? new Map<string, number>())].map(([day, entries]) => ({ day, entries }))
        const pace = measuredThroughput(keyedDaily, today)
        const perDay = pace.perDay
        const remaining = plan ? Math.max(plan.entries - tally.done, 0) : null
        return {
          unitId: u.id, name: u.name, level: u.level, planned: plan?.entries ?? null, planStatus: plan?.status ?? null,
          ...tally, perDay: round(perDay), remaining,
          forecast: remaining !== null && deadline ? forecastFinish(remaining, perDay, today, deadline, paceMeasured(keyedDaily, today, phase?.starts_on ?? null, pace)) : null,
        }
      }).filter((r) => r.total > 0 || r.planned !== null || rowUnits.find((u) => u.id === r.unitId)?.valid_to === null)

      const plannedTotal = targets.length > 0 ? [...planned.values()].reduce((sum, p) => sum + p.entries, 0) : null
      const ownDaily = [...keyedByRowDay.values()].flatMap((days) => [...days].map(([day, entries]) => ({ day, entries })))
      const ownPace = measuredThroughput(ownDaily, today)
      const perDay = ownPace.perDay
      const remaining = plannedTotal === null ? null : Math.max(plannedTotal - totals.done, 0)
      const plannedPace = plannedPaceOf(targets)

      return {
        unit: { id: unit.id, name: unit.name, level: unit.level },
        today,
        phases: phases.map((p) => ({ id: p.id, name: p.name, windowFrom: p.window_from, windowTo: p.window_to, deadline: p.deadline })),
        phase: phase ? { id: phase.id, name: phase.name, windowFrom: phase.window_from, windowTo: phase.window_to, bookTypes: phase.book_types, startsOn: phase.starts_on, deadline: phase.deadline, unitPriceVnd: phase.unit_price_vnd } : null,
        totals: { planned: plannedTotal, ...totals },
        byType: [...types].sort(([a], [b]) => a.localeCompare(b)).map(([bookType, t]) => ({ bookType, label: isBookTypeCode(bookType) ? getBookType(bookType).label : bookType, ...t })),
        units: rows,
        historic: query.byHistoric === '1' ? await historicOf(allIds, windowKeys) : null,
        risk: rows.filter((r) => r.forecast && r.remaining !== null)
          .map((r) => ({ ...(r.forecast ?? forecastFinish(0, 0, today, today)), remaining: r.remaining ?? 0, row: r }))
          .sort(riskOrder)
          .map(({ row, ...f }) => ({ unitId: row.unitId, name: row.name, late: f.late, finishOn: f.finishOn, workingDaysLate: f.workingDaysLate, insufficientData: f.insufficientData, remaining: f.remaining, perDay: row.perDay })),
        throughput: {
          daily: [...dailySeries].sort(([a], [b]) => a.localeCompare(b)).map(([day, p]) => ({ day, ...p })),
          weekly: [...weeklySeries].map(([weekStart, p]) => ({ weekStart, ...p })),
          keyers,
        },
        backlog: { waitingCheck: totals.byStatus.keyed ?? 0, waitingApproval: totals.byStatus.checked ?? 0, returned: totals.byStatus.returned ?? 0, drafts: totals.byStatus.draft ?? 0 },
        reconciliation,
        acceptance,
        forecast: {
          deadline,
          perDay: round(perDay),
          remaining,
          own: remaining !== null && deadline ? forecastFinish(remaining, perDay, today, deadline, paceMeasured(ownDaily, today, phase?.starts_on ?? null, ownPace)) : null,
          planned: plannedTotal === null ? null : {
            entries: plannedTotal, units: planned.size, entriesPerUnitPerDay: plannedPace,
            workingDays: plannedPace === null ? null : plannedWorkingDays(plannedTotal, planned.size, plannedPace),
          },
        },
        cost: phase ? campaignCost(totals.done, plannedTotal ?? totals.total, phase.unit_price_vnd) : null,
      }
    },
  }

  async function historicOf(ids: readonly string[], phase: Parameters<typeof repo.byHistoricDistrict>[1]) {
    const rows = await repo.byHistoricDistrict(ids, phase)
    const districts = new Map<string, Tally & { name: string }>()
    for (const r of rows) {
      const d = districts.get(r.districtId) ?? { ...emptyTally(), name: r.name }
      add(d, r.status, r.entries)
      districts.set(r.districtId, d)
    }
    return [...districts].map(([unitId, d]) => ({ unitId, ...d }))
  }

  async function keyersOf(ids: readonly string[], fromDay: string, toDay: string) {
    const byUser = new Map<string | null, Point>()
    for (const a of await activityByUser(db, ids, fromDay, toDay)) {
      const metric = throughputMetricOf(a.action, a.status)
      if (!metric) continue
      const point = byUser.get(a.userId) ?? emptyPoint()
      point[metric] += a.entries
      byUser.set(a.userId, point)
    }
    const names = await fullNamesOf(db, [...byUser.keys()].filter((id): id is string => id !== null))
    return [...byUser].map(([userId, p]) => ({ userId, name: (userId && names.get(userId)) || 'Hệ thống', ...p }))
      .sort((a, b) => b.keyed - a.keyed || a.name.localeCompare(b.name, 'vi'))
  }
}
export type DashboardService = ReturnType<typeof createDashboardService>

function countInto(c: EntryCount, topOf: ReadonlyMap<string, string>, tallies: Map<string, Tally>, types: Map<string, Tally & { planned: number | null }>, totals: Tally): void {
  const top = topOf.get(c.unitId) ?? c.unitId
  const tally = tallies.get(top) ?? emptyTally()
  add(tally, c.status, c.entries)
  tallies.set(top, tally)
  const type = types.get(c.bookType) ?? { ...emptyTally(), planned: null }
  add(type, c.status, c.entries)
  types.set(c.bookType, type)
  add(totals, c.status, c.entries)
}

/** The plans' pace: entries per unit per day = team × entries per person per day, averaged over the plans that set it. */
function plannedPaceOf(targets: ReadonlyArray<{ unitId: string; teamSize: number; entriesPerDay: number | null }>): number | null {
  const perUnit = new Map<string, number>()
  for (const t of targets) if (t.entriesPerDay !== null) perUnit.set(t.unitId, t.entriesPerDay * Math.max(t.teamSize, 1))
  if (perUnit.size === 0) return null
  return round([...perUnit.values()].reduce((a, b) => a + b, 0) / perUnit.size)
}

const round = (n: number) => Math.round(n * 10) / 10
