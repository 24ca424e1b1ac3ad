/**
 * Reads of the counters that triggers keep beside `entries` and `entry_revisions` (migrations 0023, 0030):
 * what the campaign's inventory and dashboard count, without scanning millions of entries. The
 * counters are written only by the triggers, in the transaction of the change (see the migration).
 */
import { parseYearMonth, type PhaseWindow } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { wholeYearsCounts } from './totals'

export interface CountFilter {
  unitIds: readonly string[]
  /** Only entries of these types whose registration falls in the window (an entry with only a year counts when the year is inside). */
  phase?: PhaseWindow & { bookTypes: readonly string[] } | undefined
}

export interface EntryCount {
  unitId: string
  bookType: string
  status: string
  entries: number
}

/** Entries per unit × book type × status from the counters; nothing when no unit is named. */
export async function countEntries(db: Kysely<Database>, filter: CountFilter): Promise<EntryCount[]> {
  if (filter.unitIds.length === 0) return []
  const rows = filter.phase ? await countInWindow(db, filter.unitIds, filter.phase) : await countAll(db, filter.unitIds)
  return rows.map((r) => ({ unitId: r.unit_id, bookType: r.book_type, status: r.status, entries: Number(r.entries) }))
}

interface CountRow {
  unit_id: string
  book_type: string
  status: string
  entries: string | number
}

async function countAll(db: Kysely<Database>, unitIds: readonly string[]): Promise<CountRow[]> {
  const result = await sql<CountRow>`
    select custodian_unit_id as unit_id, book_type, status, sum(entries) as entries
      from entry_counts_yearly join unnest(${[...unitIds]}::uuid[]) u (id) on u.id = custodian_unit_id
     group by 1, 2, 3 having sum(entries) <> 0`.execute(db)
  return result.rows
}

/**
 * The whole years of the window from the yearly table, a first or last year that the window takes only
 * in part from the monthly one (its months inside the window, and month 0: a year-only date counts for
 * its year).
 */
async function countInWindow(db: Kysely<Database>, unitIds: readonly string[], phase: NonNullable<CountFilter['phase']>): Promise<CountRow[]> {
  const from = parseYearMonth(phase.windowFrom)
  const to = parseYearMonth(phase.windowTo)
  if (!from || !to || phase.bookTypes.length === 0 || from.year * 12 + from.month > to.year * 12 + to.month) return []
  const units = [...unitIds]
  const types = [...phase.bookTypes]
  const fromKey = from.year * 12 + from.month
  const toKey = to.year * 12 + to.month
  // A window of whole years (January to December, the usual case) reads the yearly table alone.
  const yearsFrom = from.month === 1 ? from.year : from.year + 1
  const yearsTo = to.month === 12 ? to.year : to.year - 1
  const partialYears = [...new Set([from.year, to.year])].filter((y) => y < yearsFrom || y > yearsTo)
  const whole = await wholeYearsCounts(db, units, types, yearsFrom, yearsTo)
  // Only when the window cuts a year: an empty list would still make the planner scan the monthly table.
  const partial = sql`
      select custodian_unit_id, book_type, status, entries
        from entry_counts join unnest(${units}::uuid[]) u (id) on u.id = custodian_unit_id
       where book_type = any(${types}::text[]) and registration_year = any(${partialYears}::int[])
         and (registration_month = 0 or registration_year * 12 + registration_month between ${fromKey}::int and ${toKey}::int)`
  const result = await sql<CountRow>`
    select unit_id, book_type, status, sum(entries) as entries from (
      ${partialYears.length > 0 ? sql`${whole} union all ${partial}` : whole}
    ) c group by 1, 2, 3 having sum(entries) <> 0`.execute(db)
  return result.rows
}

export interface ActivityDay {
  unitId: string
  day: string
  action: string
  status: string
  entries: number
}

/**
 * Revisions per day × change kind × status between two Vietnam days (inclusive), per unit or (perUnit
 * false: unitId '') summed over the units.
 */
export async function activityByDay(db: Kysely<Database>, unitIds: readonly string[], fromDay: string, toDay: string, perUnit = true, actions?: readonly string[]): Promise<ActivityDay[]> {
  if (unitIds.length === 0) return []
  // Only these change kinds (the dashboard's per-unit pace reads the keyed ones: a quarter of the rows).
  const onlyActions = actions ? sql`and action = any(${[...actions]}::text[])` : sql``
  // Grouped on the columns themselves (uuid, date), turned into text only for the rows that come out.
  const result = perUnit
    ? await sql<{ unit_id: string; day: string; action: string; status: string; entries: string | number }>`
        select custodian_unit_id::text as unit_id, day::text as day, action, status, sum(entries) as entries
          from entry_activity join unnest(${[...unitIds]}::uuid[]) u (id) on u.id = custodian_unit_id
         where day between ${fromDay}::date and ${toDay}::date ${onlyActions}
         group by custodian_unit_id, day, action, status having sum(entries) <> 0`.execute(db)
    : await sql<{ unit_id: string; day: string; action: string; status: string; entries: string | number }>`
        select '' as unit_id, day::text as day, action, status, sum(entries) as entries
          from entry_activity join unnest(${[...unitIds]}::uuid[]) u (id) on u.id = custodian_unit_id
         where day between ${fromDay}::date and ${toDay}::date ${onlyActions}
         group by day, action, status having sum(entries) <> 0`.execute(db)
  return result.rows.map((r) => ({ unitId: r.unit_id, day: r.day, action: r.action, status: r.status, entries: Number(r.entries) }))
}

export interface ActivityByType {
  bookType: string
  action: string
  status: string
  entries: number
}

/**
 * Revisions per book type × change kind × status between two Vietnam days (inclusive), summed over the
 * units: `entry_activity_types` (migration 0030), kept apart so that `entry_activity` stays small for the dashboard.
 */
export async function activityByType(db: Kysely<Database>, unitIds: readonly string[], fromDay: string, toDay: string): Promise<ActivityByType[]> {
  if (unitIds.length === 0) return []
  const result = await sql<{ book_type: string; action: string; status: string; entries: string | number }>`
    select book_type, action, status, sum(entries) as entries
      from entry_activity_types join unnest(${[...unitIds]}::uuid[]) u (id) on u.id = custodian_unit_id
     where day between ${fromDay}::date and ${toDay}::date
     group by 1, 2, 3 having sum(entries) <> 0`.execute(db)
  return result.rows.map((r) => ({ bookType: r.book_type, action: r.action, status: r.status, entries: Number(r.entries) }))
}

export interface ActivityByUser {
  userId: string | null
  action: string
  status: string
  entries: number
}

const NIL_USER = '00000000-0000-0000-0000-000000000000'

/** Revisions per user × change kind × status between two Vietnam days (inclusive). */
export async function activityByUser(db: Kysely<Database>, unitIds: readonly string[], fromDay: string, toDay: string): Promise<ActivityByUser[]> {
  if (unitIds.length === 0) return []
  const result = await sql<{ user_id: string; action: string; status: string; entries: string | number }>`
    select user_id, action, status, sum(entries) as entries
      from entry_activity join unnest(${[...unitIds]}::uuid[]) u (id) on u.id = custodian_unit_id
     where day between ${fromDay}::date and ${toDay}::date
     group by 1, 2, 3 having sum(entries) <> 0`.execute(db)
  return result.rows.map((r) => ({ userId: r.user_id === NIL_USER ? null : r.user_id, action: r.action, status: r.status, entries: Number(r.entries) }))
}
