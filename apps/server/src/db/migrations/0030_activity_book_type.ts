import { sql, type Kysely } from 'kysely'

/**
 * The activity per book type (issue 13: the weekly report gives this week's figures per type beside the
 * cumulative ones and the plan), in a table of its own: `entry_activity_types`, revisions per custodian
 * unit × Vietnam day × book type of the entry × change kind × resulting status, without the user.
 *
 * Not a column of `entry_activity`: with the type in its key that table grew 4× (292k → 1.2M rows in
 * the dashboard benchmark's shape) and the dashboard's three activity reads, which never ask for the
 * type, got 1.5–3× slower (docs/PERFORMANCE.md). `entry_activity` stays as migration 0023 made it.
 *
 * The triggers of 0023 are replaced by ones that write both tables in the same statement (one delta,
 * then the two grouped upserts, `entry_activity` before `entry_activity_types` in every trigger so two
 * transactions meet the rows in the same order). The type is read from the entry (revisions do not carry
 * it, and a revision inserted directly must get it), and an entry that changes unit or type carries its
 * history along (a type-only change nets to nothing in `entry_activity`, so it writes nothing there).
 * The new table is backfilled from `entry_revisions` joined to `entries`, in this transaction.
 */
const NIL_USER = `'00000000-0000-0000-0000-000000000000'::uuid`
const VN_DAY = (column: string) => `((${column} at time zone 'UTC') + interval '7 hours')::date`
const MONTH_OF = (t: string) => `case when ${t}.registration_date_precision in ('day', 'month') then extract(month from ${t}.registration_date)::int else 0 end`
const COUNT_KEY = (t: string) => `${t}.custodian_unit_id, ${t}.book_type, coalesce(${t}.registration_year, 0), ${MONTH_OF(t)}, ${t}.status`
const ACTIVITY_KEY = `${VN_DAY('r.changed_at')}, coalesce(r.changed_by, ${NIL_USER}), r.change_kind, r.status`

/** 0023's count upsert, unchanged. */
const applyCounts = (delta: string) => `
  with delta as (
    select custodian_unit_id, book_type, y, m, status, sum(n)::int as n
      from (${delta}) d (custodian_unit_id, book_type, y, m, status, n)
     group by 1, 2, 3, 4, 5 having sum(n) <> 0
  ), monthly as (
    insert into entry_counts as c (custodian_unit_id, book_type, registration_year, registration_month, status, entries)
    select * from delta order by 1, 2, 3, 4, 5
    on conflict (custodian_unit_id, book_type, registration_year, registration_month, status)
    do update set entries = c.entries + excluded.entries
  )
  insert into entry_counts_yearly as c (custodian_unit_id, book_type, registration_year, status, entries)
  select custodian_unit_id, book_type, y, status, sum(n)::int from delta group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
  on conflict (custodian_unit_id, book_type, registration_year, status)
  do update set entries = c.entries + excluded.entries`

/**
 * Applies `delta (unit, type, day, user, action, status, n)` to both activity tables, each in key order.
 * The main statement (`entry_activity`) runs before the unreferenced data-modifying CTE (`typed`).
 */
const applyActivity = (delta: string) => `
  with delta as materialized (
    select * from (${delta}) d (custodian_unit_id, book_type, day, user_id, action, status, n)
  ), typed as (
    insert into entry_activity_types as t (custodian_unit_id, day, book_type, action, status, entries)
    select custodian_unit_id, day, book_type, action, status, sum(n)::int
      from delta group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5
    on conflict (custodian_unit_id, day, book_type, action, status)
    do update set entries = t.entries + excluded.entries
  )
  insert into entry_activity as a (custodian_unit_id, day, user_id, action, status, entries)
  select custodian_unit_id, day, user_id, action, status, sum(n)::int
    from delta group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5
  on conflict (custodian_unit_id, day, user_id, action, status)
  do update set entries = a.entries + excluded.entries`

