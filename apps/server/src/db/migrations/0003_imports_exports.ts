import { sql, type Kysely } from 'kysely'

/** Excel/CSV imports (issue 4). One statement per item (PGlite's extended protocol). */
const statements = [
  `create table imports (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references administrative_units (id),
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    book_type text not null,
    file_name text not null,
    file_format text not null check (file_format in ('xlsx', 'csv')),
    file_size bigint not null,
    -- The uploaded file is kept in the content-addressed file store under this hash.
    file_sha256 text not null,
    job_id uuid references jobs (id),
    -- Header (folded) -> catalog key or null, as confirmed for this file.
    mapping jsonb not null default '{}'::jsonb,
    -- Target unit, office, book and the user's confirmations.
    options jsonb not null default '{}'::jsonb,
    analysis jsonb,
    counts jsonb not null default '{}'::jsonb
  )`,
  `create index imports_unit on imports (unit_id, created_at)`,
  `create index imports_sha on imports (file_sha256)`,
  // Rows kept aside with their reasons, in the file's own cells so they can be fixed and re-imported.
  `create table import_rejections (
    import_id uuid not null references imports (id),
    row_number integer not null,
    cells jsonb not null,
    errors jsonb not null,
    primary key (import_id, row_number)
  )`,
  `create table import_mappings (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references administrative_units (id),
    book_type text not null,
    name text not null,
    mapping jsonb not null,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint import_mappings_name unique (unit_id, name)
  )`,
  // Entries written by an import carry its id: a failed or cancelled import removes exactly its rows.
  `alter table entries add column import_id uuid references imports (id)`,
  `create index entries_import on entries (import_id) where import_id is not null`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table entries drop column if exists import_id').execute(db)
  for (const table of ['import_mappings', 'import_rejections', 'imports']) await sql.raw(`drop table if exists ${table}`).execute(db)
}
