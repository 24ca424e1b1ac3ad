import { sql, type Kysely } from 'kysely'

/**
 * Marginal notes (ghi chú) corrected and withdrawn (issue 12: keyed in the workbench, so keyed by
 * mistake too). A note's date, basis and text may be corrected (its `version` guards against two
 * people correcting it at once); a note keyed by mistake is withdrawn with a reason, never deleted:
 * it stays in the entry's history, struck through, and no longer counts in "Sau ghi chú" nor in the
 * MOJ export. Who did either is in the audit row as well as here.
 */
const statements = [
  'alter table entry_notes add column version integer not null default 1',
  'alter table entry_notes add column updated_by uuid references users (id)',
  'alter table entry_notes add column updated_at timestamptz',
  'alter table entry_notes add column withdrawn_by uuid references users (id)',
  'alter table entry_notes add column withdrawn_at timestamptz',
  'alter table entry_notes add column withdrawn_reason text',
  `alter table entry_notes add constraint entry_notes_withdrawn_reason check (withdrawn_at is null or (withdrawn_reason is not null and withdrawn_reason <> ''))`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table entry_notes drop constraint if exists entry_notes_withdrawn_reason').execute(db)
  for (const column of ['withdrawn_reason', 'withdrawn_at', 'withdrawn_by', 'updated_at', 'updated_by', 'version']) {
    await sql.raw(`alter table entry_notes drop column if exists ${column}`).execute(db)
  }
}
