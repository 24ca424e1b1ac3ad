/**
 * The entry counters (migration 0023, 0030's activity per book type, 0034's all-years totals) checked against a full count: used by the
 * counters' own test and by the restore drill (a restored database's counters must agree with its restored entries).
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** The counter tables of migrations 0023 and 0030 beside a full recount of `entries` and `entry_revisions`: [kept, recounted] per table, as sorted keys. */
export async function countersAndRecount(db: Kysely<Database>) {
  const month = sql`case when registration_date_precision in ('day', 'month') then extract(month from registration_date)::int else 0 end`
  const expected = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, book_type, coalesce(registration_year, 0), ${month}, status, count(*)) as k
      from entries group by custodian_unit_id, book_type, coalesce(registration_year, 0), ${month}, status order by 1`.execute(db)
  const counted = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, book_type, registration_year, registration_month, status, entries) as k
      from entry_counts where entries <> 0 order by 1`.execute(db)
  const yearlyExpected = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, book_type, y, status, n) as k from (
      select custodian_unit_id, book_type, coalesce(registration_year, 0) as y, status, count(*) as n
        from entries group by 1, 2, 3, 4) x order by 1`.execute(db)
  const yearly = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, book_type, registration_year, status, entries) as k
      from entry_counts_yearly where entries <> 0 order by 1`.execute(db)
  const activityExpected = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, day, user_id, change_kind, status, n) as k from (
      select e.custodian_unit_id, ((r.changed_at at time zone 'UTC') + interval '7 hours')::date as day,
             coalesce(r.changed_by, '00000000-0000-0000-0000-000000000000'::uuid) as user_id, r.change_kind, r.status, count(*) as n
        from entry_revisions r join entries e on e.id = r.entry_id group by 1, 2, 3, 4, 5) x order by 1`.execute(db)
  const activity = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, day, user_id, action, status, entries) as k
      from entry_activity where entries <> 0 order by 1`.execute(db)
  const typesExpected = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, day, book_type, change_kind, status, n) as k from (
      select e.custodian_unit_id, ((r.changed_at at time zone 'UTC') + interval '7 hours')::date as day, e.book_type, r.change_kind, r.status, count(*) as n
        from entry_revisions r join entries e on e.id = r.entry_id group by 1, 2, 3, 4, 5) x order by 1`.execute(db)
  const types = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, day, book_type, action, status, entries) as k
      from entry_activity_types where entries <> 0 order by 1`.execute(db)
  const totalsExpected = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, book_type, status, count(*)) as k from entries group by custodian_unit_id, book_type, status order by 1`.execute(db)
  const totals = await sql<{ k: string }>`
    select concat_ws('|', custodian_unit_id, book_type, status, entries) as k from entry_counts_total where entries <> 0 order by 1`.execute(db)
  const keys = (rows: Array<{ k: string }>) => rows.map((r) => r.k).sort()
  return {
    monthly: [keys(counted.rows), keys(expected.rows)],
    yearly: [keys(yearly.rows), keys(yearlyExpected.rows)],
    activity: [keys(activity.rows), keys(activityExpected.rows)],
    activityTypes: [keys(types.rows), keys(typesExpected.rows)],
    totals: [keys(totals.rows), keys(totalsExpected.rows)],
  }
}

