import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { EntryCreate, EntryListQuery, EntryPage, EntryTransitionBody, EntryUpdate, EntryValidation, EntryView, ValidateEntryBody, IdParams, EntrySaveRefusal } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { entryHistoryRoutes } from './history-routes'
import { presentEntrySummary } from './presenter'

export function entriesRoutes(app: FastifyInstance, services: AppServices): void {
  const { authenticate, books, entries } = services
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['entries']
  entryHistoryRoutes(app, services)

  r.get('/api/books/:id/entries', {
    schema: { tags, summary: 'Danh sách trường hợp của một sổ', params: IdParams, querystring: EntryListQuery, response: { 200: EntryPage } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => {
    const user = currentUser(request)
    const book = await books.getInScope(user, request.params.id)
    const { rows, total } = await entries.list(user, book, request.query)
    return { items: rows.map(presentEntrySummary), total, page: request.query.page, pageSize: request.query.pageSize }
  })

  r.post('/api/books/:id/entries', {
    schema: { tags, summary: 'Nhập trường hợp mới (lưu nháp; complete: true để lưu và hoàn thành trong một giao dịch)', params: IdParams, body: EntryCreate, response: { 200: EntryView, 201: EntryView, 422: EntrySaveRefusal } },
    preHandler: [authenticate, requirePermission('entry.create')],
  }, async (request, reply) => {
    const user = currentUser(request)
    const book = await books.getInScope(user, request.params.id)
    const { created, view } = await entries.create(user, book, request.body)
    return reply.code(created ? 201 : 200).send(view)
  })

  r.get('/api/entries/:id', {
    schema: { tags, summary: 'Một trường hợp (được ghi nhật ký truy cập)', params: IdParams, response: { 200: EntryView } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => entries.read(currentUser(request), request.params.id))

  r.put('/api/entries/:id', {
    schema: { tags, summary: 'Sửa trường hợp (kèm version; 409 nếu đã có bản mới hơn; complete: true để lưu và hoàn thành)', params: IdParams, body: EntryUpdate, response: { 200: EntryView, 422: EntrySaveRefusal } },
    preHandler: [authenticate, requirePermission('entry.update')],
  }, async (request) => entries.update(currentUser(request), request.params.id, request.body))

  r.post('/api/entries/:id/transitions', {
    schema: { tags, summary: 'Chuyển trạng thái theo bảng quy trình', params: IdParams, body: EntryTransitionBody, response: { 200: EntryView } },
    preHandler: [authenticate, requirePermission('entry.update')],
  }, async (request) => entries.transition(currentUser(request), request.params.id, request.body.action, request.body.version, request.body.reason))

  r.post('/api/entries/validate', {
    schema: { tags, summary: 'Kiểm tra một trường hợp theo các quy tắc, không lưu', body: ValidateEntryBody, response: { 200: EntryValidation } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => {
    const user = currentUser(request)
    const book = request.body.bookId ? await books.getInScope(user, request.body.bookId) : undefined
    return { issues: entries.validate(request.body.bookType, request.body.fields, book) }
  })
}
