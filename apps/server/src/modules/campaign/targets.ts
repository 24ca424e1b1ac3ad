/**
 * What the campaign module tells other modules (the dashboard, weekly reports): the phases a user
 * sees and the plans' targets. Plain reads, no audit (figures, no personal data).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { AuthUser } from '../auth'
import { isPlanStatus } from './policy'
import { provinceIdOf, type PhaseRow } from './repository'
import type { PlanStatus } from '@hts/domain'

/** The phases of the user's province, by start date. */
export async function listPhasesInScope(db: Kysely<Database>, user: Pick<AuthUser, 'unitId'>): Promise<PhaseRow[]> {
  const province = await provinceIdOf(db, user.unitId)
  if (!province) return []
  return db.selectFrom('campaign_phases').selectAll().where('province_unit_id', '=', province).orderBy('starts_on').orderBy('name').execute()
}

/** A phase of the user's province, or undefined (the caller answers 404). */
export async function findPhase(db: Kysely<Database>, user: Pick<AuthUser, 'unitId'>, phaseId: string): Promise<PhaseRow | undefined> {
  const phase = await db.selectFrom('campaign_phases').selectAll().where('id', '=', phaseId).executeTakeFirst()
  if (!phase || phase.province_unit_id !== (await provinceIdOf(db, user.unitId))) return undefined
  return phase
}

export interface PlanTarget {
  unitId: string
  bookType: string
  booksPlanned: number
  entriesPlanned: number
  startsOn: string | null
  endsOn: string | null
  /** Members of the team (accounts and people without one). */
  teamSize: number
  /** Entries per person per day, when the unit set it. */
  entriesPerDay: number | null
  status: PlanStatus
}

/** One row per plan line of these units' plans for the phase (any status: the caller filters). */
export async function planTargets(db: Kysely<Database>, phaseId: string, unitIds: readonly string[]): Promise<PlanTarget[]> {
  if (unitIds.length === 0) return []
  const rows = await db.selectFrom('campaign_plans as p').innerJoin('campaign_plan_lines as l', 'l.plan_id', 'p.id')
    .select(['p.unit_id', 'l.book_type', 'l.books_planned', 'l.entries_planned', 'p.starts_on', 'p.ends_on', 'p.team', 'p.entries_per_day', 'p.status'])
    .where('p.phase_id', '=', phaseId).where('p.unit_id', 'in', unitIds).orderBy('p.unit_id').orderBy('l.book_type').execute()
  return rows.map((r) => ({
    unitId: r.unit_id, bookType: r.book_type, booksPlanned: r.books_planned, entriesPlanned: r.entries_planned,
    startsOn: r.starts_on, endsOn: r.ends_on, teamSize: Array.isArray(r.team) ? r.team.length : 0,
    entriesPerDay: r.entries_per_day === null ? null : Number(r.entries_per_day), status: isPlanStatus(r.status) ? r.status : 'draft',
  }))
}
