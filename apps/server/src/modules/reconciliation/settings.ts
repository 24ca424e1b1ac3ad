/**
 * Thresholds of the matching model, set by a province (or a unit above the entries); the nearest
 * unit up the tree that has settings wins, otherwise the defaults chosen on the benchmark.
 */
import { checkMatchSettings, DEFAULT_MATCH_SETTINGS, type MatchSettings } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { recordAudit } from '../audit'
import type { AuthUser } from '../auth'

export function createSettingsService(db: Kysely<Database>) {
  const cache = new Map<string, { value: MatchSettings & { unitId: string | null }; at: number }>()

  async function forUnit(unitId: string): Promise<MatchSettings & { unitId: string | null }> {
    const cached = cache.get(unitId)
    if (cached && Date.now() - cached.at < 30_000) return cached.value
    const row = (
      await sql<{ unit_id: string; link_probability: number; review_probability: number; prior_in_population: number }>`
        with recursive up as (
          select id, parent_id, 0 as depth from administrative_units where id = ${unitId}
          union all
          select u.id, u.parent_id, up.depth + 1 from administrative_units u join up on u.id = up.parent_id
        )
        select s.unit_id, s.link_probability, s.review_probability, s.prior_in_population
        from up join reconciliation_settings s on s.unit_id = up.id order by up.depth limit 1`.execute(db)
    ).rows[0]
    const value = row
      ? { unitId: row.unit_id, linkProbability: row.link_probability, reviewProbability: row.review_probability, priorInPopulation: row.prior_in_population }
      : { unitId: null, ...DEFAULT_MATCH_SETTINGS }
    cache.set(unitId, { value, at: Date.now() })
    return value
  }

  return {
    forUnit,
    async update(user: AuthUser, input: MatchSettings) {
      const problem = checkMatchSettings(input)
      if (problem) throw new HttpError(400, 'validation', problem)
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('reconciliation_settings')
          .values({ unit_id: user.unitId, link_probability: input.linkProbability, review_probability: input.reviewProbability, prior_in_population: input.priorInPopulation, updated_by: user.id })
          .onConflict((oc) => oc.column('unit_id').doUpdateSet({ link_probability: input.linkProbability, review_probability: input.reviewProbability, prior_in_population: input.priorInPopulation, updated_by: user.id, updated_at: new Date() }))
          .execute()
        await recordAudit(trx, { id: user.id, unitId: user.unitId, ip: user.ip }, { action: 'reconcile.settings', entityType: 'unit', entityId: user.unitId, details: { ...input } })
      })
      cache.clear()
      return forUnit(user.unitId)
    },
  }
}
export type SettingsService = ReturnType<typeof createSettingsService>
