/**
 * Weekly progress reports (issue 13): each unit's report of an ISO week, generated from the live
 * figures plus the officer's texts, submitted by the unit's leader and frozen then (figures and, for a
 * level above, its units' reports as they stood). The level above sees who has submitted and who is
 * late against its level's deadline. Every write and download writes its audit row.
 */
import type { Kysely } from 'kysely'
import {
  addDays, DEFAULT_REPORT_DEADLINES, isReportLevel, REPORT_LEVEL_CODES, REPORT_LEVELS, REPORT_STATES, reminderStartsAt, reportDueAt, reportState,
  reportWeekOf, vietnamDay, WeeklyReportSnapshot,
  type ReportDeadline, type ReportDeadlineList, type ReportDeadlinesUpdate, type ReportLevel, type WeeklyReportFigures, type WeeklyReportQuery,
  type WeeklyReportReminder, type WeeklyReportSave, type WeeklyReportSubmit, type WeeklyReportTexts, type WeeklyReportUnitList,
  type WeeklyReportUnitStatus, type WeeklyReportView,
} from '@hts/domain'
import { can } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, isUniqueViolation, notFound, refused } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import { listPhasesInScope, phaseCoverage, type CampaignService, type PhaseRow } from '../campaign'
import type { UnitsService } from '../units'
import { fullNamesOf } from '../users'
import { reportFigures } from './figures'
import { mustReport, reportActions } from './policy'
import { createReportsRepository, type ReportRow } from './repository'

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị này'
const FROZEN = 'Báo cáo tuần này đã nộp nên không sửa được nữa. Nội dung bổ sung xin ghi vào báo cáo tuần sau.'
const STALE = 'Báo cáo vừa được người khác sửa hoặc nộp. Tải lại trang để xem bản mới nhất rồi sửa lại.'
const NOT_OWN = 'Chỉ đơn vị lập báo cáo mới sửa hoặc nộp được báo cáo của mình'
const EMPTY_TEXTS: WeeklyReportTexts = { situation: '', difficulties: '', proposals: '', budget: '' }

const textsOf = (row: ReportRow): WeeklyReportTexts => ({ situation: row.situation, difficulties: row.difficulties, proposals: row.proposals, budget: row.budget })
const levelOf = (level: string): ReportLevel => (isReportLevel(level) ? level : 'commune')

/** The phase of a week: running on its Friday, else the last begun before, else the first. */
function phaseOfWeek(phases: readonly PhaseRow[], friday: string): PhaseRow | undefined {
  return phases.find((p) => p.starts_on <= friday && friday <= p.deadline) ?? [...phases].reverse().find((p) => p.starts_on <= friday) ?? phases[0]
}

type Deadlines = Record<ReportLevel, ReportDeadline>
interface WeekPhase {
  phase: PhaseRow | undefined
  /** The units the phase covers; undefined when it covers all (or there is no phase). */
  covered: ReadonlyMap<string, unknown> | undefined
}
interface Target {
  unit: { id: string; name: string; level: string }
  weekStart: string
  today: string
}

export interface ReportsOptions {
  /** The clock (tests fix it); reports are due in Vietnam time whatever the server's zone. */
  now?: () => Date
}

