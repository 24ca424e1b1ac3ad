import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { isRole, type Role } from '@hts/domain'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { recordAudit } from '../audit'
import { recordLogin, reserveLoginAttempt, type LoginPolicy } from '../users'
import { dummyPasswordHash, verifyPassword } from './passwords'
import { browserSummary, createSessionService, sessionEnded, type SessionPolicy } from './sessions'

/** `last_seen_at` is written at most this often (not on every request); the idle timeout is measured from it. */
const SEEN_REFRESH_MS = 60_000

export interface AuthUser {
  id: string
  username: string
  fullName: string
  role: Role
  unitId: string
  ip: string | null
  /** The session's key (the token's SHA-256): server-side only, never sent to the client. */
  sessionId: string
  /** Read with the session (no query of its own per request): the account must change its password first. */
  mustChangePassword: boolean
}

const sessionKey = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * One answer for an unknown username, a locked account and a wrong password, given before the
 * password is checked when the account is locked: a guesser learns nothing, not even the lock.
 */
const invalidLogin = () =>
  new HttpError(401, 'invalid_login', 'Tên đăng nhập hoặc mật khẩu không đúng. Nếu nhập sai nhiều lần, chờ vài phút rồi thử lại hoặc liên hệ quản trị viên.')

/** An idle or expired session is deleted and answers this, so the web can say why the user must log in again. */
function sessionEndedError(reason: 'idle' | 'expired', policy: SessionPolicy): HttpError {
  return reason === 'idle'
    ? new HttpError(401, 'session_idle', `Phiên làm việc đã hết hạn do không hoạt động quá ${policy.idleMinutes} phút. Vui lòng đăng nhập lại.`)
    : new HttpError(401, 'session_expired', `Phiên làm việc đã hết thời hạn ${policy.sessionHours} giờ. Vui lòng đăng nhập lại.`)
}

export function createAuthService(db: Kysely<Database>, options: { sessionHours: number; idleMinutes?: number; login: LoginPolicy }) {
  const policy: SessionPolicy = { sessionHours: options.sessionHours, idleMinutes: options.idleMinutes ?? 30 }
  // Refreshing at most every minute, and at least twice within the idle limit when it is shorter.
  const seenRefreshMs = Math.min(SEEN_REFRESH_MS, (policy.idleMinutes * 60_000) / 2)
  return {
    sessions: createSessionService(db, policy),

    /**
     * Checks the password once an attempt is reserved (reserveLoginAttempt): at most `maxFailures`
     * checks before a lock that ends by itself, later each time. A refused attempt still verifies a
     * dummy hash, so it takes as long as a wrong password.
     */
    async login(username: string, password: string, ip: string | null, userAgent?: string): Promise<{ token: string; userId: string }> {
      const user = await db.selectFrom('users').select(['id', 'unit_id']).where('username', '=', username.trim().toLowerCase()).executeTakeFirst()
      if (!user) {
        await verifyPassword(await dummyPasswordHash(), password)
        // No account, so no actor: the address goes into the details (the audit screen shows it as the row's IP).
        await recordAudit(db, null, { action: 'auth.login_failed', entityType: 'user', details: { username, reason: 'unknown_user', ip } })
        throw invalidLogin()
      }
      const actor = { id: user.id, unitId: user.unit_id, ip }
      const attempt = await reserveLoginAttempt(db, user.id, options.login)
      if (!attempt) {
        await verifyPassword(await dummyPasswordHash(), password)
        await recordAudit(db, actor, { action: 'auth.login_refused_locked', entityType: 'user', entityId: user.id })
        throw invalidLogin()
      }
      // Every password actually checked leaves one row: auth.login, auth.login_failed or auth.locked_after_failures.
      if (!(await verifyPassword(attempt.passwordHash, password))) {
        await recordAudit(db, actor, {
          action: attempt.locks ? 'auth.locked_after_failures' : 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          details: { failures: attempt.attempt, ...(attempt.lockedUntil ? { lockedUntil: attempt.lockedUntil.toISOString() } : {}) },
        })
        throw invalidLogin()
      }
      const token = randomBytes(32).toString('base64url')
      await db.transaction().execute(async (trx) => {
        // The account's sessions that ended without a logout (idle, expired) go when it logs in again.
        const idleSince = new Date(Date.now() - policy.idleMinutes * 60_000)
        await trx.deleteFrom('sessions').where('user_id', '=', user.id)
          .where((eb) => eb.or([eb('expires_at', '<=', new Date()), eb('last_seen_at', '<', idleSince)]))
          .execute()
        await trx
          .insertInto('sessions')
          .values({
            id: sessionKey(token),
            user_id: user.id,
            expires_at: new Date(Date.now() + options.sessionHours * 3_600_000),
            ip,
            browser: browserSummary(userAgent),
          })
          .execute()
        await recordLogin(trx, user.id)
        await recordAudit(trx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id })
      })
      return { token, userId: user.id }
    },

    async logout(token: string, user: AuthUser): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', sessionKey(token)).execute()
      await recordAudit(db, { id: user.id, unitId: user.unitId, ip: user.ip }, { action: 'auth.logout', entityType: 'user', entityId: user.id })
    },

    /**
     * The user behind a session token, or undefined when it is unknown or the account is locked. A
     * session past its lifetime or idle longer than `idleMinutes` is deleted (audited) and answers 401
     * saying why; a live one has its last activity moved forward at most once a minute.
     */
    async userForToken(token: string, ip: string | null): Promise<AuthUser | undefined> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.id as sessionId', 'sessions.expires_at', 'sessions.last_seen_at', 'users.id', 'users.username',
          'users.full_name', 'users.role', 'users.unit_id', 'users.locked', 'users.must_change_password'])
        .where('sessions.id', '=', sessionKey(token))
        .executeTakeFirst()
      if (!row || row.locked || !isRole(row.role)) return undefined
      const now = Date.now()
      const ended = sessionEnded(row, policy, now)
      if (ended) {
        await db.transaction().execute(async (trx) => {
          const deleted = await trx.deleteFrom('sessions').where('id', '=', row.sessionId).returning('public_id').executeTakeFirst()
          // Requests sent at once on the same idle session: one of them records the end.
          if (deleted) {
            await recordAudit(trx, { id: row.id, unitId: row.unit_id, ip }, {
              action: ended === 'idle' ? 'auth.session_idle' : 'auth.session_expired',
              entityType: 'user',
              entityId: row.id,
              details: { session: deleted.public_id, lastSeenAt: new Date(row.last_seen_at).toISOString() },
            })
          }
        })
        throw sessionEndedError(ended, policy)
      }
      if (now - new Date(row.last_seen_at).getTime() > seenRefreshMs) {
        await db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('id', '=', row.sessionId).execute()
      }
      return { id: row.id, username: row.username, fullName: row.full_name, role: row.role, unitId: row.unit_id, ip, sessionId: row.sessionId, mustChangePassword: row.must_change_password }
    },
  }
}
export type AuthService = ReturnType<typeof createAuthService>
