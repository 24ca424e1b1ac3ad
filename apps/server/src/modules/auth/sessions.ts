import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'

/** Ends every session of a user (an account locked by an administrator is signed out at once). */
export async function endSessionsOf(trx: Transaction<Database>, userId: string): Promise<void> {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
}
