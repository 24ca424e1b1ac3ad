/**
 * A user changes their own password; an account with `must_change_password` (the first
 * administrator's one-time password, an account an administrator created or reset) may do nothing
 * else until it has (issue 14).
 */
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { Kysely } from 'kysely'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { ChangePasswordBody, NoContent } from '@hts/domain'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { currentUser } from '../../http/auth'
import { recordAudit } from '../audit'
import { endSessionsOf, hashPassword, verifyPassword, type AuthUser } from '../auth'
import { clearLoginFailures, reserveLoginAttempt, type LoginPolicy } from './commands'
import type { PasswordPolicy } from './password-policy'

/** Routes an account that must change its password may still use. */
const ALLOWED_BEFORE_CHANGE = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/change-password'])

export function createPasswordChangeService(db: Kysely<Database>, passwords: PasswordPolicy, login: LoginPolicy) {
  return {
    /** Checks the current password, stores the new one and ends every other session of the account (this one stays). */
    async change(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
      const row = await db.selectFrom('users').innerJoin('administrative_units as u', 'u.id', 'users.unit_id')
        .select(['users.username', 'users.full_name', 'u.name as unit_name']).where('users.id', '=', user.id).executeTakeFirstOrThrow()
      // A guess of the current password counts like a login guess (someone at an unlocked screen must not
      // try passwords here without limit): the same reserved attempts and the same expiring lock.
      const attempt = await reserveLoginAttempt(db, user.id, login)
      if (!attempt) {
        await recordAudit(db, { id: user.id, unitId: user.unitId, ip: user.ip }, { action: 'auth.password_change_refused_locked', entityType: 'user', entityId: user.id })
        throw new HttpError(429, 'too_many_password_guesses', 'Đã nhập sai mật khẩu hiện tại quá nhiều lần. Vui lòng thử lại sau ít phút hoặc nhờ quản trị đặt lại mật khẩu.')
      }
      if (!(await verifyPassword(attempt.passwordHash, currentPassword))) {
        await recordAudit(db, { id: user.id, unitId: user.unitId, ip: user.ip }, {
          action: attempt.locks ? 'auth.locked_after_failures' : 'auth.password_change_failed',
          entityType: 'user',
          entityId: user.id,
          details: { failures: attempt.attempt },
        })
        throw new HttpError(400, 'wrong_password', 'Mật khẩu hiện tại không đúng', { fieldErrors: { currentPassword: 'Mật khẩu hiện tại không đúng' } })
      }
      // Right: a new password the policy refuses afterwards is not a guess.
      await clearLoginFailures(db, user.id)
      if (newPassword === currentPassword) {
        throw new HttpError(400, 'same_password', 'Mật khẩu mới phải khác mật khẩu hiện tại', { fieldErrors: { newPassword: 'Mật khẩu mới phải khác mật khẩu hiện tại' } })
      }
      passwords.check(newPassword, { username: row.username, fullName: row.full_name, unitName: row.unit_name }, 'newPassword')
      const passwordHash = await hashPassword(newPassword)
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: false, updated_at: new Date() }).where('id', '=', user.id).execute()
        const otherSessionsEnded = await endSessionsOf(trx, user.id, { except: user.sessionId })
        await recordAudit(trx, { id: user.id, unitId: user.unitId, ip: user.ip }, { action: 'auth.password_changed', entityType: 'user', entityId: user.id, details: { otherSessionsEnded } })
      })
    },
  }
}
export type PasswordChangeService = ReturnType<typeof createPasswordChangeService>

/** `authenticate`, then a 403 on any other route while the account must change its password. */
export function requirePasswordChanged(authenticate: preHandlerAsyncHookHandler): preHandlerAsyncHookHandler {
  return async function authenticateChanged(this: unknown, request: FastifyRequest, reply) {
    await authenticate.call(this as never, request, reply)
    const path = request.routeOptions.url ?? ''
    if (!ALLOWED_BEFORE_CHANGE.has(path) && currentUser(request).mustChangePassword) {
      throw new HttpError(403, 'password_change_required', 'Bạn phải đổi mật khẩu trước khi tiếp tục (POST /api/auth/change-password).')
    }
  }
}

export function passwordChangeRoutes(app: FastifyInstance, services: { authenticate: preHandlerAsyncHookHandler; passwordChange: PasswordChangeService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['auth']

  r.post('/api/auth/change-password', {
    schema: { tags, summary: 'Đổi mật khẩu của mình (các phiên khác kết thúc, phiên này vẫn dùng tiếp)', body: ChangePasswordBody, response: { 204: NoContent } },
    preHandler: [services.authenticate],
  }, async (request, reply) => {
    await services.passwordChange.change(currentUser(request), request.body.currentPassword, request.body.newPassword)
    return reply.code(204).send(null)
  })
}
