import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/** Full names of these accounts (to show who keyed an entry), for other modules' lists. */
export async function fullNamesOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', unique).execute()
  return new Map(rows.map((r) => [r.id, r.full_name]))
}
