import { sql, type Kysely } from 'kysely'

/**
 * The campaign (issue 13): the province's phases (window of registration months, book types,
 * units, dates, unit price, AQL), each unit's plan per phase (workflow draft → submitted →
 * approved / returned, lines per book type, team) and acceptance lots drawn for a defined phase
 * (`phase_id`; older lots keep only their free-text `phase`).
 */
const statements = [
  `create table campaign_phases (
    id uuid primary key default gen_random_uuid(),
    province_unit_id uuid not null references administrative_units (id),
    name text not null,
    window_from text not null check (window_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    window_to text not null check (window_to ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    book_types text[] not null,
    unit_ids uuid[],
    starts_on date not null,
    deadline date not null,
    unit_price_vnd integer not null check (unit_price_vnd >= 0),
    aql double precision not null,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    constraint campaign_phases_window check (window_from <= window_to),
    constraint campaign_phases_dates check (deadline >= starts_on),
    constraint campaign_phases_name unique (province_unit_id, name)
  )`,
  `create table campaign_plans (
    id uuid primary key default gen_random_uuid(),
    phase_id uuid not null references campaign_phases (id),
    unit_id uuid not null references administrative_units (id),
    status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
    starts_on date,
    ends_on date,
    team jsonb not null default '[]',
    entries_per_day double precision,
    note text,
    return_reason text,
    submitted_at timestamptz,
    decided_by uuid references users (id),
    decided_at timestamptz,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    constraint campaign_plans_once unique (phase_id, unit_id),
    constraint campaign_plans_dates check (ends_on is null or starts_on is null or ends_on >= starts_on)
  )`,
  `create index campaign_plans_unit on campaign_plans (unit_id)`,
  `create table campaign_plan_lines (
    plan_id uuid not null references campaign_plans (id) on delete cascade,
    book_type text not null,
    books_planned integer not null check (books_planned >= 0),
    entries_planned integer not null check (entries_planned >= 0),
    primary key (plan_id, book_type)
  )`,
  `alter table acceptance_lots add column phase_id uuid references campaign_phases (id)`,
  `create index acceptance_lots_phase on acceptance_lots (phase_id) where phase_id is not null`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table acceptance_lots drop column if exists phase_id').execute(db)
  for (const table of ['campaign_plan_lines', 'campaign_plans', 'campaign_phases']) await sql.raw(`drop table if exists ${table}`).execute(db)
}
