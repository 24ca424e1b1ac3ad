import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { isRole, type Role } from '@hts/domain'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { recordAudit } from '../audit'
import { recordLogin, reserveLoginAttempt, type LoginPolicy } from '../users'
import { dummyPasswordHash, verifyPassword } from './passwords'

const SEEN_REFRESH_MS = 60_000

export interface AuthUser {
  id: string
  username: string
  fullName: string
  role: Role
  unitId: string
  ip: string | null
}

const sessionKey = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * One answer for an unknown username, a locked account and a wrong password, given before the
 * password is checked when the account is locked: a guesser learns nothing, not even the lock.
 */
const invalidLogin = () =>
  new HttpError(401, 'invalid_login', 'Tên đăng nhập hoặc mật khẩu không đúng. Nếu nhập sai nhiều lần, chờ vài phút rồi thử lại hoặc liên hệ quản trị viên.')

export function createAuthService(db: Kysely<Database>, options: { sessionHours: number; login: LoginPolicy }) {
  return {
    /**
     * Checks the password once an attempt is reserved (reserveLoginAttempt): at most `maxFailures`
     * checks before a lock that ends by itself, later each time. A refused attempt still verifies a
     * dummy hash, so it takes as long as a wrong password.
     */
    async login(username: string, password: string, ip: string | null): Promise<{ token: string; userId: string }> {
      const user = await db.selectFrom('users').select(['id', 'unit_id']).where('username', '=', username.trim().toLowerCase()).executeTakeFirst()
      if (!user) {
        await verifyPassword(await dummyPasswordHash(), password)
        await recordAudit(db, null, { action: 'auth.login_failed', entityType: 'user', details: { username, reason: 'unknown_user' } })
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
        await trx
          .insertInto('sessions')
          .values({ id: sessionKey(token), user_id: user.id, expires_at: new Date(Date.now() + options.sessionHours * 3_600_000) })
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

    /** The user behind a session token, or undefined when it is unknown, expired or the account is locked. */
    async userForToken(token: string, ip: string | null): Promise<AuthUser | undefined> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.id as sessionId', 'sessions.expires_at', 'sessions.last_seen_at', 'users.id', 'users.username',
          'users.full_name', 'users.role', 'users.unit_id', 'users.locked'])
        .where('sessions.id', '=', sessionKey(token))
        .executeTakeFirst()
      if (!row || row.locked || new Date(row.expires_at) < new Date() || !isRole(row.role)) return undefined
      if (Date.now() - new Date(row.last_seen_at).getTime() > SEEN_REFRESH_MS) {
        await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', row.sessionId).execute()
      }
      return { id: row.id, username: row.username, fullName: row.full_name, role: row.role, unitId: row.unit_id, ip }
    },
  }
}
export type AuthService = ReturnType<typeof createAuthService>
