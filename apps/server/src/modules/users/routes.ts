import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { IdParams, LockUserBody, NewUserBody, ResetPasswordBody, UpdateUserBody, UserChangeList, UserList, UserView } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { presentUser } from './service'

export function usersRoutes(app: FastifyInstance, { authenticate, users }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['users']

  r.get('/api/users', { schema: { tags, summary: 'Tài khoản trong phạm vi', response: { 200: UserList } }, preHandler: [authenticate, requirePermission('user.read')] },
    async (request) => ({ items: (await users.list(currentUser(request))).map(presentUser) }))

  r.post('/api/users', { schema: { tags, summary: 'Tạo tài khoản', body: NewUserBody, response: { 201: UserView } }, preHandler: [authenticate, requirePermission('user.manage')] },
    async (request, reply) => reply.code(201).send(presentUser(await users.create(currentUser(request), request.body))))

  r.get('/api/users/changes', {
    schema: { tags, summary: 'Thay đổi tài khoản gần đây (tạo, đổi vai trò, đơn vị, khóa, mở khóa)', response: { 200: UserChangeList } },
    preHandler: [authenticate, requirePermission('audit.read')],
  }, async (request) => ({ items: await users.changes(currentUser(request)) }))

  r.patch('/api/users/:id', {
    schema: { tags, summary: 'Đổi họ tên, vai trò hoặc đơn vị của tài khoản', params: IdParams, body: UpdateUserBody, response: { 200: UserView } },
    preHandler: [authenticate, requirePermission('user.manage')],
  }, async (request) => presentUser(await users.update(currentUser(request), request.params.id, request.body)))

  r.post('/api/users/:id/lock', {
    schema: { tags, summary: 'Khóa tài khoản (người đã nghỉ, chuyển công tác)', params: IdParams, body: LockUserBody, response: { 200: UserView } },
    preHandler: [authenticate, requirePermission('user.manage')],
  }, async (request) => presentUser(await users.lock(currentUser(request), request.params.id, request.body.reason)))

  r.post('/api/users/:id/reset-password', {
    schema: { tags, summary: 'Đặt lại mật khẩu (mật khẩu tạm thời, phải đổi ở lần đăng nhập sau; các phiên đang mở kết thúc)', params: IdParams, body: ResetPasswordBody, response: { 200: UserView } },
    preHandler: [authenticate, requirePermission('user.manage')],
  }, async (request) => presentUser(await users.resetPassword(currentUser(request), request.params.id, request.body.password)))

  r.post('/api/users/:id/unlock', {
    schema: { tags, summary: 'Mở khóa tài khoản', params: IdParams, response: { 200: UserView } },
    preHandler: [authenticate, requirePermission('user.manage')],
  }, async (request) => presentUser(await users.unlock(currentUser(request), request.params.id)))
}
