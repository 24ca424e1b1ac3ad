import { sql, type Kysely } from 'kysely'

/**
 * Weekly progress reports (issue 13): one per unit per ISO week (`week_start` is its Monday; due on
 * the Friday), a draft of the officer's texts until the unit's leader submits it, then frozen with
 * the figures as they stood (`figures`, jsonb). Deadlines per level of a province (weekday 1-7 ISO
 * and 'HH:MM', Vietnam time); a province without a row takes the defaults of the domain
 * (`DEFAULT_REPORT_DEADLINES`: commune Friday 15:00, district 16:00, province 17:00).
 */
const statements = [
  `create table weekly_reports (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references administrative_units (id),
    week_start date not null check (extract(isodow from week_start) = 1),
    phase_id uuid references campaign_phases (id),
    status text not null default 'draft' check (status in ('draft', 'submitted')),
    situation text not null default '',
    difficulties text not null default '',
    proposals text not null default '',
    budget text not null default '',
    figures jsonb,
    created_by uuid references users (id),
    updated_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    submitted_by uuid references users (id),
    submitted_at timestamptz,
    version integer not null default 1,
    constraint weekly_reports_once unique (unit_id, week_start),
    constraint weekly_reports_frozen check ((status = 'submitted') = (figures is not null and submitted_at is not null))
  )`,
  `create index weekly_reports_week on weekly_reports (week_start, unit_id)`,
  `create table weekly_report_deadlines (
    province_unit_id uuid not null references administrative_units (id),
    level text not null check (level in ('commune', 'district', 'province')),
    weekday integer not null check (weekday between 1 and 7),
    due_time text not null check (due_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    updated_by uuid references users (id),
    updated_at timestamptz not null default now(),
    primary key (province_unit_id, level)
  )`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['weekly_report_deadlines', 'weekly_reports']) await sql.raw(`drop table if exists ${table}`).execute(db)
}
