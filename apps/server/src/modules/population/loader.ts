/**
 * Loading an extract. Each extract is a partition of population_people of its own:
 *   1. its rows go into a new table without indexes, as multi-row inserts (one `unnest` per column,
 *      a few thousand rows per statement, so PGlite is never held for long);
 *   2. the indexes are built once, over the finished table (a sorted build: far faster than
 *      keeping eight btrees up to date row by row, which dominated 10-million-row loads);
 *   3. value frequencies are counted, the table is attached as the extract's partition, and the
 *      extract becomes the unit's active one;
 *   4. the extract it replaces is detached and dropped at once (no row-by-row delete).
 * A load that stops half-way leaves a table that is not attached: never searched, dropped by cleanup.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/schema'
import type { PopulationInsert } from './rows'

const TEXT_COLUMNS = [
  'personal_id', 'full_name', 'name_canon', 'name_folded', 'birth_key', 'sex', 'birthplace', 'birthplace_parts',
  'home_town', 'ethnicity', 'nationality', 'residence', 'mother_name', 'mother_canon', 'mother_folded',
  'mother_personal_id', 'father_name', 'father_canon', 'father_folded', 'father_personal_id', 'key_date_surname',
  'key_date_given', 'key_name_year', 'key_name_ym', 'key_name_yd', 'key_name_md', 'key_sg_md', 'key_sg_mother', 'key_year_mother',
  'key_given_father', 'key_given_mother', 'key_initial_year', 'key_given_year', 'key_year_father', 'key_middle_date',
] as const satisfies readonly (keyof PopulationInsert)[]

/** Indexed columns of every extract's table: record id, personal ID and the blocking keys. */
export const INDEXED = ['id', 'personal_id', 'key_date_surname', 'key_date_given', 'key_name_year', 'key_name_ym', 'key_name_yd', 'key_name_md', 'key_sg_md', 'key_sg_mother', 'key_year_mother',
  'key_given_father', 'key_given_mother', 'key_initial_year', 'key_given_year', 'key_year_father', 'key_middle_date'] as const

export const INSERT_BATCH = 2000

/** Table of one extract's rows: a name made of the extract id's hex digits only. */
export function extractTable(extractId: string): string {
  const hex = extractId.toLowerCase().replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`invalid extract id ${extractId}`)
  return `population_x_${hex}`
}

/** Step 1: the empty table the rows are written into (same columns as population_people). */
export async function createExtractTable(db: Kysely<Database>, extractId: string): Promise<string> {
  const table = extractTable(extractId)
  await sql`create table ${sql.table(table)} (like population_people including defaults)`.execute(db)
  return table
}

export async function insertPopulationRows(db: Kysely<Database>, table: string, extractId: string, rows: readonly PopulationInsert[]): Promise<void> {
  if (rows.length === 0) return
  const columns: RawBuilder<unknown>[] = [
    sql`${rows.map((r) => r.row_number)}::int[]`,
    sql`${rows.map((r) => r.birth_year ?? null)}::smallint[]`,
    ...TEXT_COLUMNS.map((c) => sql`${rows.map((r) => (r[c] as string | null | undefined) ?? null)}::text[]`),
  ]
  const names = ['row_number', 'birth_year', ...TEXT_COLUMNS]
  await sql`insert into ${sql.table(table)} (extract_id, ${sql.join(names.map((n) => sql.ref(n)))})
    select ${extractId}::uuid, u.* from unnest(${sql.join(columns)}) as u`.execute(db)
}

/**
 * Collects rows and inserts them INSERT_BATCH at a time, one statement in flight while the caller
 * prepares the next rows: on PostgreSQL the server inserts on its own core meanwhile (PGlite runs
 * in this thread, where it changes nothing).
 */
export function createRowWriter(db: Kysely<Database>, table: string, extractId: string, onWritten?: (written: number) => Promise<void>) {
  let batch: PopulationInsert[] = []
  let inFlight: Promise<void> = Promise.resolve()
  let written = 0
  const send = async (rows: PopulationInsert[]) => {
    await inFlight
    inFlight = insertPopulationRows(db, table, extractId, rows).then(async () => {
      written += rows.length
      await onWritten?.(written)
    })
  }
  return {
    async add(row: PopulationInsert): Promise<void> {
      batch.push(row)
      if (batch.length < INSERT_BATCH) return
      const rows = batch
      batch = []
      await send(rows)
    },
    /** Writes what is left and waits for every statement. */
    async finish(): Promise<number> {
      if (batch.length > 0) await send(batch)
      batch = []
      await inFlight
      return written
    },
  }
}

/** Frequencies of the values matching weighs (kinds of STAT_KINDS), counted by the database. */
const STAT_EXPRESSIONS: Record<string, string> = {
  name: 'name_folded',
  // Surname and given name (first and last words), birth year or not: as populationStatKeys counts them.
  sg: "split_part(name_folded, ' ', 1) || ' ' || substring(name_folded from '[^ ]+$')",
  surname: "split_part(name_folded, ' ', 1)",
  year: 'birth_year::text',
  mother: 'mother_folded',
  father: 'father_folded',
  place: "split_part(birthplace_parts, '|', 1)",
  // Wider parts (district, province), once per record and part: as populationStatKeys counts them.
  area: "unnest(array(select distinct p from unnest((string_to_array(birthplace_parts, '|'))[2:]) p where p <> split_part(birthplace_parts, '|', 1)))",
  // The whole place when it has a wider part (placeChain: the parts joined by '|', as birthplace_parts stores them).
  placeFull: "case when strpos(birthplace_parts, '|') > 0 then birthplace_parts end",
}

