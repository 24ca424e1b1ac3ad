import type { Kysely, Transaction } from 'kysely'
import type { SessionList } from '@hts/domain'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from './service'

export interface SessionPolicy {
  /** Lifetime of a session from its login. */
  sessionHours: number
  /** Minutes without a request after which a session ends. */
  idleMinutes: number
}

/**
 * Ends every session of a user (an account locked by an administrator is signed out at once), or
 * every one but `except` (the token hash of the session that changed the password). Returns how
 * many ended.
 */
export async function endSessionsOf(trx: Transaction<Database>, userId: string, options: { except?: string } = {}): Promise<number> {
  let query = trx.deleteFrom('sessions').where('user_id', '=', userId)
  if (options.except !== undefined) query = query.where('id', '<>', options.except)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Sessions past their lifetime or idle for too long, as of `now`: they no longer count as open. */
export function sessionEnded(row: { expires_at: Date | string; last_seen_at: Date | string }, policy: SessionPolicy, now = Date.now()): 'expired' | 'idle' | undefined {
  if (new Date(row.expires_at).getTime() <= now) return 'expired'
  if (now - new Date(row.last_seen_at).getTime() > policy.idleMinutes * 60_000) return 'idle'
  return undefined
}

const sessionNotFound = () => new HttpError(404, 'session_not_found', 'Không tìm thấy phiên đăng nhập này (có thể đã kết thúc). Hãy tải lại danh sách.')

/** A user's own sessions: list them, end one, end all but the current one. Another user's session answers 404. */
export function createSessionService(db: Kysely<Database>, policy: SessionPolicy) {
  return {
    async list(user: AuthUser): Promise<SessionList> {
      const rows = await db
        .selectFrom('sessions')
        .select(['id', 'public_id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'browser'])
        .where('user_id', '=', user.id)
        .orderBy('last_seen_at', 'desc')
        .execute()
      const now = Date.now()
      const items = rows
        .filter((row) => row.id === user.sessionId || sessionEnded(row, policy, now) === undefined)
        .map((row) => ({
          id: row.public_id,
          createdAt: new Date(row.created_at).toISOString(),
          lastSeenAt: new Date(row.last_seen_at).toISOString(),
          expiresAt: new Date(row.expires_at).toISOString(),
          ip: row.ip,
          browser: row.browser,
          current: row.id === user.sessionId,
        }))
      return { items, idleMinutes: policy.idleMinutes, lifetimeHours: policy.sessionHours }
    },

    /** Ends one of the user's own sessions; `current` says it was the one making the request (a logout). */
    async end(user: AuthUser, publicId: string): Promise<{ current: boolean }> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('sessions')
          .where('public_id', '=', publicId)
          .where('user_id', '=', user.id)
          .returning('id')
          .executeTakeFirst()
        if (!row) throw sessionNotFound()
        const current = row.id === user.sessionId
        await recordAudit(trx, actorOf(user), { action: 'auth.session_ended', entityType: 'user', entityId: user.id, details: { session: publicId, current } })
        return { current }
      })
    },

    async endOthers(user: AuthUser): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const ended = await endSessionsOf(trx, user.id, { except: user.sessionId })
        await recordAudit(trx, actorOf(user), { action: 'auth.sessions_ended_others', entityType: 'user', entityId: user.id, details: { ended } })
        return ended
      })
    },
  }
}
export type SessionService = ReturnType<typeof createSessionService>

/**
 * "Chrome 131 trên Windows" from a User-Agent header: enough for a user to recognise their own
 * devices, without keeping the whole header. Unknown agents keep their first 80 characters.
 */
export function browserSummary(userAgent: string | undefined): string | null {
  const agent = (userAgent ?? '').trim()
  if (!agent) return null
  const version = (pattern: RegExp) => agent.match(pattern)?.[1]
  const browsers: Array<[string, RegExp]> = [
    ['Cốc Cốc', /coc_coc_browser\/(\d+)/i],
    ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
    ['Opera', /OPR\/(\d+)/],
    ['Firefox', /(?:Firefox|FxiOS)\/(\d+)/],
    ['Chrome', /(?:Chrome|CriOS)\/(\d+)/],
    ['Safari', /Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//],
  ]
  const found = browsers.find(([, pattern]) => pattern.test(agent))
  const systems: Array<[string, RegExp]> = [
    ['Android', /Android/],
    ['iOS', /iPhone|iPad|iPod/],
    ['Windows', /Windows/],
    ['macOS', /Mac OS X|Macintosh/],
    ['ChromeOS', /CrOS/],
    ['Linux', /Linux/],
  ]
  const system = systems.find(([, pattern]) => pattern.test(agent))?.[0]
  if (!found) return agent.slice(0, 80)
  const name = `${found[0]} ${version(found[1]) ?? ''}`.trim()
  return system ? `${name} trên ${system}` : name
}
