import { sql, type Kysely } from 'kysely'

/**
 * Entry history and marginal notes (issue 12).
 *
 * Revisions stay compact: `entry_revisions.fields` is null when a revision did not change the content
 * (a status transition, a bulk approval, a handover), and the entry at version N is the fields of the
 * latest revision at or before N that holds them. Existing revisions whose fields equal the previous
 * version's are emptied in one statement (the subquery reads the rows as they were before it), so the
 * chain stays readable; the space is reused by later rows (PostgreSQL does not shrink the file).
 *
 * Marginal notes (ghi chú: change, correction, divorce, annulment, recognition...) are child facts of the
 * entry with their own date and basis; `changes` is a jsonb object field key → new value (null: the
 * field cleared). They never touch `entries.fields`: the book's text stays as keyed.
 */
const NOTE_KINDS = `('change', 'correction', 'supplement', 'divorce', 'annulment', 'marriage_recognition', 'parent_recognition', 'ethnicity', 'sex', 'death', 'other')`

const statements = [
  `alter table entry_revisions alter column fields drop not null`,
  `update entry_revisions r set fields = null
     from entry_revisions p
    where p.entry_id = r.entry_id and p.version = r.version - 1 and p.fields = r.fields`,
  `create table entry_notes (
    id uuid primary key default gen_random_uuid(),
    entry_id uuid not null references entries (id),
    custodian_unit_id uuid not null references administrative_units (id),
    kind text not null check (kind in ${NOTE_KINDS}),
    note_date text,
    decision_number text,
    authority text,
    changes jsonb not null default '{}'::jsonb,
    text text,
    source text not null default 'keyed' check (source in ('keyed', 'import')),
    created_by uuid references users (id),
    created_at timestamptz not null default now()
  )`,
  `create index entry_notes_entry on entry_notes (entry_id, created_at)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists entry_notes').execute(db)
  // Fill the emptied revisions back from the last one holding fields, then restore the constraint.
  await sql.raw(`update entry_revisions r set fields = (
      select p.fields from entry_revisions p
       where p.entry_id = r.entry_id and p.version < r.version and p.fields is not null
       order by p.version desc limit 1)
    where r.fields is null`).execute(db)
  await sql.raw('alter table entry_revisions alter column fields set not null').execute(db)
}
