import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { CampaignPhasesTable, CampaignPlanLinesTable, CampaignPlansTable, Database } from '../../db/schema'

export type PhaseRow = Selectable<CampaignPhasesTable>
export type PlanRow = Selectable<CampaignPlansTable>
export type PlanLineRow = Selectable<CampaignPlanLinesTable>
export type Executor = Kysely<Database> | Transaction<Database>

/** The province a unit belongs to (the unit itself for a province): phases are the province's. */
export async function provinceIdOf(db: Kysely<Database>, unitId: string): Promise<string | undefined> {
  const result = await sql<{ id: string }>`
    with recursive up as (
      select id, parent_id, level, 0 as depth from administrative_units where id = ${unitId}
      union all
      select u.id, u.parent_id, u.level, up.depth + 1 from administrative_units u join up on u.id = up.parent_id where up.depth < 10
    )
    select id from up where level = 'province' limit 1`.execute(db)
  return result.rows[0]?.id
}

export function createCampaignRepository(db: Kysely<Database>) {
  return {
    findPhase: (id: string, executor: Executor = db) => executor.selectFrom('campaign_phases').selectAll().where('id', '=', id).executeTakeFirst(),
    phasesOf: (provinceUnitId: string) => db.selectFrom('campaign_phases').selectAll().where('province_unit_id', '=', provinceUnitId).orderBy('starts_on').orderBy('name').execute(),
    findPlan: (id: string, executor: Executor = db) => executor.selectFrom('campaign_plans').selectAll().where('id', '=', id).executeTakeFirst(),
    lockPlan: (trx: Transaction<Database>, id: string) => trx.selectFrom('campaign_plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    plansOf: (phaseId: string, unitIds: readonly string[]) =>
      unitIds.length === 0 ? Promise.resolve([]) : db.selectFrom('campaign_plans').selectAll().where('phase_id', '=', phaseId).where('unit_id', 'in', unitIds).execute(),
    linesOf: (planIds: readonly string[], executor: Executor = db) =>
      planIds.length === 0 ? Promise.resolve([]) : executor.selectFrom('campaign_plan_lines').selectAll().where('plan_id', 'in', planIds).orderBy('book_type').execute(),
    /** Active accounts of a unit: the plan's team is picked from them. */
    accountsOf: (unitId: string) => db.selectFrom('users').select(['id', 'full_name']).where('unit_id', '=', unitId).where('locked', '=', false).orderBy('full_name').execute(),
    /** The books a unit keeps (the inventory). */
    booksOf: (unitIds: readonly string[]) =>
      unitIds.length === 0 ? Promise.resolve([]) : db.selectFrom('books').selectAll().where('custodian_unit_id', 'in', unitIds).orderBy('book_type').orderBy('year').orderBy('volume').execute(),
  }
}
export type CampaignRepository = ReturnType<typeof createCampaignRepository>
