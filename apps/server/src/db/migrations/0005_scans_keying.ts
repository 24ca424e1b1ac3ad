import { sql, type Kysely } from 'kysely'

/** Scans (uploads, book pages), entry ↔ page links, server-side drafts and keying assignments. */
const statements = [
  `create table scan_uploads (
    id uuid primary key default gen_random_uuid(),
    book_id uuid not null references books (id),
    custodian_unit_id uuid not null references administrative_units (id),
    file_name text not null,
    sha256 text not null,
    size bigint not null,
    mime_type text not null,
    page_count integer not null,
    job_id uuid references jobs (id),
    created_by uuid references users (id),
    created_at timestamptz not null default now()
  )`,
  `create index scan_uploads_book on scan_uploads (book_id, sha256)`,
  `create table book_pages (
    id uuid primary key default gen_random_uuid(),
    book_id uuid not null references books (id),
    custodian_unit_id uuid not null references administrative_units (id),
    position integer not null check (position > 0),
    upload_id uuid not null references scan_uploads (id),
    source_page integer not null,
    status text not null default 'pending' check (status in ('pending', 'ready', 'failed')),
    error text,
    base_sha256 text,
    image_sha256 text,
    thumb_sha256 text,
    width integer,
    height integer,
    rotation integer not null default 0 check (rotation in (0, 90, 180, 270)),
    kind text not null default 'page' check (kind in ('page', 'blank', 'cover')),
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- Checked at the end of each statement so that one UPDATE can permute positions (reorder).
    constraint book_pages_position unique (book_id, position) deferrable initially immediate
  )`,
  `create index book_pages_upload on book_pages (upload_id, source_page)`,
  `create index book_pages_pending on book_pages (status) where status = 'pending'`,
  `create table entry_pages (
    entry_id uuid not null references entries (id),
    page_id uuid not null references book_pages (id),
    ordinal smallint not null check (ordinal in (1, 2)),
    primary key (entry_id, page_id)
  )`,
  `create index entry_pages_page on entry_pages (page_id)`,
  `create table entry_drafts (
    client_txn_id text primary key,
    user_id uuid not null references users (id),
    book_id uuid not null references books (id),
    custodian_unit_id uuid not null references administrative_units (id),
    fields jsonb not null,
    page_ids jsonb not null default '[]'::jsonb,
    revision integer not null default 1,
    saved_at timestamptz not null default now()
  )`,
  `create index entry_drafts_user_book on entry_drafts (user_id, book_id, saved_at)`,
  `create table book_assignments (
    book_id uuid not null references books (id),
    user_id uuid not null references users (id),
    assigned_by uuid references users (id),
    assigned_at timestamptz not null default now(),
    primary key (book_id, user_id)
  )`,
  `create index book_assignments_user on book_assignments (user_id)`,
  `create index entries_book_updated_by on entries (book_id, updated_by, updated_at)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['book_assignments', 'entry_drafts', 'entry_pages', 'book_pages', 'scan_uploads']) {
    await sql.raw(`drop table if exists ${table} cascade`).execute(db)
  }
  await sql.raw('drop index if exists entries_book_updated_by').execute(db)
}
