/**
 * Unit plans per phase (issue 13): the unit writes its plan (pre-filled from its book inventory and
 * the entries already counted) and submits it; a unit above approves or returns it with a reason.
 * The domain's PLAN_TRANSITIONS is the workflow; every change writes an audit row in its transaction.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { can, findPlanTransition, getBookType, isBookTypeCode, PLAN_ACTIONS, PLAN_EDIT_RESULT, PLAN_EDITABLE, PLAN_STATUSES, type PlanCreate, type PlanListQuery, type PlanSummary, type PlanTransitionBody, type PlanUpdate, type PlanView } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, isUniqueViolation, notFound, refused, unprocessable } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { UnitsService } from '../units'
import type { InventoryService } from './inventory'
import { phaseCommunesIn, type PhasesService } from './phases'
import { allowedPlanActions, planRelation } from './policy'
import { createCampaignRepository, type PlanRow } from './repository'

const PLAN_NOT_FOUND = 'Không tìm thấy kế hoạch này'
const STALE_PLAN = 'Kế hoạch vừa được người khác sửa hoặc chuyển trạng thái. Tải lại để xem bản mới nhất.'
const StoredTeam = z.array(z.object({ userId: z.string().nullable(), name: z.string() }))
const typeLabel = (code: string) => (isBookTypeCode(code) ? getBookType(code).label : code)

export function createPlansService(db: Kysely<Database>, units: UnitsService, phases: PhasesService, inventory: InventoryService) {
  const repo = createCampaignRepository(db)

  async function planInScope(user: AuthUser, planId: string): Promise<{ plan: PlanRow; scope: Set<string> }> {
    const plan = await repo.findPlan(planId)
    const scope = await units.scopeOf(user.unitId)
    if (!plan || !scope.has(plan.unit_id)) throw notFound(PLAN_NOT_FOUND)
    return { plan, scope }
  }

  async function present(user: AuthUser, plan: PlanRow, scope: ReadonlySet<string>): Promise<PlanView> {
    const lines = await repo.linesOf([plan.id])
    const canEdit = can(user, 'plan.edit') && planRelation(user, scope, plan).own && PLAN_EDITABLE.includes(plan.status)
    const parsedTeam = StoredTeam.safeParse(plan.team)
    return {
      id: plan.id, phaseId: plan.phase_id, unitId: plan.unit_id, unitName: (await units.findById(plan.unit_id))?.name ?? '',
      status: plan.status, statusLabel: PLAN_STATUSES[plan.status],
      lines: lines.flatMap((l) => (isBookTypeCode(l.book_type) ? [{ bookType: l.book_type, label: typeLabel(l.book_type), booksPlanned: l.books_planned, entriesPlanned: l.entries_planned }] : [])),
      team: parsedTeam.success ? parsedTeam.data.map((m) => ({ userId: m.userId, name: m.name })) : [],
      startsOn: plan.starts_on, endsOn: plan.ends_on, entriesPerDay: plan.entries_per_day === null ? null : Number(plan.entries_per_day),
      note: plan.note, returnReason: plan.return_reason, version: plan.version, submittedAt: plan.submitted_at, decidedAt: plan.decided_at, updatedAt: plan.updated_at,
      canEdit, allowedActions: allowedPlanActions(user, scope, plan),
      teamCandidates: canEdit ? (await repo.accountsOf(plan.unit_id)).map((a) => ({ userId: a.id, name: a.full_name })) : [],
    }
  }

  /** Only the unit itself writes its plan: others in scope are refused (403), the rest never see it (404). */
  function requireOwn(user: AuthUser, scope: ReadonlySet<string>, unitId: string): void {
    if (!scope.has(unitId)) throw notFound('Không tìm thấy đơn vị này')
    if (user.unitId !== unitId || !can(user, 'plan.edit')) throw refused('Chỉ đơn vị lập kế hoạch mới sửa và gửi kế hoạch của mình; cấp trên duyệt hoặc trả lại')
  }

  /** Team members: the unit's own accounts (name taken from the account) or people named without one. */
  async function checkedTeam(unitId: string, team: PlanUpdate['team']) {
    const accounts = new Map((await repo.accountsOf(unitId)).map((a) => [a.id, a.full_name]))
    return team.map((m, i) => {
      if (!m.userId) return { userId: null, name: m.name ?? '' }
      const name = accounts.get(m.userId)
      if (name === undefined) throw new HttpError(400, 'validation', 'Người tham gia phải là tài khoản của đơn vị, hoặc ghi họ tên người chưa có tài khoản', { fieldErrors: { [`team.${i}.userId`]: 'Chọn tài khoản của đơn vị' } })
      return { userId: m.userId, name }
    })
  }

  return {
    async list(user: AuthUser, query: PlanListQuery): Promise<{ items: PlanSummary[] }> {
      const phase = await phases.getInScope(user, query.phaseId)
      const userScope = await units.scopeOf(user.unitId)
      if (query.unitId && !userScope.has(query.unitId)) throw notFound('Không tìm thấy đơn vị này')
      const scope = query.unitId ? await units.scopeOf(query.unitId) : userScope
      const covered = []
      for (const id of await phaseCommunesIn(units, phase, scope)) {
        const unit = await units.findById(id)
        if (unit) covered.push(unit)
      }
      const plans = await repo.plansOf(phase.id, covered.map((u) => u.id))
      const lines = await repo.linesOf(plans.map((p) => p.id))
      const items = covered.map((unit): PlanSummary => {
        const plan = plans.find((p) => p.unit_id === unit.id)
        return {
          unitId: unit.id, unitName: unit.name, planId: plan?.id ?? null, status: plan?.status ?? null,
          statusLabel: plan ? PLAN_STATUSES[plan.status] : 'Chưa lập',
          entriesPlanned: plan ? lines.filter((l) => l.plan_id === plan.id).reduce((n, l) => n + l.entries_planned, 0) : 0,
          updatedAt: plan?.updated_at ?? null,
        }
      })
      return { items: items.sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi')) }
    },

    async get(user: AuthUser, planId: string): Promise<PlanView> {
      const { plan, scope } = await planInScope(user, planId)
      return present(user, plan, scope)
    },

    /** A draft pre-filled from the unit's inventory for the phase: books not lost and entries counted, per type. */
    async create(user: AuthUser, input: PlanCreate): Promise<PlanView> {
      const scope = await units.scopeOf(user.unitId)
      requireOwn(user, scope, input.unitId)
      const phase = await phases.getInScope(user, input.phaseId)
      if (!(await phaseCommunesIn(units, phase, new Set([input.unitId]))).includes(input.unitId)) throw unprocessable('Giai đoạn này không gồm đơn vị của bạn')
      const stock = await inventory.inventory(user, input.unitId, phase.id)
      const lines = stock.byType.map((t) => ({ book_type: t.bookType, books_planned: t.books - t.lost, entries_planned: t.entries.total }))
      const plan = await db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('campaign_plans').values({ phase_id: phase.id, unit_id: input.unitId, starts_on: phase.starts_on, ends_on: phase.deadline, team: '[]', created_by: user.id })
          .returningAll().executeTakeFirstOrThrow()
        if (lines.length > 0) await trx.insertInto('campaign_plan_lines').values(lines.map((l) => ({ plan_id: row.id, ...l }))).execute()
        await recordAudit(trx, actorOf(user), { action: 'campaign.plan.create', entityType: 'campaign_plan', entityId: row.id, details: { phaseId: phase.id, unitId: input.unitId, lines } })
        return row
      }).catch((error: unknown) => {
        if (isUniqueViolation(error, 'campaign_plans_once')) throw conflict('Đơn vị đã có kế hoạch cho giai đoạn này: mở kế hoạch đó để sửa')
        throw error
      })
      return present(user, plan, scope)
    },

    async update(user: AuthUser, planId: string, input: PlanUpdate): Promise<PlanView> {
      const { plan, scope } = await planInScope(user, planId)
      requireOwn(user, scope, plan.unit_id)
      if (!PLAN_EDITABLE.includes(plan.status)) throw conflict(`Kế hoạch đang ở trạng thái "${PLAN_STATUSES[plan.status]}": không sửa được (mở lại để sửa nếu đã duyệt)`)
      if (plan.version !== input.version) throw conflict(STALE_PLAN)
      const phase = await phases.getInScope(user, plan.phase_id)
      const foreign = input.lines.filter((l) => !phase.book_types.includes(l.bookType)).map((l) => l.bookType)
      if (foreign.length > 0) throw new HttpError(400, 'validation', `Loại sổ không thuộc giai đoạn: ${foreign.join(', ')}`, { fieldErrors: { lines: 'Chỉ các loại sổ của giai đoạn' } })
      const team = await checkedTeam(plan.unit_id, input.team)
      const updated = await db.transaction().execute(async (trx) => {
        const before = await repo.linesOf([plan.id], trx)
        const row = await trx.updateTable('campaign_plans').set({
          starts_on: input.startsOn, ends_on: input.endsOn, entries_per_day: input.entriesPerDay, note: input.note ?? null, team: JSON.stringify(team),
          status: PLAN_EDIT_RESULT, updated_at: new Date(), version: input.version + 1,
        }).where('id', '=', plan.id).where('version', '=', input.version).returningAll().executeTakeFirst()
        if (!row) throw conflict(STALE_PLAN)
        await trx.deleteFrom('campaign_plan_lines').where('plan_id', '=', plan.id).execute()
        if (input.lines.length > 0) {
          await trx.insertInto('campaign_plan_lines').values(input.lines.map((l) => ({ plan_id: plan.id, book_type: l.bookType, books_planned: l.booksPlanned, entries_planned: l.entriesPlanned }))).execute()
        }
        await recordAudit(trx, actorOf(user), {
          action: 'campaign.plan.update', entityType: 'campaign_plan', entityId: plan.id,
          details: {
            statusBefore: plan.status, linesBefore: before.map((l) => ({ bookType: l.book_type, booksPlanned: l.books_planned, entriesPlanned: l.entries_planned })),
            lines: input.lines, team, startsOn: input.startsOn, endsOn: input.endsOn, entriesPerDay: input.entriesPerDay,
          },
        })
        return row
      })
      return present(user, updated, scope)
    },

    async transition(user: AuthUser, planId: string, input: PlanTransitionBody): Promise<PlanView> {
      const { plan, scope } = await planInScope(user, planId)
      const transition = findPlanTransition(plan.status, input.action)
      if (!transition) throw conflict(`Kế hoạch đang ở trạng thái "${PLAN_STATUSES[plan.status]}": không thể ${PLAN_ACTIONS[input.action].toLowerCase()}`)
      const relation = planRelation(user, scope, plan)
      if (transition.actor === 'above' && relation.own) throw refused('Đơn vị không tự duyệt kế hoạch của mình: cấp trên duyệt hoặc trả lại')
      if (!can(user, transition.permission) || !(transition.actor === 'own' ? relation.own : relation.above)) {
        throw refused(transition.actor === 'own' ? 'Chỉ đơn vị lập kế hoạch mới gửi hoặc mở lại kế hoạch của mình' : 'Tài khoản của bạn không có quyền duyệt kế hoạch')
      }
      const reason = input.reason?.trim() ?? ''
      if (transition.reasonRequired && !reason) throw new HttpError(400, 'validation', 'Nhập lý do', { fieldErrors: { reason: 'Nhập lý do' } })
      if (plan.version !== input.version) throw conflict(STALE_PLAN)
      const now = new Date()
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('campaign_plans').set({
          status: transition.to, version: input.version + 1, updated_at: now,
          ...(input.action === 'submit' ? { submitted_at: now, return_reason: null } : {}),
          ...(input.action === 'approve' || input.action === 'return' ? { decided_by: user.id, decided_at: now } : {}),
          ...(input.action === 'return' ? { return_reason: reason } : {}),
        }).where('id', '=', plan.id).where('version', '=', input.version).returningAll().executeTakeFirst()
        if (!row) throw conflict(STALE_PLAN)
        await recordAudit(trx, actorOf(user), { action: `campaign.plan.${input.action}`, entityType: 'campaign_plan', entityId: plan.id, details: { from: plan.status, to: transition.to, reason: reason || null } })
        return row
      })
      return present(user, updated, scope)
    },
  }
}
export type PlansService = ReturnType<typeof createPlansService>
