import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/** Scanned pages per book (blank and cover sheets left out), for the campaign's book inventory. */
export async function scannedPageCounts(db: Kysely<Database>, bookIds: readonly string[]): Promise<Map<string, number>> {
  if (bookIds.length === 0) return new Map()
  const rows = await db.selectFrom('book_pages').select(['book_id', sql<number>`count(*)::int`.as('n')])
    .where('book_id', 'in', bookIds).where('kind', '=', 'page').groupBy('book_id').execute()
  return new Map(rows.map((r) => [r.book_id, Number(r.n)]))
}