export function createReportsService(db: Kysely<Database>, units: UnitsService, campaign: CampaignService, options: ReportsOptions = {}) {
  const repo = createReportsRepository(db)
  const now = options.now ?? (() => new Date())

  /** The unit (the reader's by default) if in the reader's scope, else 404; the week's Monday (400 for a week not begun). */
  async function target(user: AuthUser, unitId: string | undefined, week: string | undefined) {
    const id = unitId ?? user.unitId
    const scope = await units.scopeOf(user.unitId)
    const unit = scope.has(id) ? await units.findById(id) : undefined
    if (!unit) throw notFound(UNIT_NOT_FOUND)
    const today = vietnamDay(now())
    const weekStart = reportWeekOf(week ?? today)
    if (weekStart > today) throw new HttpError(400, 'validation', 'Tuần này chưa bắt đầu: chọn tuần hiện tại hoặc một tuần đã qua', { fieldErrors: { week: 'Chọn tuần hiện tại hoặc một tuần đã qua' } })
    return { unit, weekStart, today }
  }

  async function deadlines(unitId: string): Promise<Deadlines> {
    const province = await repo.provinceOf(unitId)
    const result = { ...DEFAULT_REPORT_DEADLINES }
    for (const row of province ? await repo.deadlinesOf(province) : []) result[row.level] = { weekday: row.weekday, time: row.due_time }
    return result
  }

  /** The week's phase and the units it covers (undefined: every unit), read once per request. */
  async function weekPhase(user: AuthUser, weekStart: string): Promise<WeekPhase> {
    const phase = phaseOfWeek(await listPhasesInScope(db, user), addDays(weekStart, 4))
    return { phase, covered: phase && phase.unit_ids !== null ? await phaseCoverage(units, phase) : undefined }
  }

  async function liveFigures(user: AuthUser, unitId: string, week: WeekPhase, weekStart: string, today: string, withAppendix: boolean): Promise<WeeklyReportFigures> {
    const weekEnd = addDays(weekStart, 6)
    // The unit and the units below it that the phase covers: what the report's figures count.
    const counted = [...(await units.scopeOf(unitId))].filter((id) => !week.covered || week.covered.has(id))
    return reportFigures(db, campaign, {
      user, unitId, unitIds: counted, phase: week.phase, weekStart, asOf: today < weekEnd ? today : weekEnd, computedAt: now(), withAppendix,
    })
  }

  /** The units reporting to this one (its active units directly below, those the week's phase covers) and their reports. */
  async function unitStatuses(unitId: string, week: WeekPhase, due: Deadlines, weekStart: string): Promise<WeeklyReportUnitStatus[]> {
    const children = await repo.activeChildren(unitId)
    if (children.length === 0) return []
    const reporting = children.filter((c) => !week.covered || week.covered.has(c.id))
    const reports = new Map((await repo.reportsOf(reporting.map((c) => c.id), weekStart)).map((r) => [r.unit_id, r]))
    const at = now()
    return reporting.map((c) => {
      const report = reports.get(c.id)
      const submitted = report?.status === 'submitted' ? report : undefined
      const dueAt = reportDueAt(weekStart, due[levelOf(c.level)])
      const { state, late } = reportState(submitted?.submitted_at ?? null, dueAt, at)
      return {
        unitId: c.id, name: c.name, level: c.level, state, stateLabel: REPORT_STATES[state], late, dueAt: dueAt.toISOString(),
        submittedAt: submitted?.submitted_at?.toISOString() ?? null, texts: submitted ? textsOf(submitted) : null,
      }
    })
  }

  /** Today's figures and units below, as a submission freezes them: the week's phase read once for both. */
  async function liveSnapshot(user: AuthUser, target: Target, due: Deadlines, withAppendix: boolean): Promise<WeeklyReportSnapshot> {
    const { unit, weekStart, today } = target
    const week = await weekPhase(user, weekStart)
    const [figures, below] = await Promise.all([liveFigures(user, unit.id, week, weekStart, today, withAppendix), unitStatuses(unit.id, week, due, weekStart)])
    return { figures, units: below }
  }

  /**
   * The report as shown: a submitted one from its frozen copy, a draft (or none yet) with today's
   * figures; the callers pass what they have already read (the unit, its deadlines, its row).
   */
  async function present(user: AuthUser, target: Target, due: Deadlines, row: ReportRow | undefined, withAppendix: boolean): Promise<WeeklyReportView> {
    const { unit, weekStart } = target
    const status = row?.status ?? 'none'
    const dueAt = reportDueAt(weekStart, due[levelOf(unit.level)])
    const { state, late } = reportState(row?.status === 'submitted' ? row.submitted_at : null, dueAt, now())
    const snapshot = row?.status === 'submitted' ? WeeklyReportSnapshot.parse(row.figures) : undefined
    const submittedBy = row?.submitted_by ? (await fullNamesOf(db, [row.submitted_by])).get(row.submitted_by) ?? null : null
    const { figures, units: below } = snapshot ?? (await liveSnapshot(user, target, due, withAppendix))
    return {
      unit: { id: unit.id, name: unit.name, level: unit.level },
      weekStart, weekEnd: addDays(weekStart, 6), dueAt: dueAt.toISOString(), status, state, stateLabel: REPORT_STATES[state], late,
      texts: row ? textsOf(row) : EMPTY_TEXTS, version: row?.version ?? 0, updatedAt: row?.updated_at ?? null,
      submittedAt: row?.submitted_at ?? null, submittedBy, figures, units: below,
      ...reportActions(user, unit.id, status),
    }
  }

  async function view(user: AuthUser, query: WeeklyReportQuery, withAppendix = false): Promise<WeeklyReportView> {
    const where = await target(user, query.unitId, query.week)
    const [due, row] = await Promise.all([deadlines(where.unit.id), repo.findReport(where.unit.id, where.weekStart)])
    return present(user, where, due, row, withAppendix)
  }

  /** The unit's own report only (404 outside the scope, 403 for a unit above); a stale version or a submitted report: 409. */
  async function checkedOwn(user: AuthUser, unitId: string, week: string) {
    const { unit, weekStart, today } = await target(user, unitId, week)
    if (unit.id !== user.unitId) throw refused(NOT_OWN)
    return { unit, weekStart, today }
  }
  function checkRow(row: ReportRow | undefined, version: number): void {
    if (row?.status === 'submitted') throw conflict(FROZEN)
    if ((row?.version ?? 0) !== version) throw conflict(STALE)
  }
  const staleOnDuplicate = (error: unknown) => {
    if (isUniqueViolation(error, 'weekly_reports_once')) throw conflict(STALE)
    throw error
  }

  return {
    /** The report of a unit and week; a draft's figures without the appendix (see `withAppendix`). */
    view: (user: AuthUser, query: WeeklyReportQuery) => view(user, query),

    async unitList(user: AuthUser, query: WeeklyReportQuery): Promise<WeeklyReportUnitList> {
      const { unit, weekStart } = await target(user, query.unitId, query.week)
      const [week, due] = await Promise.all([weekPhase(user, weekStart), deadlines(unit.id)])
      return { weekStart, items: await unitStatuses(unit.id, week, due, weekStart) }
    },

    async save(user: AuthUser, input: WeeklyReportSave): Promise<WeeklyReportView> {
      const where = await checkedOwn(user, input.unitId, input.week)
      const { unit, weekStart } = where
      const texts: WeeklyReportTexts = { situation: input.situation, difficulties: input.difficulties, proposals: input.proposals, budget: input.budget }
      const saved = await db.transaction().execute(async (trx) => {
        const row = await repo.lockReport(trx, unit.id, weekStart)
        checkRow(row, input.version)
        const written = row
          ? await trx.updateTable('weekly_reports').set({ ...texts, updated_by: user.id, updated_at: now(), version: row.version + 1 }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow()
          : await trx.insertInto('weekly_reports').values({ unit_id: unit.id, week_start: weekStart, ...texts, created_by: user.id, updated_by: user.id, created_at: now(), updated_at: now() }).returningAll().executeTakeFirstOrThrow()
        await recordAudit(trx, actorOf(user), { action: 'report.weekly.save', entityType: 'weekly_report', entityId: written.id, details: { unitId: unit.id, weekStart, version: input.version + 1 } })
        return written
      }).catch(staleOnDuplicate)
      return present(user, where, await deadlines(unit.id), saved, false)
    },

    /** The leader's submission (the route lets only `report.submit` through): the figures and units below frozen as they are now. */
    async submit(user: AuthUser, input: WeeklyReportSubmit): Promise<WeeklyReportView> {
      const where = await checkedOwn(user, input.unitId, input.week)
      const { unit, weekStart } = where
      checkRow(await repo.findReport(unit.id, weekStart), input.version)
      // Read before the transaction (figures only, from the counters); the row's version guards the write.
      const due = await deadlines(unit.id)
      const snapshot = await liveSnapshot(user, where, due, true)
      const { figures } = snapshot
      const phase = figures.phase?.id ?? null
      const at = now()
      const saved = await db.transaction().execute(async (trx) => {
        const row = await repo.lockReport(trx, unit.id, weekStart)
        checkRow(row, input.version)
        const frozen = { status: 'submitted' as const, figures: JSON.stringify(snapshot), phase_id: phase, submitted_by: user.id, submitted_at: at, updated_by: user.id, updated_at: at }
        const written = row
          ? await trx.updateTable('weekly_reports').set({ ...frozen, version: row.version + 1 }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow()
          : await trx.insertInto('weekly_reports').values({ unit_id: unit.id, week_start: weekStart, created_by: user.id, created_at: at, ...frozen }).returningAll().executeTakeFirstOrThrow()
        await recordAudit(trx, actorOf(user), {
          action: 'report.weekly.submit', entityType: 'weekly_report', entityId: written.id,
          details: { unitId: unit.id, weekStart, phaseId: phase, done: figures.totals.done, planned: figures.totals.planned },
        })
        return written
      }).catch(staleOnDuplicate)
      return present(user, where, due, saved, false)
    },

    /** From the Thursday of the week, the user's unit's report not yet submitted (for those who write or submit it). */
    async reminder(user: AuthUser): Promise<WeeklyReportReminder> {
      if (!mustReport(user)) return { reminder: null }
      const at = now()
      const weekStart = reportWeekOf(vietnamDay(at))
      if (at.getTime() < reminderStartsAt(weekStart).getTime()) return { reminder: null }
      const unit = await units.findById(user.unitId)
      if (!unit || unit.valid_to !== null) return { reminder: null }
      const row = await repo.findReport(unit.id, weekStart)
      if (row?.status === 'submitted') return { reminder: null }
      const dueAt = reportDueAt(weekStart, (await deadlines(unit.id))[levelOf(unit.level)])
      return { reminder: { unitId: unit.id, unitName: unit.name, weekStart, dueAt: dueAt.toISOString(), late: at.getTime() > dueAt.getTime(), status: row ? 'draft' : 'none' } }
    },

    async deadlineList(user: AuthUser): Promise<ReportDeadlineList> {
      const due = await deadlines(user.unitId)
      return { items: REPORT_LEVEL_CODES.map((level) => ({ level, label: REPORT_LEVELS[level], weekday: due[level].weekday, time: due[level].time })), canEdit: can(user, 'campaign.manage') }
    },

    /** The province officer sets the deadlines of the province (a province-level account only). */
    async updateDeadlines(user: AuthUser, input: ReportDeadlinesUpdate): Promise<ReportDeadlineList> {
      const province = await repo.provinceOf(user.unitId)
      if (!province || province !== user.unitId) throw refused('Chỉ Sở Tư pháp (cấp tỉnh) đặt hạn nộp báo cáo tuần')
      const before = await deadlines(province)
      await db.transaction().execute(async (trx) => {
        for (const item of input.items) {
          await trx.insertInto('weekly_report_deadlines').values({ province_unit_id: province, level: item.level, weekday: item.weekday, due_time: item.time, updated_by: user.id, updated_at: now() })
            .onConflict((oc) => oc.columns(['province_unit_id', 'level']).doUpdateSet({ weekday: item.weekday, due_time: item.time, updated_by: user.id, updated_at: now() })).execute()
        }
        await recordAudit(trx, actorOf(user), { action: 'report.deadlines.update', entityType: 'unit', entityId: province, details: { before, after: input.items } })
      })
      return this.deadlineList(user)
    },

    /** The report as the exports print it; the download is audited. */
    async forExport(user: AuthUser, query: WeeklyReportQuery, format: 'pdf' | 'xlsx'): Promise<WeeklyReportView> {
      const report = await view(user, query, true)
      await recordAudit(db, actorOf(user), { action: 'report.weekly.download', entityType: 'unit', entityId: report.unit.id, details: { weekStart: report.weekStart, format, status: report.status } })
      return report
    },
  }
}
export type ReportsService = ReturnType<typeof createReportsService>
