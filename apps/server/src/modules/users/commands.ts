/** The users module's commands for other modules (auth): the only code outside users/service.ts that writes `users`. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'

export interface LoginPolicy {
  maxFailures: number
  /** Delay of the 1st, 2nd... lock in a row, in seconds; past the end the last one repeats. */
  lockSeconds: readonly number[]
}

export interface LoginAttempt {
  /** The attempt's number since the last success (1 after an expired lock). */
  attempt: number
  /** This attempt used the last one allowed: the account is locked until `lockedUntil` unless it succeeds. */
  locks: boolean
  lockedUntil: Date | null
  passwordHash: string
}

/**
 * Reserves one password check before it is made, in one statement: nothing is reserved while the
 * account is locked (by an administrator or until `locked_until`) or its `maxFailures` attempts are
 * taken, so requests sent at once can never check more. The last attempt arms the lock at once (a
 * success lifts it); an expired lock starts the count over. Undefined when no attempt is left.
 */
export async function reserveLoginAttempt(db: Kysely<Database>, userId: string, policy: LoginPolicy): Promise<LoginAttempt | undefined> {
  const expired = sql<boolean>`coalesce(locked_until <= now(), false)`
  const attempt = sql<number>`case when ${expired} then 1 else failed_login_count + 1 end`
  const delays = policy.lockSeconds.length > 0 ? policy.lockSeconds : [60]
  const last = sql`${delays[delays.length - 1] ?? 60}::double precision`
  const delay = delays.length === 1
    ? last
    : sql`case ${sql.join(delays.slice(0, -1).map((seconds, i) => sql`when lock_count = ${i} then ${seconds}::double precision `), sql``)}else ${last} end`
  const row = await db
    .updateTable('users')
    .set({
      failed_login_count: attempt,
      lock_count: sql`case when ${attempt} >= ${policy.maxFailures} then lock_count + 1 else lock_count end`,
      locked_until: sql`case when ${attempt} >= ${policy.maxFailures} then now() + ${delay} * interval '1 second' when ${expired} then null else locked_until end`,
    })
    .where('id', '=', userId)
    .where('locked', '=', false)
    // Parenthesised whole: Kysely joins a raw condition to the others with `and` as it is.
    .where(sql<boolean>`((locked_until is null and failed_login_count < ${policy.maxFailures}) or ${expired})`)
    .returning(['failed_login_count', 'locked_until', 'password_hash'])
    .executeTakeFirst()
  if (!row) return undefined
  const lockedUntil = row.locked_until === null ? null : new Date(row.locked_until)
  return { attempt: row.failed_login_count, locks: lockedUntil !== null, lockedUntil, passwordHash: row.password_hash }
}

/** The right password given outside a login (a password change): the attempts start over, the login time stays. */
export async function clearLoginFailures(db: Kysely<Database> | Transaction<Database>, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_login_count: 0, lock_count: 0, locked_until: null }).where('id', '=', userId).where('locked', '=', false).execute()
}

/** A successful login: the attempts start over and a lock armed by a wrong guess sent with it is lifted. */
export async function recordLogin(trx: Transaction<Database>, userId: string): Promise<void> {
  await trx.updateTable('users').set({ failed_login_count: 0, lock_count: 0, locked_until: null, last_login_at: new Date() }).where('id', '=', userId).execute()
}
