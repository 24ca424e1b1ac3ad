import { sql, type Kysely } from 'kysely'

/**
 * Handover batches (chuyển giao, issue 11): a batch is the approved entries of one book handed over
 * at once; its manifest rows name the exact version of each entry and the SHA-256 of its fields.
 * The package (the MOJ Excel of those revisions and manifest.json) is built once, with the batch,
 * and kept in the file store under the hashes recorded here: every download hands over the same
 * bytes, whatever happened to the entries later. The unit is the custodian at the time of the
 * handover (history, so no cascade with the book).
 */
const statements = [
  `create table handover_batches (
    id uuid primary key default gen_random_uuid(),
    book_id uuid not null references books (id),
    custodian_unit_id uuid not null references administrative_units (id),
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    entry_count integer not null,
    excel_sha256 text not null,
    manifest_sha256 text not null,
    note text
  )`,
  `create index handover_batches_book on handover_batches (book_id, created_at)`,
  `create table handover_entries (
    batch_id uuid not null references handover_batches (id),
    entry_id uuid not null references entries (id),
    position integer not null,
    version integer not null,
    fields_sha256 text not null,
    primary key (batch_id, entry_id)
  )`,
  // The entries listed for re-handover: every batch an entry was in.
  `create index handover_entries_entry on handover_entries (entry_id, version)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists handover_entries').execute(db)
  await sql.raw('drop table if exists handover_batches').execute(db)
}
