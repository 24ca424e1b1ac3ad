/**
 * Figures for the campaign dashboard (issue 13): reconciliation outcomes and open follow-up cases
 * per unit. Counts only, no citizen's data (not an audited read).
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'

export interface ReconciliationCounts {
  /** Outcome as decided (or as proposed while pending) → entries. */
  byOutcome: Record<string, number>
  openCases: number
}

export async function reconciliationCounts(db: Kysely<Database>, unitIds: readonly string[]): Promise<ReconciliationCounts> {
  if (unitIds.length === 0) return { byOutcome: {}, openCases: 0 }
  const units = [...unitIds]
  const outcomes = await sql<{ outcome: string; n: string | number }>`
    select coalesce(final_outcome, outcome) as outcome, count(*) as n
      from reconciliation_results where custodian_unit_id = any(${units}::uuid[]) group by 1`.execute(db)
  const cases = await sql<{ n: string | number }>`
    select count(*) as n from followup_cases
     where custodian_unit_id = any(${units}::uuid[]) and status in ('new', 'verifying', 'guided')`.execute(db)
  return {
    byOutcome: Object.fromEntries(outcomes.rows.map((r) => [r.outcome, Number(r.n)])),
    openCases: Number(cases.rows[0]?.n ?? 0),
  }
}
