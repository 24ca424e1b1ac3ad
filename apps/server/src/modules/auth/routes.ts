import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { LoginBody, MeResponse, NoContent, permissionsOf, ROLES, type MeView } from '@hts/domain'
import { currentUser, SESSION_COOKIE } from '../../http/auth'
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

  r.post('/api/auth/login', { schema: { tags: ['auth'], summary: 'Đăng nhập', body: LoginBody, response: { 200: MeResponse } } }, async (request, reply) => {
    const { token, userId } = await services.auth.login(request.body.username, request.body.password, request.ip)
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
}
