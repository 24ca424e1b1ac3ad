import { sql, type Kysely } from 'kysely'

/**
 * Login throttling (issue 14): a wrong-password lock that expires by itself, with a delay that grows
 * with each lock in a row (`lock_count`), so five guesses cannot keep `admin` out for good. The
 * administrator's lock (`locked`, with its reason) stays as it was and never expires.
 */
const statements = [
  'alter table users add column locked_until timestamptz',
  'alter table users add column lock_count integer not null default 0',
  // Locks left by wrong passwords before this change never ended: they become a 15-minute lock.
  `update users set locked = false, locked_reason = null, locked_at = null, lock_count = 1,
     locked_until = now() + interval '15 minutes'
   where locked and locked_reason like 'Nhập sai mật khẩu %'`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table users drop column if exists lock_count').execute(db)
  await sql.raw('alter table users drop column if exists locked_until').execute(db)
}
