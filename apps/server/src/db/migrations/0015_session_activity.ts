import { sql, type Kysely } from 'kysely'

/**
 * Sessions a user can see and end (issue 14): each session gets a public id (the primary key is the
 * token's SHA-256 and never leaves the server), the address it logged in from and a short summary of
 * the browser ("Chrome 131 trên Windows"). `last_seen_at` already exists; the idle timeout reads it.
 */
const statements = [
  'alter table sessions add column public_id uuid not null default gen_random_uuid()',
  'create unique index sessions_public_id on sessions (public_id)',
  'alter table sessions add column ip text',
  'alter table sessions add column browser text',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['browser', 'ip', 'public_id']) await sql.raw(`alter table sessions drop column if exists ${column}`).execute(db)
}
