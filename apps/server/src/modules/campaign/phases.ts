/**
 * Campaign phases (issue 13): defined by the province officer for the province, seen by every
 * unit inside it. Edits check the version the officer saw (409 when stale).
 */
import type { Kysely } from 'kysely'
import { can, type PhaseInput, type PhaseUpdate, type PhaseView } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, isUniqueViolation, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { UnitsService } from '../units'
import { createCampaignRepository, provinceIdOf, type PhaseRow } from './repository'

const PHASE_NOT_FOUND = 'Không tìm thấy giai đoạn này'
const STALE_PHASE = 'Giai đoạn này vừa được người khác sửa. Tải lại để xem bản mới nhất rồi sửa lại.'

/** Is this phase the user's province's? */
async function phaseVisibleTo(db: Kysely<Database>, user: AuthUser, phase: PhaseRow): Promise<boolean> {
  return (await provinceIdOf(db, user.unitId)) === phase.province_unit_id
}

/**
 * Every unit a phase covers: the chosen units, the units below them (a district chosen stands for its
 * communes) and the communes that took them over in a merger (they keep those books today); all of the
 * province when none is chosen.
 */
export async function phaseCoverage(units: UnitsService, phase: Pick<PhaseRow, 'province_unit_id' | 'unit_ids'>): Promise<Map<string, { level: string }>> {
  const all = await units.listVisible(phase.province_unit_id)
  const byId = new Map(all.map((u) => [u.id, u]))
  if (phase.unit_ids === null) return new Map(all.map((u) => [u.id, { level: u.level }]))
  const covered = new Set<string>()
  const add = (id: string) => {
    if (covered.has(id) || !byId.has(id)) return
    covered.add(id)
    for (const u of all) if (u.parentId === id) add(u.id)
    for (const successor of byId.get(id)?.successorIds ?? []) add(successor)
  }
  for (const id of phase.unit_ids) add(id)
  return new Map([...covered].map((id) => [id, { level: byId.get(id)?.level ?? 'commune' }]))
}

/** The communes a phase covers inside a scope: plans are written where the books are kept, historic communes included. */
export async function phaseCommunesIn(units: UnitsService, phase: PhaseRow, scope: ReadonlySet<string>): Promise<string[]> {
  const coverage = await phaseCoverage(units, phase)
  return [...coverage].filter(([id, unit]) => unit.level === 'commune' && scope.has(id)).map(([id]) => id)
}

export function createPhasesService(db: Kysely<Database>, units: UnitsService) {
  const repo = createCampaignRepository(db)

  async function unitNames(ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>()
    for (const id of ids) names.set(id, (await units.findById(id))?.name ?? '')
    return names
  }

  async function present(user: AuthUser, row: PhaseRow): Promise<PhaseView> {
    const names = await unitNames(row.unit_ids ?? [])
    return {
      id: row.id, provinceUnitId: row.province_unit_id, name: row.name, windowFrom: row.window_from, windowTo: row.window_to,
      bookTypes: row.book_types, unitIds: row.unit_ids, unitNames: (row.unit_ids ?? []).map((id) => names.get(id) ?? ''),
      startsOn: row.starts_on, deadline: row.deadline, unitPriceVnd: row.unit_price_vnd, aql: Number(row.aql),
      version: row.version, updatedAt: row.updated_at, canEdit: can(user, 'campaign.manage'),
    }
  }

  /** The officer's province, and the chosen units all inside it (400 otherwise). */
  async function checkedProvince(user: AuthUser, input: PhaseInput): Promise<string> {
    const province = await provinceIdOf(db, user.unitId)
    if (!province || province !== user.unitId) throw new HttpError(403, 'forbidden', 'Chỉ Sở Tư pháp (cấp tỉnh) định nghĩa giai đoạn của chiến dịch')
    if (input.unitIds) {
      const scope = await units.scopeOf(province)
      if (input.unitIds.some((id) => !scope.has(id) || id === province)) {
        throw new HttpError(400, 'validation', 'Có đơn vị không thuộc tỉnh', { fieldErrors: { unitIds: 'Chọn các đơn vị thuộc tỉnh' } })
      }
    }
    return province
  }

  const duplicateName = (error: unknown) => {
    if (isUniqueViolation(error, 'campaign_phases_name')) throw conflict('Đã có giai đoạn cùng tên trong tỉnh: đặt tên khác')
    throw error
  }

  const columns = (input: PhaseInput) => ({
    name: input.name, window_from: input.windowFrom, window_to: input.windowTo, book_types: [...new Set(input.bookTypes)],
    unit_ids: input.unitIds ? [...new Set(input.unitIds)] : null, starts_on: input.startsOn, deadline: input.deadline,
    unit_price_vnd: input.unitPriceVnd, aql: input.aql,
  })

  return {
    present,

    async list(user: AuthUser): Promise<{ items: PhaseView[] }> {
      const province = await provinceIdOf(db, user.unitId)
      const rows = province ? await repo.phasesOf(province) : []
      const items: PhaseView[] = []
      for (const row of rows) items.push(await present(user, row))
      return { items }
    },

    /** A phase of the user's province, or 404. */
    async getInScope(user: AuthUser, phaseId: string): Promise<PhaseRow> {
      const phase = await repo.findPhase(phaseId)
      if (!phase || !(await phaseVisibleTo(db, user, phase))) throw notFound(PHASE_NOT_FOUND)
      return phase
    },

    async create(user: AuthUser, input: PhaseInput): Promise<PhaseView> {
      const province = await checkedProvince(user, input)
      const row = await db.transaction().execute(async (trx) => {
        const created = await trx.insertInto('campaign_phases').values({ province_unit_id: province, created_by: user.id, ...columns(input) }).returningAll().executeTakeFirstOrThrow()
        await recordAudit(trx, actorOf(user), { action: 'campaign.phase.create', entityType: 'campaign_phase', entityId: created.id, details: { ...input } })
        return created
      }).catch(duplicateName)
      return present(user, row)
    },

    async update(user: AuthUser, phaseId: string, input: PhaseUpdate): Promise<PhaseView> {
      const current = await this.getInScope(user, phaseId)
      await checkedProvince(user, input)
      if (current.version !== input.version) throw conflict(STALE_PHASE)
      const row = await db.transaction().execute(async (trx) => {
        const updated = await trx.updateTable('campaign_phases').set({ ...columns(input), updated_at: new Date(), version: input.version + 1 })
          .where('id', '=', phaseId).where('version', '=', input.version).returningAll().executeTakeFirst()
        if (!updated) throw conflict(STALE_PHASE)
        const { version: _version, ...after } = input
        const before = { name: current.name, windowFrom: current.window_from, windowTo: current.window_to, bookTypes: current.book_types, unitIds: current.unit_ids, startsOn: current.starts_on, deadline: current.deadline, unitPriceVnd: current.unit_price_vnd, aql: current.aql }
        await recordAudit(trx, actorOf(user), { action: 'campaign.phase.update', entityType: 'campaign_phase', entityId: phaseId, details: { before, after } })
        return updated
      }).catch(duplicateName)
      return present(user, row)
    },
  }
}
export type PhasesService = ReturnType<typeof createPhasesService>
