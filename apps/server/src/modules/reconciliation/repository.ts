import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database, ReconciliationResultsTable } from '../../db/schema'
import { isBookTypeCode } from '@hts/domain'
import type { EntryForMatch, ResultDraft } from './engine'
import { matchFieldKeys } from './entry-person'
import { toStored } from './stored'

export type ResultRow = Selectable<ReconciliationResultsTable>
type Executor = Kysely<Database> | Transaction<Database>

export const BATCH_SIZE = 500

/**
 * Writes (or rewrites) results; an entry on which a person has decided keeps its decision. One
 * array per column (`unnest`): PGlite binds a dozen parameters instead of thousands.
 */
export async function writeResults(executor: Executor, drafts: readonly ResultDraft[], jobId: string | null, modelId: string | null = null): Promise<void> {
  if (drafts.length === 0) return
  const col = <T>(f: (d: ResultDraft) => T) => drafts.map(f)
  await sql`insert into reconciliation_results as r (entry_id, book_id, custodian_unit_id, job_id, model_id, source, outcome, probability, candidates, chosen_index, differences, message, population_size)
    select u.entry_id, u.book_id, u.custodian_unit_id, ${jobId}::uuid, ${modelId}::uuid, u.source, u.outcome, u.probability, u.candidates::json, u.chosen_index, u.differences::jsonb, u.message, u.population_size
    from unnest(${col((d) => d.entryId)}::uuid[], ${col((d) => d.bookId)}::uuid[], ${col((d) => d.custodianUnitId)}::uuid[], ${col((d) => d.source)}::text[],
      ${col((d) => d.outcome)}::text[], ${col((d) => d.probability)}::float8[], ${col((d) => JSON.stringify(d.candidates.map(toStored)))}::text[], ${col((d) => d.chosenIndex)}::int[],
      ${col((d) => JSON.stringify(d.differences))}::text[], ${col((d) => d.message)}::text[], ${col((d) => d.populationSize)}::int[])
      as u(entry_id, book_id, custodian_unit_id, source, outcome, probability, candidates, chosen_index, differences, message, population_size)
    on conflict (entry_id) do update set job_id = excluded.job_id, model_id = excluded.model_id, source = excluded.source, outcome = excluded.outcome, probability = excluded.probability,
      candidates = excluded.candidates, chosen_index = excluded.chosen_index, differences = excluded.differences, message = excluded.message,
      population_size = excluded.population_size, checked_at = now(), version = r.version + 1
    where r.decision = 'pending'`.execute(executor)
}

/**
 * The next entries of a book in id order, without those a person has already decided on; `last` is
 * the last id looked at (the keyset position), `entries` may be fewer than the limit or empty.
 * The walk in id order comes first and the filter after (a probe per entry, whatever the size of
 * the results table), so that the (book_id, id) index is read in order and stops after `limit`
 * rows: callers refresh the statistics first (db/statistics.ts). Returned as one JSON value:
 * PGlite hands over one value far faster than 500 rows.
 */
export async function entriesToReconcile(
  db: Kysely<Database>,
  book: { id: string; book_type: string },
  afterId: string | null,
  limit = BATCH_SIZE,
  importId?: string,
): Promise<{ entries: EntryForMatch[]; last: string | null }> {
  const keys = isBookTypeCode(book.book_type) ? matchFieldKeys(book.book_type) : []
  // Only the fields matching reads (keys from the catalog, passed as parameters).
  const fields = keys.length > 0 ? sql`jsonb_build_object(${sql.join(keys.map((k) => sql`${k}::text, e.fields -> ${k}::text`))})` : sql`e.fields`
  const result = await sql<{ rows: EntryForMatch[] | string | null; last: string | null }>`
    select json_agg(json_build_object('id', e.id, 'book_id', e.book_id, 'custodian_unit_id', e.custodian_unit_id, 'book_type', e.book_type, 'fields', ${fields}) order by e.id)
        filter (where not exists (select 1 from reconciliation_results r where r.entry_id = e.id and r.decision <> 'pending')) as rows,
      max(e.id::text) as last
    from (select * from entries where book_id = ${book.id} ${afterId ? sql`and id > ${afterId}` : sql``} ${importId ? sql`and import_id = ${importId}` : sql``}
      order by id limit ${limit}) e`.execute(db)
  const row = result.rows[0]
  const rows = row?.rows ?? []
  return { entries: typeof rows === 'string' ? (JSON.parse(rows) as EntryForMatch[]) : rows, last: row?.last ?? null }
}

/** Entries still to reconcile in these books (only those of one import, when given). */
export async function countToReconcile(db: Kysely<Database>, bookIds: readonly string[], importId?: string): Promise<number> {
  if (bookIds.length === 0) return 0
  const row = await sql<{ n: number }>`select count(*)::int as n from entries e left join reconciliation_results r on r.entry_id = e.id
    where e.book_id = any(${[...bookIds]}::uuid[]) and (r.id is null or r.decision = 'pending') ${importId ? sql`and e.import_id = ${importId}` : sql``}`.execute(db)
  return row.rows[0]?.n ?? 0
}
