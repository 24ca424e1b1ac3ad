import { sql, type Kysely } from 'kysely'

/**
 * Backups (issue 17): one row per backup the server took (on its schedule, for an administrator, or
 * for `npm run backup` while it runs), with its file, size, checksum, duration and outcome. At most
 * one backup runs at a time, whichever server process takes it (the partial unique index); one whose
 * heartbeat stopped was left by a dead process and is marked failed by the next run.
 */
const statements = [
  `create table backups (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('hourly', 'daily', 'manual', 'cli')),
    status text not null default 'running' check (status in ('running', 'succeeded', 'failed', 'pruned')),
    engine text not null check (engine in ('pglite', 'postgres')),
    path text,
    size_bytes bigint,
    sha256 text,
    duration_ms integer,
    files integer,
    files_copied integer,
    started_by uuid references users(id),
    started_at timestamptz not null default now(),
    heartbeat_at timestamptz not null default now(),
    finished_at timestamptz,
    verified_at timestamptz,
    error text
  )`,
  `create unique index backups_one_running on backups ((true)) where status = 'running'`,
  'create index backups_started on backups (started_at desc)',
  'create index backups_kind_status on backups (kind, status, started_at desc)',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists backups').execute(db)
}
