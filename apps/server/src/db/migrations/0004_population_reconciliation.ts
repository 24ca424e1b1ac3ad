import { sql, type Kysely } from 'kysely'

/**
 * Population extracts handed over by the police, and the reconciliation of entries with them
 * (DOMAIN.md §9). Population rows carry their folded name keys and blocking keys so that
 * candidates are found by btree lookups (never a similarity scan over the whole table); scoring
 * happens in TypeScript. Rows have no foreign key: a 10-million-row load must not pay a key check
 * per row; each extract's rows are a partition of their own, indexed after loading.
 */
const statements = [
  `create table population_extracts (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references administrative_units (id),
    source text not null,
    extract_date date not null,
    file_name text,
    status text not null default 'loading' check (status in ('loading', 'active', 'replaced', 'failed')),
    row_count integer not null default 0,
    rejected_count integer not null default 0,
    mapping jsonb not null default '{}'::jsonb,
    errors jsonb not null default '[]'::jsonb,
    job_id uuid,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    activated_at timestamptz,
    replaced_at timestamptz
  )`,
  `create index population_extracts_unit on population_extracts (unit_id, status)`,
  // One partition per extract (see modules/population/loader.ts): an extract is loaded into its own
  // table without indexes, indexed once, then attached; a replaced extract is detached and dropped.
  `create sequence population_people_id_seq`,
  `create table population_people (
    id bigint not null default nextval('population_people_id_seq'),
    extract_id uuid not null,
    row_number integer not null,
    personal_id text,
    full_name text not null,
    name_canon text not null,
    name_folded text not null,
    birth_key text,
    birth_year smallint,
    sex text,
    birthplace text,
    birthplace_parts text,
    home_town text,
    ethnicity text,
    nationality text,
    residence text,
    mother_name text,
    mother_canon text,
    mother_folded text,
    mother_personal_id text,
    father_name text,
    father_canon text,
    father_folded text,
    father_personal_id text,
    key_date_surname text,
    key_date_given text,
    key_name_year text,
    key_name_ym text,
    key_name_yd text,
    key_name_md text
  ) partition by list (extract_id)`,
  // Value frequencies per extract: the u-probabilities of the matching model.
  `create table population_stats (
    extract_id uuid not null,
    kind text not null,
    key text not null,
    n integer not null,
    primary key (extract_id, kind, key)
  )`,
  `create table reconciliation_settings (
    unit_id uuid primary key references administrative_units (id),
    link_probability double precision not null,
    review_probability double precision not null,
    prior_in_population double precision not null,
    updated_by uuid references users (id),
    updated_at timestamptz not null default now()
  )`,
  // Results are written 500 at a time by the batch, with ids read from the entries themselves:
  // foreign keys here would triple the cost of each write (one check per row and key) on PGlite.
  `create table reconciliation_results (
    id uuid primary key default gen_random_uuid(),
    entry_id uuid not null unique,
    book_id uuid not null,
    custodian_unit_id uuid not null,
    job_id uuid,
    source text not null check (source in ('local', 'http')),
    outcome text not null check (outcome in ('match', 'mismatch', 'not_found', 'ambiguous', 'not_checked')),
    probability double precision,
    -- json, not jsonb: written 500 at a time and read whole, never queried inside (PGlite writes it faster).
    candidates json not null default '[]'::json,
    chosen_index integer,
    differences jsonb not null default '[]'::jsonb,
    message text,
    population_size integer,
    decision text not null default 'pending' check (decision in ('pending', 'confirmed', 'overridden')),
    final_outcome text check (final_outcome in ('match', 'mismatch', 'not_found')),
    linked_personal_id text,
    linked_person jsonb,
    decided_by uuid references users (id),
    decided_at timestamptz,
    decision_note text,
    checked_at timestamptz not null default now(),
    version integer not null default 1
  )`,
  `create index reconciliation_results_book on reconciliation_results (book_id, outcome)`,
  // A batch walks a book's entries in id order, 500 at a time: without this each step would sort the whole book.
  `create index entries_book_id_order on entries (book_id, id)`,
  `create index reconciliation_results_unit on reconciliation_results (custodian_unit_id, final_outcome)`,
  `create table followup_cases (
    id uuid primary key default gen_random_uuid(),
    entry_id uuid not null references entries (id),
    result_id uuid references reconciliation_results (id),
    book_id uuid not null references books (id),
    custodian_unit_id uuid not null references administrative_units (id),
    personal_id text,
    subject_name text,
    subject_name_folded text,
    differences jsonb not null default '[]'::jsonb,
    status text not null default 'new' check (status in ('new', 'verifying', 'guided', 'resolved_book', 'resolved_population')),
    assignee_id uuid references users (id),
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    resolved_at timestamptz,
    version integer not null default 1
  )`,
  `create index followup_cases_unit on followup_cases (custodian_unit_id, status, created_at)`,
  // One open case per entry; a resolved case may be followed by a new one.
  `create unique index followup_cases_open_entry on followup_cases (entry_id) where status in ('new', 'verifying', 'guided')`,
  `create table followup_notes (
    id bigint generated always as identity primary key,
    case_id uuid not null references followup_cases (id),
    author_id uuid references users (id),
    text text not null,
    from_status text,
    to_status text,
    created_at timestamptz not null default now()
  )`,
  `create index followup_notes_case on followup_notes (case_id, id)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists entries_book_id_order').execute(db)
  for (const table of ['followup_notes', 'followup_cases', 'reconciliation_results', 'reconciliation_settings', 'population_stats', 'population_people', 'population_extracts']) {
    await sql.raw(`drop table if exists ${table} cascade`).execute(db)
  }
  await sql.raw('drop sequence if exists population_people_id_seq').execute(db)
}
