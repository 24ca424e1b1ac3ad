/**
 * Figures for the campaign dashboard (issue 13): acceptance lots by outcome and the error rate
 * measured on their samples (defective entries ÷ entries inspected, decided lots only).
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'

export interface AcceptanceCounts {
  accepted: number
  rejected: number
  inspecting: number
  /** Entries drawn in the decided lots. */
  sampled: number
  defective: number
  /** defective ÷ sampled; null before any lot is decided. */
  errorRate: number | null
}

export async function acceptanceCounts(db: Kysely<Database>, unitIds: readonly string[]): Promise<AcceptanceCounts> {
  const empty = { accepted: 0, rejected: 0, inspecting: 0, sampled: 0, defective: 0, errorRate: null }
  if (unitIds.length === 0) return empty
  const rows = await sql<{ status: string; lots: string | number; sampled: string | number; defective: string | number }>`
    select status, count(*) as lots, sum(sample_size) as sampled, sum(defective_entries) as defective
      from acceptance_lots where custodian_unit_id = any(${[...unitIds]}::uuid[]) group by status`.execute(db)
  const of = (status: string) => rows.rows.find((r) => r.status === status)
  const decided = rows.rows.filter((r) => r.status === 'accepted' || r.status === 'rejected')
  const sampled = decided.reduce((sum, r) => sum + Number(r.sampled), 0)
  const defective = decided.reduce((sum, r) => sum + Number(r.defective), 0)
  return {
    accepted: Number(of('accepted')?.lots ?? 0),
    rejected: Number(of('rejected')?.lots ?? 0),
    inspecting: Number(of('inspecting')?.lots ?? 0),
    sampled,
    defective,
    errorRate: sampled > 0 ? defective / sampled : null,
  }
}
