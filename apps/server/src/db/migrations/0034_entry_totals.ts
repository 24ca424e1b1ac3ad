import { sql, type Kysely } from 'kysely'

/**
 * Entries per custodian unit × book type × status, all years together (issue 13: the province's
 * dashboard at 2M entries). A phase whose window spans most of the years in the registry read ~91k
 * rows of `entry_counts_yearly` (100 communes × 5 types × 6 statuses × 30 years) on every view; with
 * the totals it reads ~3k rows and subtracts the few years outside the window (entries/totals.ts).
 *
 * Kept like the other counters (migration 0023): statement-level triggers with transition tables on
 * `entries`, in the writer's transaction, grouped upserts in key order; an UPDATE that changes no
 * counted column nets to nothing and writes nothing. Triggers of their own, beside 0023's.
 */
const KEY = (t: string) => `${t}.custodian_unit_id, ${t}.book_type, ${t}.status`

const applyTotals = (delta: string) => `
  insert into entry_counts_total as c (custodian_unit_id, book_type, status, entries)
  select custodian_unit_id, book_type, status, sum(n)::int
    from (${delta}) d (custodian_unit_id, book_type, status, n)
   group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3
  on conflict (custodian_unit_id, book_type, status)
  do update set entries = c.entries + excluded.entries`

const statements = [
  `create table entry_counts_total (
    custodian_unit_id uuid not null references administrative_units (id) on update cascade,
    book_type text not null,
    status text not null,
    entries integer not null,
    primary key (custodian_unit_id, book_type, status)
  )`,
  // The years outside a window are read as two ranges of this index, not a scan of the table.
  `create index entry_counts_yearly_year on entry_counts_yearly (registration_year)`,
  `create function entry_totals_on_insert() returns trigger language plpgsql as $$
  begin
    ${applyTotals(`select ${KEY('n')}, 1 from new_rows n`)};
    return null;
  end $$`,
  `create function entry_totals_on_delete() returns trigger language plpgsql as $$
  begin
    ${applyTotals(`select ${KEY('o')}, -1 from old_rows o`)};
    return null;
  end $$`,
  `create function entry_totals_on_update() returns trigger language plpgsql as $$
  begin
    ${applyTotals(`select ${KEY('n')}, 1 from new_rows n union all select ${KEY('o')}, -1 from old_rows o`)};
    return null;
  end $$`,
  `create trigger entry_totals_insert after insert on entries referencing new table as new_rows for each statement execute function entry_totals_on_insert()`,
  `create trigger entry_totals_update after update on entries referencing old table as old_rows new table as new_rows for each statement execute function entry_totals_on_update()`,
  `create trigger entry_totals_delete after delete on entries referencing old table as old_rows for each statement execute function entry_totals_on_delete()`,
  // Backfill from the yearly counters (the same entries, summed over the years).
  applyTotals(`select custodian_unit_id, book_type, status, entries from entry_counts_yearly`),
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['entry_totals_insert', 'entry_totals_update', 'entry_totals_delete']) await sql.raw(`drop trigger if exists ${t} on entries`).execute(db)
  for (const f of ['entry_totals_on_insert', 'entry_totals_on_delete', 'entry_totals_on_update']) await sql.raw(`drop function if exists ${f}()`).execute(db)
  await sql.raw('drop index if exists entry_counts_yearly_year').execute(db)
  await sql.raw('drop table if exists entry_counts_total').execute(db)
}