const functions = [
  // A move to another unit (the cascade of a book moved) or another type carries the entries' activity along.
  `create or replace function entry_counts_on_update() returns trigger language plpgsql as $$
  begin
    ${applyCounts(`select ${COUNT_KEY('n')}, 1 from new_rows n union all select ${COUNT_KEY('o')}, -1 from old_rows o`)};
    if exists (select 1 from old_rows o join new_rows n on n.id = o.id
                where n.custodian_unit_id <> o.custodian_unit_id or n.book_type <> o.book_type) then
      ${applyActivity(`
        select u.unit, u.book_type, ${ACTIVITY_KEY}, u.n
          from old_rows o join new_rows n on n.id = o.id and (n.custodian_unit_id <> o.custodian_unit_id or n.book_type <> o.book_type)
          cross join lateral (values (o.custodian_unit_id, o.book_type, -1), (n.custodian_unit_id, n.book_type, 1)) u (unit, book_type, n)
          join entry_revisions r on r.entry_id = o.id`)};
    end if;
    return null;
  end $$`,
  `create or replace function entry_activity_on_insert() returns trigger language plpgsql as $$
  begin
    ${applyActivity(`select e.custodian_unit_id, e.book_type, ${ACTIVITY_KEY}, 1 from new_rows r join entries e on e.id = r.entry_id`)};
    return null;
  end $$`,
  `create or replace function entry_activity_on_delete() returns trigger language plpgsql as $$
  begin
    ${applyActivity(`select e.custodian_unit_id, e.book_type, ${ACTIVITY_KEY}, -1 from old_rows r join entries e on e.id = r.entry_id`)};
    return null;
  end $$`,
]

const statements = [
  // No revision or entry may change between the functions replaced and the backfill.
  'lock table entries, entry_revisions in share mode',
  // The weekly report reads a week of every unit of its scope grouped by type: units × a day range, the key's prefix.
  `create table entry_activity_types (
    custodian_unit_id uuid not null references administrative_units (id) on update cascade,
    day date not null,
    book_type text not null,
    action text not null,
    status text not null,
    entries integer not null,
    primary key (custodian_unit_id, day, book_type, action, status)
  )`,
  ...functions,
  `insert into entry_activity_types (custodian_unit_id, day, book_type, action, status, entries)
   select e.custodian_unit_id, ${VN_DAY('r.changed_at')}, e.book_type, r.change_kind, r.status, count(*)::int
     from entry_revisions r join entries e on e.id = r.entry_id
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
]

/** 0023's functions again (`entry_activity` alone, moved with the unit only); `entry_activity` itself was never touched. */
const down0023 = (() => {
  const apply = (delta: string) => `
    insert into entry_activity as a (custodian_unit_id, day, user_id, action, status, entries)
    select custodian_unit_id, day, user_id, action, status, sum(n)::int
      from (${delta}) d (custodian_unit_id, day, user_id, action, status, n)
     group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5
    on conflict (custodian_unit_id, day, user_id, action, status)
    do update set entries = a.entries + excluded.entries`
  return [
    'lock table entries, entry_revisions in share mode',
    `create or replace function entry_counts_on_update() returns trigger language plpgsql as $$
    begin
      ${applyCounts(`select ${COUNT_KEY('n')}, 1 from new_rows n union all select ${COUNT_KEY('o')}, -1 from old_rows o`)};
      if exists (select 1 from old_rows o join new_rows n on n.id = o.id where n.custodian_unit_id <> o.custodian_unit_id) then
        ${apply(`
          select u.unit, ${ACTIVITY_KEY}, u.n
            from old_rows o join new_rows n on n.id = o.id and n.custodian_unit_id <> o.custodian_unit_id
            cross join lateral (values (o.custodian_unit_id, -1), (n.custodian_unit_id, 1)) u (unit, n)
            join entry_revisions r on r.entry_id = o.id`)};
      end if;
      return null;
    end $$`,
    `create or replace function entry_activity_on_insert() returns trigger language plpgsql as $$
    begin
      ${apply(`select e.custodian_unit_id, ${ACTIVITY_KEY}, 1 from new_rows r join entries e on e.id = r.entry_id`)};
      return null;
    end $$`,
    `create or replace function entry_activity_on_delete() returns trigger language plpgsql as $$
    begin
      ${apply(`select e.custodian_unit_id, ${ACTIVITY_KEY}, -1 from old_rows r join entries e on e.id = r.entry_id`)};
      return null;
    end $$`,
    'drop table entry_activity_types',
  ]
})()

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of down0023) await sql.raw(statement).execute(db)
}
