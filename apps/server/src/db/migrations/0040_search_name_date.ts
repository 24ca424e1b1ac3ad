import { sql, type Kysely } from 'kysely'

/**
 * The registration date as the fourth column of the search's name index (issue 12, 10M entries on
 * PostgreSQL). A common pair of given name and surname ("Nguyễn … Anh") has thousands of entries in a
 * year; a search with a date read each of them from the table to compare the date (4,462 heap blocks,
 * 141 ms at 10M). With the date in the index the comparison happens in the index and only the entries
 * of that day are read. Same name, same expressions as migration 0018 (modules/search/repository.ts).
 * ANALYZE after: the statistics of an expression index go with the index, and without them the planner
 * guesses the name's selectivity (no row changes, so autovacuum would not gather them again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists entries_search_name_key`.execute(db)
  await sql.raw(`create index entries_search_name_key on entries ((substring(subject_name_folded from '[^ ]+$')), (split_part(subject_name_folded, ' ', 1)), registration_year, registration_date)`).execute(db)
  await sql`analyze entries`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists entries_search_name_key`.execute(db)
  await sql.raw(`create index entries_search_name_key on entries ((substring(subject_name_folded from '[^ ]+$')), (split_part(subject_name_folded, ' ', 1)), registration_year)`).execute(db)
}
