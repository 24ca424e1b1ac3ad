import { sql, type Kysely } from 'kysely'

/**
 * "Who has looked at this entry" at 50M rows (issue 14): the GIN index over the ids a row names finds
 * every list read naming an entry (~14,000 at 50M in bench:audit), and reading them all from the heap to
 * keep the newest 50 took 1.2 s. The trail is appended in time order (occurred_at = now() at insert,
 * id an identity), so a BRIN index on occurred_at maps a recent window to its few heap ranges; ANDed
 * with the GIN bitmap, a window's probe reads only the rows of the window (the query walks windows
 * backwards, see modules/audit/repository.ts). A BRIN index is a few hundred kB at 50M rows and costs
 * nothing measurable per insert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_events_time_brin on audit_events using brin (occurred_at) with (pages_per_range = 32)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists audit_events_time_brin`.execute(db)
}
