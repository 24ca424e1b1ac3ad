import { sql, type Kysely } from 'kysely'

/**
 * Counters for the campaign dashboard (issue 13), kept by triggers in the same transaction as the
 * change of `entries` or `entry_revisions`, whoever writes it (the entries commands, an import's one
 * statement, the ON UPDATE CASCADE of a book moved to another unit): they cannot drift from the rows.
 *
 * - `entry_counts`: entries per custodian unit × book type × registration year × month × status.
 *   Year 0 = no registration date; month 0 = only the year is known (or no date). Sentinels rather
 *   than nulls, so the key is a primary key that ON CONFLICT can name on both engines.
 * - `entry_counts_yearly`: the same without the month (a province's totals sum 100× fewer rows;
 *   the month is read only for the first and last year of a phase window).
 * - `entry_activity`: revisions per custodian unit × day (Vietnam time, UTC+7, no DST) × user ×
 *   change kind ('create', 'import', 'transition:markKeyed'...) × resulting status: throughput per
 *   day, week and keyer. Nil uuid = no user (a system import). An entry moved to another unit takes
 *   its history along (the counters equal a GROUP BY over the revisions joined to their entry).
 *
 * Statement-level triggers with transition tables: an import batch of 500 rows is one grouped upsert,
 * not 500; an UPDATE that changes no counted column (a keyer's save) writes nothing. Upserts go in
 * key order so two transactions meet the same rows in the same order. Rows that reach 0 are kept.
 */
const NIL_USER = `'00000000-0000-0000-0000-000000000000'::uuid`
const VN_DAY = (column: string) => `((${column} at time zone 'UTC') + interval '7 hours')::date`
const MONTH_OF = (t: string) => `case when ${t}.registration_date_precision in ('day', 'month') then extract(month from ${t}.registration_date)::int else 0 end`
const COUNT_KEY = (t: string) => `${t}.custodian_unit_id, ${t}.book_type, coalesce(${t}.registration_year, 0), ${MONTH_OF(t)}, ${t}.status`

/** Applies `delta (unit, type, y, m, status, n)` to both count tables. */
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

/** Applies `delta (unit, day, user, action, status, n)` to the activity. */
const applyActivity = (delta: string) => `
  insert into entry_activity as a (custodian_unit_id, day, user_id, action, status, entries)
  select custodian_unit_id, day, user_id, action, status, sum(n)::int
    from (${delta}) d (custodian_unit_id, day, user_id, action, status, n)
   group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5
  on conflict (custodian_unit_id, day, user_id, action, status)
  do update set entries = a.entries + excluded.entries`

const ACTIVITY_KEY = `${VN_DAY('r.changed_at')}, coalesce(r.changed_by, ${NIL_USER}), r.change_kind, r.status`

const functions = [
  `create function entry_counts_on_insert() returns trigger language plpgsql as $$
  begin
    ${applyCounts(`select ${COUNT_KEY('n')}, 1 from new_rows n`)};
    return null;
  end $$`,
  `create function entry_counts_on_delete() returns trigger language plpgsql as $$
  begin
    ${applyCounts(`select ${COUNT_KEY('o')}, -1 from old_rows o`)};
    return null;
  end $$`,
  // A move to another unit (the cascade of a book moved) also carries the entries' activity along.
  `create function entry_counts_on_update() returns trigger language plpgsql as $$
  begin
    ${applyCounts(`select ${COUNT_KEY('n')}, 1 from new_rows n union all select ${COUNT_KEY('o')}, -1 from old_rows o`)};
    if exists (select 1 from old_rows o join new_rows n on n.id = o.id where n.custodian_unit_id <> o.custodian_unit_id) then
      ${applyActivity(`
        select u.unit, ${ACTIVITY_KEY}, u.n
          from old_rows o join new_rows n on n.id = o.id and n.custodian_unit_id <> o.custodian_unit_id
          cross join lateral (values (o.custodian_unit_id, -1), (n.custodian_unit_id, 1)) u (unit, n)
          join entry_revisions r on r.entry_id = o.id`)};
    end if;
    return null;
  end $$`,
  `create function entry_activity_on_insert() returns trigger language plpgsql as $$
  begin
    ${applyActivity(`select e.custodian_unit_id, ${ACTIVITY_KEY}, 1 from new_rows r join entries e on e.id = r.entry_id`)};
    return null;
  end $$`,
  `create function entry_activity_on_delete() returns trigger language plpgsql as $$
  begin
    ${applyActivity(`select e.custodian_unit_id, ${ACTIVITY_KEY}, -1 from old_rows r join entries e on e.id = r.entry_id`)};
    return null;
  end $$`,
]

const statements = [
  `create table entry_counts (
    custodian_unit_id uuid not null references administrative_units (id) on update cascade,
    book_type text not null,
    registration_year integer not null,
    registration_month integer not null check (registration_month between 0 and 12),
    status text not null,
    entries integer not null,
    primary key (custodian_unit_id, book_type, registration_year, registration_month, status)
  )`,
  `create table entry_counts_yearly (
    custodian_unit_id uuid not null references administrative_units (id) on update cascade,
    book_type text not null,
    registration_year integer not null,
    status text not null,
    entries integer not null,
    primary key (custodian_unit_id, book_type, registration_year, status)
  )`,
  `create table entry_activity (
    custodian_unit_id uuid not null references administrative_units (id) on update cascade,
    day date not null,
    user_id uuid not null,
    action text not null,
    status text not null,
    entries integer not null,
    primary key (custodian_unit_id, day, user_id, action, status)
  )`,
  // A phase window that cuts a year reads that year's months for every unit of the scope.
  `create index entry_counts_year on entry_counts (registration_year, custodian_unit_id)`,
  // The dashboard reads the last weeks of every unit of a province: a range of days, not of units.
  `create index entry_activity_day on entry_activity (day)`,
  ...functions,
  `create trigger entry_counts_insert after insert on entries referencing new table as new_rows for each statement execute function entry_counts_on_insert()`,
  `create trigger entry_counts_update after update on entries referencing old table as old_rows new table as new_rows for each statement execute function entry_counts_on_update()`,
  `create trigger entry_counts_delete after delete on entries referencing old table as old_rows for each statement execute function entry_counts_on_delete()`,
  `create trigger entry_activity_insert after insert on entry_revisions referencing new table as new_rows for each statement execute function entry_activity_on_insert()`,
  `create trigger entry_activity_delete after delete on entry_revisions referencing old table as old_rows for each statement execute function entry_activity_on_delete()`,
  // Backfill from the rows already there (the triggers count only what changes from now on).
  applyCounts(`select ${COUNT_KEY('e')}, 1 from entries e`),
  applyActivity(`select e.custodian_unit_id, ${ACTIVITY_KEY}, 1 from entry_revisions r join entries e on e.id = r.entry_id`),
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['entry_counts_insert on entries', 'entry_counts_update on entries', 'entry_counts_delete on entries', 'entry_activity_insert on entry_revisions', 'entry_activity_delete on entry_revisions']) {
    await sql.raw(`drop trigger if exists ${t}`).execute(db)
  }
  for (const f of ['entry_counts_on_insert', 'entry_counts_on_delete', 'entry_counts_on_update', 'entry_activity_on_insert', 'entry_activity_on_delete']) {
    await sql.raw(`drop function if exists ${f}()`).execute(db)
  }
  for (const t of ['entry_activity', 'entry_counts_yearly', 'entry_counts']) await sql.raw(`drop table if exists ${t}`).execute(db)
}
