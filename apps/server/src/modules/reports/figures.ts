/**
 * The figures of a weekly report, live: read from the entries module's counters (`countEntries`,
 * `activityByDay`, `activityByType`, `activityByUser`), the campaign's plan targets and appendix, and the domain's
 * forecast and cost, as the dashboard reads them. A submitted report keeps these as they were.
 */
import {
  addDays, campaignCost, DONE_STATUSES, forecastFinish, getBookType, isBookTypeCode, measuredThroughput, paceMeasured, throughputMetricOf,
  type ThroughputMetric, type WeeklyReportFigures,
} from '@hts/domain'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { AuthUser } from '../auth'
import { planTargets, type CampaignService, type PhaseRow } from '../campaign'
import { activityByDay, activityByType, activityByUser, countEntries } from '../entries'

type Activity = Record<ThroughputMetric, number>
const emptyActivity = (): Activity => ({ keyed: 0, checked: 0, approved: 0, returned: 0, handedOver: 0 })
const IN_DATABASE = new Set(['approved', 'handed_over'])
const round = (n: number) => Math.round(n * 10) / 10
const typeLabel = (code: string) => (isBookTypeCode(code) ? getBookType(code).label : code)

export interface FigureRequest {
  user: AuthUser
  /** The report's unit: its appendix is asked of the campaign module for it. */
  unitId: string
  /** The unit and every unit below it that the phase covers. */
  unitIds: readonly string[]
  phase: PhaseRow | undefined
  weekStart: string
  /** The last day counted: the week's Sunday, or today while the week runs. */
  asOf: string
  computedAt: Date
  /** The appendix reads every book of the scope: the exports and the frozen copy take it, a draft's page does not. */
  withAppendix: boolean
}

export async function reportFigures(db: Kysely<Database>, campaign: CampaignService, request: FigureRequest): Promise<WeeklyReportFigures> {
  const { unitIds, phase, weekStart, asOf } = request
  // The pace is measured up to the last day counted, that day included (the week is over or nearly).
  const paceDay = addDays(asOf, 1)
  const [counts, targets, weekDays, weekTypes, paceDays, people, inventory] = await Promise.all([
    countEntries(db, { unitIds, phase: phase && { bookTypes: phase.book_types, windowFrom: phase.window_from, windowTo: phase.window_to } }),
    phase ? planTargets(db, phase.id, unitIds) : Promise.resolve([]),
    activityByDay(db, unitIds, weekStart, asOf, false),
    activityByType(db, unitIds, weekStart, asOf),
    activityByDay(db, unitIds, addDays(paceDay, -28), asOf, false),
    activityByUser(db, unitIds, weekStart, asOf),
    phase && request.withAppendix ? campaign.inventory.inventory(request.user, request.unitId, phase.id) : Promise.resolve(undefined),
  ])

  const types = new Map<string, { planned: number | null; total: number; done: number; inDatabase: number; week: Activity }>()
  const typeOf = (code: string) => {
    const found = types.get(code) ?? { planned: null, total: 0, done: 0, inDatabase: 0, week: emptyActivity() }
    types.set(code, found)
    return found
  }
  for (const code of phase?.book_types ?? []) typeOf(code)
  for (const c of counts) {
    if (c.status === 'withdrawn') continue
    const t = typeOf(c.bookType)
    t.total += c.entries
    if (DONE_STATUSES.includes(c.status)) t.done += c.entries
    if (IN_DATABASE.has(c.status)) t.inDatabase += c.entries
  }
  // The week counts all the unit's work, as the week's totals do: a type outside the phase has a row when worked on this week.
  for (const a of weekTypes) {
    const metric = throughputMetricOf(a.action, a.status)
    if (metric) typeOf(a.bookType).week[metric] += a.entries
  }
  for (const target of targets) {
    const t = typeOf(target.bookType)
    t.planned = (t.planned ?? 0) + target.entriesPlanned
  }
  const byType = [...types].sort(([a], [b]) => a.localeCompare(b)).map(([bookType, t]) => ({
    bookType, label: typeLabel(bookType), ...t, remaining: t.planned === null ? null : Math.max(t.planned - t.done, 0),
  }))
  const sum = (key: 'total' | 'done' | 'inDatabase') => byType.reduce((n, t) => n + t[key], 0)
  const planned = targets.length > 0 ? byType.reduce((n, t) => n + (t.planned ?? 0), 0) : null
  const done = sum('done')
  const remaining = planned === null ? null : Math.max(planned - done, 0)

  const week = emptyActivity()
  const daily = new Map<string, Activity>()
  for (let day = weekStart; day <= asOf; day = addDays(day, 1)) daily.set(day, emptyActivity())
  for (const a of weekDays) {
    const metric = throughputMetricOf(a.action, a.status)
    const point = daily.get(a.day)
    if (!metric || !point) continue
    point[metric] += a.entries
    week[metric] += a.entries
  }
  const keyedPerDay = new Map<string, number>()
  for (const a of paceDays) if (throughputMetricOf(a.action, a.status) === 'keyed') keyedPerDay.set(a.day, (keyedPerDay.get(a.day) ?? 0) + a.entries)
  const keyedDaily = [...keyedPerDay].map(([day, entries]) => ({ day, entries }))
  const pace = measuredThroughput(keyedDaily, paceDay)
  const perDay = pace.perDay
  const staff = new Set(people.filter((p) => p.userId !== null && throughputMetricOf(p.action, p.status) !== undefined && p.entries > 0).map((p) => p.userId)).size

  return {
    computedAt: request.computedAt.toISOString(),
    asOf,
    phase: phase ? { id: phase.id, name: phase.name, deadline: phase.deadline, unitPriceVnd: phase.unit_price_vnd } : null,
    byType,
    totals: { planned, total: sum('total'), done, inDatabase: sum('inDatabase'), remaining },
    week,
    daily: [...daily].map(([day, a]) => ({ day, ...a })),
    staff,
    perDay: round(perDay),
    // As on the dashboard: no completed day of work yet is "not enough data", not "never finishes".
    forecast: remaining !== null && phase ? forecastFinish(remaining, perDay, paceDay, phase.deadline, paceMeasured(keyedDaily, paceDay, phase.starts_on, pace)) : null,
    cost: phase ? campaignCost(done, planned ?? sum('total'), phase.unit_price_vnd) : null,
    appendix: inventory?.appendix ?? null,
  }
}
