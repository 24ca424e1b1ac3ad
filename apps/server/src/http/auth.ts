import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { can, type Permission } from '@hts/domain'
import type { AuthService, AuthUser } from '../modules/auth/service'
import { forbidden, HttpError, refused } from './errors'

export const SESSION_COOKIE = 'hts_session'

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | undefined
  }
}

/** The signed-in user; routes behind `authenticate` can rely on it. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new HttpError(401, 'unauthenticated', 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn')
  return request.user
}

export function createAuthenticate(auth: AuthService): preHandlerAsyncHookHandler {
  return async function authenticate(request: FastifyRequest) {
    const token = request.cookies[SESSION_COOKIE]
    request.user = token ? await auth.userForToken(token, request.ip) : undefined
    currentUser(request)
  }
}

/** `refusal`: the 403's message when the generic one would not say what to do (e.g. who may submit a report). */
export function requirePermission(permission: Permission, refusal?: string): preHandlerAsyncHookHandler {
  return async function checkPermission(request: FastifyRequest, _reply: FastifyReply) {
    if (!can(currentUser(request), permission)) throw refusal ? refused(refusal) : forbidden()
  }
}
