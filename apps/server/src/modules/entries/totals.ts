/**
 * The whole registration years of a phase window, counted the cheaper of two ways (migration 0034):
 * the years inside from `entry_counts_yearly`, or the all-years totals minus the years outside
 * (year 0, "no date", is always outside). A window of 30 years over a registry of 30 to 35 years
 * (the benchmark's province, and a phase "everything before 2016" in a young registry) reads ~3k
 * total rows and a few hundred outside instead of ~91k yearly rows.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/schema'

/** Rows (unit_id, book_type, status, entries) of the whole years `from`..`to` for the units and types. */
export async function wholeYearsCounts(db: Kysely<Database>, units: readonly string[], types: readonly string[], from: number, to: number): Promise<RawBuilder<unknown>> {
  const inside = sql`
      select custodian_unit_id as unit_id, book_type, status, entries
        from entry_counts_yearly join unnest(${[...units]}::uuid[]) u (id) on u.id = custodian_unit_id
       where book_type = any(${[...types]}::text[]) and registration_year between ${from}::int and ${to}::int`
  if (from > to) return inside
  // The registry's range of years (two index reads): how many years lie outside the window.
  const range = await sql<{ first: number | null; last: number | null }>`
    select (select min(registration_year) from entry_counts_yearly where registration_year > 0) as first,
           (select max(registration_year) from entry_counts_yearly) as last`.execute(db)
  const first = range.rows[0]?.first ?? null
  const last = range.rows[0]?.last ?? null
  if (first === null || last === null) return inside
  const yearsInside = Math.max(0, Math.min(to, last) - Math.max(from, first) + 1)
  const yearsOutside = Math.max(0, from - first) + Math.max(0, last - to) + 1
  if (yearsOutside >= yearsInside) return inside
  return sql`
      select custodian_unit_id as unit_id, book_type, status, entries
        from entry_counts_total join unnest(${[...units]}::uuid[]) u (id) on u.id = custodian_unit_id
       where book_type = any(${[...types]}::text[])
      union all
      select custodian_unit_id, book_type, status, -entries
        from entry_counts_yearly join unnest(${[...units]}::uuid[]) u (id) on u.id = custodian_unit_id
       where book_type = any(${[...types]}::text[]) and (registration_year < ${from}::int or registration_year > ${to}::int)`
}
