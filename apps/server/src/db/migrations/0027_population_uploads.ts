import { sql, type Kysely } from 'kysely'

/**
 * Population extract uploads (issue 17): the file's bytes go to the shared file store (by sha256) and
 * what the mapping step and the load job need into this table, so that any server instance can show
 * the upload and run its load. Before, both waited in DATA_DIR/tmp/population of the instance that
 * received the upload. `preview` holds the header row and a few data rows (read at upload, so that
 * no later step fetches the whole file from the store to show them). An upload not loaded is removed
 * after `expires_at` (population/upload-cleanup.ts); `extract_id` names the extract last started from it.
 */
const statements = [
  `create table population_uploads (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references administrative_units (id),
    uploaded_by uuid not null references users (id),
    file_name text not null,
    file_format text not null check (file_format in ('xlsx', 'csv')),
    file_size bigint not null,
    file_sha256 text not null,
    preview jsonb not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    extract_id uuid references population_extracts (id)
  )`,
  'create index population_uploads_sha on population_uploads (file_sha256)',
  'create index population_uploads_expiry on population_uploads (expires_at)',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists population_uploads').execute(db)
}
