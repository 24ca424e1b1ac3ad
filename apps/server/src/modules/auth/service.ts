import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { isRole, type Role } from '@hts/domain'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { recordAudit } from '../audit'
import { recordFailedLogin, recordLogin } from '../users'
import { dummyPasswordHash, verifyPassword } from './passwords'

export const MAX_FAILED_LOGINS = 5
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

const invalidLogin = () => new HttpError(401, 'invalid_login', 'Tên đăng nhập hoặc mật khẩu không đúng')
const lockedAccount = (reason: string | null) =>
  new HttpError(423, 'account_locked', `Tài khoản đã bị khóa${reason ? ` (${reason})` : ''}. Liên hệ quản trị viên để mở khóa.`)

export function createAuthService(db: Kysely<Database>, options: { sessionHours: number }) {
  return {
    /** Checks the password; after MAX_FAILED_LOGINS wrong passwords in a row the account locks. */
    async login(username: string, password: string, ip: string | null): Promise<{ token: string; userId: string }> {
      const user = await db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst()
      if (!user) {
        await verifyPassword(await dummyPasswordHash(), password)
        await recordAudit(db, null, { action: 'auth.login_failed', entityType: 'user', details: { username, reason: 'unknown_user' } })
        throw invalidLogin()
      }
      const actor = { id: user.id, unitId: user.unit_id, ip }
      if (user.locked) {
        await recordAudit(db, actor, { action: 'auth.login_refused_locked', entityType: 'user', entityId: user.id })
        throw lockedAccount(user.locked_reason)
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        const { failures, locks } = await db.transaction().execute(async (trx) => {
          const counted = await recordFailedLogin(trx, user.id, MAX_FAILED_LOGINS)
          const failures = counted.failures
          const locks = counted.locked
          await recordAudit(trx, actor, {
            action: locks ? 'auth.locked_after_failures' : 'auth.login_failed',
            entityType: 'user',
            entityId: user.id,
            details: { failures },
          })
          return { failures, locks }
        })
        if (locks) throw lockedAccount(`nhập sai mật khẩu ${failures} lần`)
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
