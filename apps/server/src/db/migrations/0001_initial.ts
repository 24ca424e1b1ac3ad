import { sql, type Kysely } from 'kysely'

/** One statement per item: PGlite's extended protocol runs a single statement per query. */
const statements = [
  `create table administrative_units (
    id uuid primary key default gen_random_uuid(),
    code text not null,
    name text not null,
    name_folded text not null,
    level text not null check (level in ('province', 'district', 'commune')),
    parent_id uuid references administrative_units (id),
    valid_from date,
    valid_to date,
    version_date date,
    source text,
    created_at timestamptz not null default now(),
    -- A code means nothing without its version date (2025 reform reuses codes with new names).
    constraint administrative_units_code_version unique nulls not distinct (level, code, valid_from)
  )`,
  `create index administrative_units_parent on administrative_units (parent_id)`,
  `create table unit_successions (
    predecessor_id uuid not null references administrative_units (id),
    successor_id uuid not null references administrative_units (id),
    effective_date date,
    primary key (predecessor_id, successor_id)
  )`,
  `create table registration_offices (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    unit_id uuid not null references administrative_units (id),
    valid_from date,
    valid_to date
  )`,
  `create table users (
    id uuid primary key default gen_random_uuid(),
    username text not null unique,
    full_name text not null,
    password_hash text not null,
    role text not null,
    unit_id uuid not null references administrative_units (id),
    locked boolean not null default false,
    locked_reason text,
    locked_at timestamptz,
    failed_login_count integer not null default 0,
    last_login_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create table sessions (
    id text primary key,
    user_id uuid not null references users (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    last_seen_at timestamptz not null default now()
  )`,
  `create index sessions_user on sessions (user_id)`,
  `create table audit_events (
    id bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    user_id uuid,
    unit_id uuid,
    action text not null,
    entity_type text not null,
    entity_id text,
    details jsonb not null default '{}'::jsonb,
    ip text
  )`,
  `create index audit_events_entity on audit_events (entity_type, entity_id)`,
  `create index audit_events_user_time on audit_events (user_id, occurred_at)`,
  `create function refuse_change() returns trigger language plpgsql as $$
   begin
     raise exception '% is append-only or never deleted', tg_table_name;
   end $$`,
  `create trigger audit_events_append_only before update or delete on audit_events
   for each row execute function refuse_change()`,
  `create trigger users_never_deleted before delete on users
   for each row execute function refuse_change()`,
  `create table books (
    id uuid primary key default gen_random_uuid(),
    book_type text not null,
    volume text not null,
    year integer not null,
    issuing_authority text not null,
    issuing_unit_id uuid references administrative_units (id),
    custodian_unit_id uuid not null references administrative_units (id),
    opened_on date,
    closed_on date,
    page_count integer,
    paper_size text check (paper_size in ('A3', 'A4')),
    condition text not null default 'intact' check (condition in ('intact', 'damaged', 'lost')),
    condition_note text,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    constraint books_identity unique (custodian_unit_id, issuing_authority, book_type, volume)
  )`,
  `create index books_custodian on books (custodian_unit_id, book_type, year)`,
  `create table entries (
    id uuid primary key default gen_random_uuid(),
    book_id uuid not null references books (id),
    custodian_unit_id uuid not null references administrative_units (id),
    book_type text not null,
    so integer,
    trang_so integer,
    registration_date date,
    registration_date_precision text check (registration_date_precision in ('day', 'month', 'year')),
    registration_year integer,
    status text not null,
    fields jsonb not null,
    subject_name text,
    subject_name_folded text,
    subject_birth_date date,
    subject_birth_precision text check (subject_birth_precision in ('day', 'month', 'year')),
    subject_personal_id text,
    -- Set by the client on create so that a retried save never makes a second entry.
    client_txn_id text unique,
    version integer not null default 1,
    created_by uuid references users (id),
    updated_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index entries_book_number on entries (book_id, registration_year, so)`,
  `create index entries_numbering on entries (custodian_unit_id, book_type, registration_year, so)`,
  `create index entries_subject_name on entries (subject_name_folded text_pattern_ops)`,
  `create index entries_subject_birth on entries (subject_birth_date)`,
  `create index entries_subject_personal_id on entries (subject_personal_id)`,
  `create table entry_revisions (
    id bigint generated always as identity primary key,
    entry_id uuid not null references entries (id),
    version integer not null,
    status text not null,
    fields jsonb not null,
    change_kind text not null,
    changed_by uuid references users (id),
    changed_at timestamptz not null default now(),
    unique (entry_id, version)
  )`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['entry_revisions', 'entries', 'books', 'audit_events', 'sessions', 'users',
    'registration_offices', 'unit_successions', 'administrative_units']) {
    await sql.raw(`drop table if exists ${table} cascade`).execute(db)
  }
  await sql.raw('drop function if exists refuse_change()').execute(db)
}
