import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { IdParams, LoginBody, MeResponse, NoContent, permissionsOf, ROLES, SessionList, SessionsEnded, type MeView } from '@hts/domain'
import { currentUser, SESSION_COOKIE } from '../../http/auth'
import { HttpError } from '../../http/errors'
import type { LoginThrottle } from '../../config'
import type { AppServices } from '../../app'
import type { AuthUser } from './service'

export async function presentMe(services: AppServices, user: AuthUser): Promise<MeView> {
  const unit = await services.units.findById(user.unitId)
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    roleLabel: ROLES[user.role].label,
    unit: { id: user.unitId, code: unit?.code ?? '', name: unit?.name ?? '', level: unit?.level ?? 'commune' },
    permissions: [...permissionsOf(user.role)],
    passwordChangeRequired: user.mustChangePassword,
  }
}

/**
 * Login requests per client address and per username (@fastify/rate-limit's in-memory counters):
 * both are counted on every request, and either one over its limit answers 429.
 */
function loginThrottle(app: FastifyInstance, limits: LoginThrottle): preHandlerAsyncHookHandler {
  const timeWindow = limits.windowSeconds * 1000
  const accountOf = (request: FastifyRequest) => {
    const body = request.body as { username?: unknown } | undefined
    return `account:${typeof body?.username === 'string' ? body.username.trim().toLowerCase() : ''}`
  }
  const limiters = [
    app.createRateLimit({ max: limits.perAddress, timeWindow, keyGenerator: (request) => `address:${request.ip}` }),
    app.createRateLimit({ max: limits.perAccount, timeWindow, keyGenerator: accountOf }),
  ]
  return async (request, reply) => {
    const results = await Promise.all(limiters.map((limit) => limit(request)))
    const exceeded = results.flatMap((r) => (!r.isAllowed && r.isExceeded ? [r.ttlInSeconds] : []))
    if (exceeded.length === 0) return
    const wait = Math.max(1, ...exceeded)
    reply.header('retry-after', String(wait))
    const minutes = Math.ceil(wait / 60)
    throw new HttpError(429, 'too_many_logins', `Đăng nhập quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ${minutes} phút.`, { retryAfterSeconds: wait })
  }
}

export function authRoutes(app: FastifyInstance, services: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: services.config.cookieSecure,
    maxAge: services.config.sessionHours * 3600,
  }

  r.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Đăng nhập', body: LoginBody, response: { 200: MeResponse } },
    preHandler: [loginThrottle(app, services.config.login)],
  }, async (request, reply) => {
    const { token, userId } = await services.auth.login(request.body.username, request.body.password, request.ip, request.headers['user-agent'])
    const user = await services.auth.userForToken(token, request.ip)
    if (!user) throw new Error(`Session for ${userId} vanished right after login`)
    reply.setCookie(SESSION_COOKIE, token, cookieOptions)
    return { user: await presentMe(services, user) }
  })

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 204: NoContent } }, preHandler: [services.authenticate] }, async (request, reply) => {
    await services.auth.logout(request.cookies[SESSION_COOKIE] ?? '', currentUser(request))
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.code(204).send(null)
  })

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Tài khoản đang đăng nhập', response: { 200: MeResponse } }, preHandler: [services.authenticate] }, async (request) => ({
    user: await presentMe(services, currentUser(request)),
  }))

  // One's own sessions (issue 14): see where one is signed in, end a session left open elsewhere.
  r.get('/api/auth/sessions', {
    schema: { tags: ['auth'], summary: 'Các phiên đăng nhập đang mở của mình', response: { 200: SessionList } },
    preHandler: [services.authenticate],
  }, async (request) => services.auth.sessions.list(currentUser(request)))

  r.delete('/api/auth/sessions/:id', {
    schema: { tags: ['auth'], summary: 'Đăng xuất một phiên của mình (phiên của người khác: 404)', params: IdParams, response: { 204: NoContent } },
    preHandler: [services.authenticate],
  }, async (request, reply) => {
    const { current } = await services.auth.sessions.end(currentUser(request), request.params.id)
    if (current) reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.code(204).send(null)
  })

  r.post('/api/auth/sessions/end-others', {
    schema: { tags: ['auth'], summary: 'Đăng xuất mọi phiên khác của mình', response: { 200: SessionsEnded } },
    preHandler: [services.authenticate],
  }, async (request) => ({ ended: await services.auth.sessions.endOthers(currentUser(request)) }))
}
