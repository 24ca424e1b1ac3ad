import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { LockUserBody, ROLE_CODES, UserChangeList, UserList, UserView, type Role, IdParams } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { presentUser } from './service'

const NewUserBody = z.object({
  username: z.string().trim().regex(/^[a-z0-9._-]{3,50}$/i, { message: 'Tên đăng nhập 3-50 ký tự: chữ không dấu, số, dấu chấm, gạch' }),
  fullName: z.string().trim().min(1, 'Chưa nhập họ tên').max(200),
  role: z.enum(ROLE_CODES as [Role, ...Role[]], { message: 'Vai trò không hợp lệ' }),
  unitId: z.uuid({ message: 'Chưa chọn đơn vị' }),
  password: z.string().min(10, 'Mật khẩu phải có ít nhất 10 ký tự').max(200),
})

/** What a manager may change on an account (issue 14: the role must fit the unit, within the manager's powers). */
const UpdateUserBody = NewUserBody.pick({ fullName: true, role: true, unitId: true }).partial()

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

  r.post('/api/users/:id/unlock', {
    schema: { tags, summary: 'Mở khóa tài khoản', params: IdParams, response: { 200: UserView } },
    preHandler: [authenticate, requirePermission('user.manage')],
  }, async (request) => presentUser(await users.unlock(currentUser(request), request.params.id)))
}
