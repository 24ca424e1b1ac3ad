import { sql, type Kysely } from 'kysely'

/**
 * Several server processes on one database (issue 17). `jobs.claimed_by` names the process running a
 * job (host/pid/random), so an operator sees which instance holds it; `periodic_runs` records when
 * each housekeeping task last started: an instance runs a task only when nobody has in its period,
 * so two instances (or a restart) do not run the audit chain check or the statistics twice.
 */
const statements = [
  'alter table jobs add column claimed_by text',
  // Off-site copies of backups (BACKUP_S3_BUCKET): when the copy reached the bucket, or why it did not.
  'alter table backups add column offsite_at timestamptz',
  'alter table backups add column offsite_error text',
  `create table periodic_runs (
    name text primary key,
    started_at timestamptz not null,
    finished_at timestamptz,
    holder text not null,
    error text
  )`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists periodic_runs').execute(db)
  await sql.raw('alter table jobs drop column if exists claimed_by').execute(db)
  await sql.raw('alter table backups drop column if exists offsite_at, drop column if exists offsite_error').execute(db)
}
