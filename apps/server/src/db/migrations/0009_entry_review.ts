import { sql, type Kysely } from 'kysely'

/**
 * Checking and approval (issue 11): the review statuses, who keyed and who last changed an entry's
 * content (the four-eyes rule reads them, so the check queue can leave out a user's own work with an
 * index instead of a walk through the revisions), when its status last changed (the queue's oldest
 * first), why it was returned, how many warnings its rules give (a queue filter), and what the import
 * changed in it (highlighted for the checker).
 *
 * Existing entries: the keyer of a keyed entry is taken as its creator, the last changer as its last
 * writer; nothing else is known. The vocabulary is written out, as in 0008: a migration means the
 * same thing forever, and db/constraints.test.ts compares it with the domain.
 */
const ENTRY_STATUSES = `('draft', 'keyed', 'returned', 'checked', 'approved', 'handed_over')`

const statements = [
  `alter table entries add column keyed_by uuid references users (id)`,
  `alter table entries add column content_changed_by uuid references users (id)`,
  `alter table entries add column status_changed_at timestamptz not null default now()`,
  `alter table entries add column return_reason text`,
  `alter table entries add column warning_count integer not null default 0`,
  `alter table entries add column import_notes jsonb not null default '[]'::jsonb`,
  `alter table entry_revisions add column note text`,
  `update entries set keyed_by = case when status = 'keyed' then created_by end, content_changed_by = updated_by, status_changed_at = updated_at`,
  `alter table entries drop constraint entries_status_check`,
  `alter table entries add constraint entries_status_check check (status in ${ENTRY_STATUSES})`,
  `alter table entry_revisions drop constraint entry_revisions_status_check`,
  `alter table entry_revisions add constraint entry_revisions_status_check check (status in ${ENTRY_STATUSES})`,
  // The check queue: a unit's entries in a status, oldest first.
  `create index entries_review_queue on entries (custodian_unit_id, status, status_changed_at)`,
  // Bulk approval and per-book progress: a book's entries in a status.
  `create index entries_book_status on entries (book_id, status)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists entries_book_status').execute(db)
  await sql.raw('drop index if exists entries_review_queue').execute(db)
  for (const table of ['entries', 'entry_revisions']) {
    await sql.raw(`alter table ${table} drop constraint if exists ${table}_status_check`).execute(db)
    await sql.raw(`alter table ${table} add constraint ${table}_status_check check (status in ('draft', 'keyed'))`).execute(db)
  }
  await sql.raw('alter table entry_revisions drop column if exists note').execute(db)
  for (const column of ['import_notes', 'warning_count', 'return_reason', 'status_changed_at', 'content_changed_by', 'keyed_by']) {
    await sql.raw(`alter table entries drop column if exists ${column}`).execute(db)
  }
}
