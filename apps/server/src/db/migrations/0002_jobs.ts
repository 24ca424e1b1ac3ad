import { sql, type Kysely } from 'kysely'

const statements = [
  `create table jobs (
    id uuid primary key default gen_random_uuid(),
    kind text not null,
    status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    unit_id uuid not null references administrative_units (id),
    created_by uuid references users (id),
    params jsonb not null default '{}'::jsonb,
    progress jsonb not null default '{}'::jsonb,
    result jsonb,
    error text,
    cancel_requested boolean not null default false,
    attempts integer not null default 0,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz,
    heartbeat_at timestamptz
  )`,
  `create index jobs_queue on jobs (status, created_at)`,
  `create index jobs_unit on jobs (unit_id, kind, created_at)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists jobs').execute(db)
}
