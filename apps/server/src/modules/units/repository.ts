import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'


/** The unit and every unit below it (for jobs that run without a user). */
export function descendantUnitIds(db: Kysely<Database>, unitId: string): Promise<string[]> {
  return createUnitsRepository(db).descendantIds(unitId)
}

export function createUnitsRepository(db: Kysely<Database>) {
  return {
    async findById(id: string) {
      return db.selectFrom('administrative_units').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** The unit and every unit below it (any depth): what a user of that unit may see. */
    async descendantIds(unitId: string): Promise<string[]> {
      const result = await sql<{ id: string }>`
        with recursive tree as (
          select id from administrative_units where id = ${unitId}
          union
          select u.id from administrative_units u join tree t on u.parent_id = t.id
        )
        select id from tree`.execute(db)
      return result.rows.map((r) => r.id)
    },

    /** Units merged into the given ones (their books are kept by the successor today). */
    async predecessorIds(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return []
      const rows = await db.selectFrom('unit_successions').select('predecessor_id').where('successor_id', 'in', ids).execute()
      return rows.map((r) => r.predecessor_id)
    },

    async listByIds(ids: string[]) {
      if (ids.length === 0) return []
      const units = await db
        .selectFrom('administrative_units')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('level')
        .orderBy('code')
        .execute()
      const successions = await db
        .selectFrom('unit_successions')
        .select(['predecessor_id', 'successor_id'])
        .where('predecessor_id', 'in', ids)
        .execute()
      return units.map((u) => ({
        ...u,
        successorIds: successions.filter((s) => s.predecessor_id === u.id).map((s) => s.successor_id),
      }))
    },
  }
}
export type UnitsRepository = ReturnType<typeof createUnitsRepository>
