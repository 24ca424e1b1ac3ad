/**
 * Planner statistics and dead rows after bulk writes. The walk through a book (entries of book X after
 * id Y, in id order, 500 at a time) is read straight from the (book_id, id) index only when the
 * planner knows the book is large: with statistics from before an import it sorts the whole book for
 * every batch instead (measured on PostgreSQL, 100,000 entries: 260 ms → 4.7 ms per batch after
 * ANALYZE). PostgreSQL's autovacuum catches up within minutes; PGlite has no autovacuum at all, so
 * there the jobs that walk many rows and a housekeeping task do its work: VACUUM (ANALYZE). Without
 * the VACUUM every row rewritten stays as a dead row for good: reconciling a book of 100,000 entries
 * again added 58 MB to its results table every time (docs/PERFORMANCE.md).
 */
import { sql, type Kysely } from 'kysely'
import type { EngineName } from './engine'
import type { Database } from './schema'
import type { PeriodicTask } from '../modules/jobs/runner'

type Table = keyof Database

/**
 * ANALYZE (a sample of ~30,000 rows per table, whatever its size), through the owner's function
 * `refresh_statistics` (migration 0016): the application's database role does not own the tables.
 */
export async function refreshStatistics(db: Kysely<Database>, tables: readonly Table[]): Promise<void> {
  if (tables.length === 0) return
  await sql`select refresh_statistics(${[...tables]}::text[])`.execute(db)
}

/**
 * What autovacuum would do for these tables: on PGlite, VACUUM (ANALYZE), so that the space of rows
 * updated or deleted is used again and the planner's statistics are fresh (PGlite's one connection is
 * the owner; VACUUM runs outside any transaction, table by table so that waiting queries get their
 * turn between them). On PostgreSQL, only the statistics: autovacuum does the rest, and the
 * application role may not VACUUM tables it does not own.
 */
export async function tidyTables(db: Kysely<Database>, engine: EngineName, tables: readonly Table[]): Promise<void> {
  return engine === 'postgres' ? refreshStatistics(db, tables) : vacuumTables(db, tables)
}

async function vacuumTables(db: Kysely<Database>, tables: readonly Table[]): Promise<void> {
  for (const table of tables) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db)
}

/** Tables that grow as the campaign goes (extracts are analysed when loaded and never change). */
const GROWING: readonly Table[] = [
  'entries', 'entry_revisions', 'audit_events', 'reconciliation_results', 'followup_cases', 'followup_notes',
  'book_pages', 'entry_pages', 'entry_drafts', 'import_rejections', 'jobs', 'books', 'users', 'sessions',
]

export const STATISTICS_TASK = 'db.analyze'
const EVERY_MS = 6 * 60 * 60 * 1000

/** For PGlite (PostgreSQL's autovacuum does this itself): at start, then every six hours. */
export function createStatisticsTask(): PeriodicTask {
  return { name: STATISTICS_TASK, everyMs: EVERY_MS, run: (db) => vacuumTables(db, GROWING) }
}
