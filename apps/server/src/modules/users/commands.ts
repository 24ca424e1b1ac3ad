/** The users module's commands for other modules (auth): the only code outside users/service.ts that writes `users`. */
import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * Counts one wrong password in one statement (two guesses at once both count) and locks the account
 * when the count reaches `maxFailures`. Returns the count and whether the account is now locked.
 */
export async function recordFailedLogin(trx: Transaction<Database>, userId: string, maxFailures: number): Promise<{ failures: number; locked: boolean }> {
  const row = await trx
    .updateTable('users')
    .set({
      failed_login_count: sql`failed_login_count + 1`,
      locked: sql`locked or failed_login_count + 1 >= ${maxFailures}`,
      locked_at: sql`case when not locked and failed_login_count + 1 >= ${maxFailures} then now() else locked_at end`,
      locked_reason: sql`case when not locked and failed_login_count + 1 >= ${maxFailures} then 'Nhập sai mật khẩu ' || (failed_login_count + 1) || ' lần' else locked_reason end`,
    })
    .where('id', '=', userId)
    .returning(['failed_login_count', 'locked'])
    .executeTakeFirstOrThrow()
  return { failures: row.failed_login_count, locked: row.locked }
}

/** A successful login: the failure count starts over. */
export async function recordLogin(trx: Transaction<Database>, userId: string): Promise<void> {
  await trx.updateTable('users').set({ failed_login_count: 0, last_login_at: new Date() }).where('id', '=', userId).execute()
}
