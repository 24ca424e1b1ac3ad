/**
 * Sessions nobody came back to (issue 14): a session past its lifetime or idle longer than the idle
 * timeout is refused when it is used, but one never used again would stay in `sessions` for ever
 * (a token that stays valid in the table is a risk if the table leaks, and the list grows). Housekeeping
 * deletes them every hour, audited like an ended session (one row each, "sweep": true).
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit'
import type { PeriodicTask } from '../jobs'

export const SESSION_SWEEP_TASK = 'sessions.sweep'

export async function sweepSessions(db: Kysely<Database>, idleMinutes: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.user_id', 'users.unit_id', 'sessions.public_id', 'sessions.last_seen_at', sql<boolean>`sessions.expires_at <= now()`.as('expired')])
      .where((eb) => eb.or([eb('sessions.expires_at', '<=', sql<Date>`now()`), eb('sessions.last_seen_at', '<', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)]))
      .forUpdate('sessions')
      .skipLocked()
      .execute()
    if (ended.length === 0) return 0
    await trx.deleteFrom('sessions').where('id', 'in', ended.map((s) => s.id)).execute()
    for (const session of ended) {
      await recordAudit(trx, { id: session.user_id, unitId: session.unit_id, ip: null }, {
        action: session.expired ? 'auth.session_expired' : 'auth.session_idle',
        entityType: 'user',
        entityId: session.user_id,
        details: { session: session.public_id, lastSeenAt: new Date(session.last_seen_at).toISOString(), sweep: true },
      })
    }
    return ended.length
  })
}

export function createSessionSweepTask(idleMinutes: number): PeriodicTask {
  return { name: SESSION_SWEEP_TASK, everyMs: 60 * 60_000, run: (db) => sweepSessions(db, idleMinutes) }
}