/** Rows copied per statement when sorting, so that PGlite is never held for long. */
const SORT_CHUNK = 50_000

/**
 * People born on the same day side by side: an entry's candidates (same birth date) then sit on a
 * few pages instead of one page each, which is most of a lookup's cost in a large extract. The
 * rows are copied in birth-year ranges of about SORT_CHUNK rows, one short statement each.
 */
async function sortByBirthDate(db: Kysely<Database>, table: string, between?: () => Promise<void>): Promise<void> {
  const loose = `${table}_loose`
  await sql.raw(`alter table ${table} rename to ${loose}`).execute(db)
  await sql.raw(`create index ${loose}_year on ${loose} (birth_year)`).execute(db)
  await sql`create table ${sql.table(table)} (like population_people including defaults)`.execute(db)
  const years = (await sql<{ year: number | null; n: number }>`select birth_year as year, count(*)::int as n from ${sql.table(loose)} group by 1 order by 1`.execute(db)).rows
  let from: number | null = null
  let rows = 0
  const copy = async (where: string) => {
    await sql.raw(`insert into ${table} select * from ${loose} where ${where} order by birth_key, name_folded`).execute(db)
    await between?.()
  }
  for (const [i, { year, n }] of years.entries()) {
    if (year === null) continue
    from ??= year
    rows += n
    const next = years[i + 1]
    if (rows >= SORT_CHUNK || !next || next.year === null) {
      await copy(`birth_year between ${Number(from)} and ${Number(year)}`)
      ;[from, rows] = [null, 0]
    }
  }
  if (years.some((y) => y.year === null)) await copy('birth_year is null')
  const count = async (t: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db)).rows[0]?.n
  if ((await count(table)) !== (await count(loose))) throw new Error(`sorting ${table} lost rows`)
  await sql.raw(`drop table ${loose}`).execute(db)
}

/**
 * Steps 2 and 3 (but the switch of the active extract): indexes, frequencies, planner statistics,
 * then the table becomes the extract's partition. The check constraint lets the attach skip its
 * scan of every row.
 */
export async function finishExtractTable(db: Kysely<Database>, extractId: string, between?: () => Promise<void>): Promise<void> {
  const table = extractTable(extractId)
  await sortByBirthDate(db, table, between)
  for (const column of INDEXED) {
    await sql`create index ${sql.id(`${table}_${column}`)} on ${sql.table(table)} (${sql.ref(column)})`.execute(db)
    await between?.()
  }
  await db.deleteFrom('population_stats').where('extract_id', '=', extractId).execute()
  for (const [kind, expression] of Object.entries(STAT_EXPRESSIONS)) {
    await sql`insert into population_stats (extract_id, kind, key, n)
      select ${extractId}::uuid, ${kind}, k, count(*)::int from (select ${sql.raw(expression)} as k from ${sql.table(table)}) s
      where k is not null and k <> '' group by k`.execute(db)
    await between?.()
  }
  // Fresh row counts for the planner: without them it may read a whole extract instead of the key indexes.
  await sql`analyze ${sql.table(table)}`.execute(db)
  await sql`analyze population_stats`.execute(db)
  await sql.raw(`alter table ${table} add constraint ${table}_extract check (extract_id = '${extractId}'::uuid)`).execute(db)
  await sql.raw(`alter table population_people attach partition ${table} for values in ('${extractId}')`).execute(db)
}

/** Makes the extract the unit's active one; returns the extracts it replaced. */
export async function activateExtract(db: Kysely<Database>, extractId: string, unitId: string, counts: { rowCount: number; rejectedCount: number; errors: Array<{ row: number; message: string }> }): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const replaced = await trx
      .updateTable('population_extracts')
      .set({ status: 'replaced', replaced_at: new Date() })
      .where('unit_id', '=', unitId)
      .where('status', '=', 'active')
      .where('id', '<>', extractId)
      .returning('id')
      .execute()
    await trx
      .updateTable('population_extracts')
      .set({ status: 'active', activated_at: new Date(), row_count: counts.rowCount, rejected_count: counts.rejectedCount, errors: JSON.stringify(counts.errors) })
      .where('id', '=', extractId)
      .execute()
    return replaced.map((r) => r.id)
  })
}

/** Step 4, and the cleanup of a failed load: the extract's rows and statistics are gone at once. */
export async function dropExtractRows(db: Kysely<Database>, extractId: string): Promise<void> {
  const table = extractTable(extractId)
  const attached = await sql<{ n: number }>`select count(*)::int as n from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where c.relname = ${table} and i.inhparent = 'population_people'::regclass`.execute(db)
  if ((attached.rows[0]?.n ?? 0) > 0) await sql.raw(`alter table population_people detach partition ${table}`).execute(db)
  await sql`drop table if exists ${sql.table(table)}`.execute(db)
  await db.deleteFrom('population_stats').where('extract_id', '=', extractId).execute()
}
