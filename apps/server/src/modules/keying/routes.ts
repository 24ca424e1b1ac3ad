import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { AssignmentList, DraftList, DuplicateCheckBody, DuplicateCheckView, DraftSaved, DraftView, NextEntryView, NoContent, NumberingView, QueueView, ValuesView, IdParams } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { AssignBody, AssignmentParams, ClientTxnParams, DraftBody, DraftListQuery, NumberingQuery, ValuesQuery } from './schemas'
import { fieldValues } from './values'

export function keyingRoutes(app: FastifyInstance, { authenticate, books, keying, db }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['keying']

  r.get('/api/books/:id/numbering', {
    schema: { tags, summary: 'Số còn thiếu và số trùng theo năm (gaps in số)', params: IdParams, querystring: NumberingQuery, response: { 200: NumberingView } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => keying.numbering(await books.getInScope(currentUser(request), request.params.id), request.query.year))

  r.post('/api/books/:id/duplicate-check', {
    schema: {
      tags,
      summary: 'Kiểm tra trùng khi đang nhập: số đã dùng trong năm, cùng một sự kiện đã nhập (không chặn việc lưu)',
      params: IdParams, body: DuplicateCheckBody, response: { 200: DuplicateCheckView },
    },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => {
    const user = currentUser(request)
    return keying.duplicates(user, await books.getInScope(user, request.params.id), request.body.fields, request.body.excludeEntryId)
  })

  r.get('/api/books/:id/next-entry', {
    schema: { tags, summary: 'Giá trị điền sẵn cho trường hợp kế tiếp của sổ (carry-forward)', params: IdParams, response: { 200: NextEntryView } },
    preHandler: [authenticate, requirePermission('entry.create')],
  }, async (request) => {
    const user = currentUser(request)
    return keying.nextEntry(user, await books.getInScope(user, request.params.id))
  })

  r.get('/api/books/:id/values', {
    schema: { tags, summary: 'Gợi ý cho ô địa danh/chữ: giá trị đã nhập trong sổ và tên đơn vị hành chính của tỉnh', params: IdParams, querystring: ValuesQuery, response: { 200: ValuesView } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => {
    const user = currentUser(request)
    return { items: await fieldValues(db.kysely, user, await books.getInScope(user, request.params.id), request.query.field) }
  })

  r.put('/api/drafts/:clientTxnId', {
    schema: {
      tags,
      summary: 'Lưu nháp trên máy chủ cho trường hợp chưa tạo (tự động mỗi vài giây)',
      description: 'Khóa là clientTxnId sẽ dùng khi tạo trường hợp; khi tạo trường hợp với clientTxnId đó, bản nháp bị xóa. 409 {entryId} nếu trường hợp đã được tạo.',
      params: ClientTxnParams, body: DraftBody, response: { 200: DraftSaved },
    },
    preHandler: [authenticate, requirePermission('entry.create')],
  }, async (request) => keying.drafts.save(currentUser(request), request.params.clientTxnId, request.body))

  r.get('/api/drafts/:clientTxnId', {
    schema: { tags, summary: 'Khôi phục bản nháp của mình', params: ClientTxnParams, response: { 200: DraftView } },
    preHandler: [authenticate, requirePermission('entry.create')],
  }, async (request) => keying.drafts.get(currentUser(request), request.params.clientTxnId))

  r.get('/api/drafts', {
    schema: { tags, summary: 'Các bản nháp chưa lưu của mình (mới nhất trước)', querystring: DraftListQuery, response: { 200: DraftList } },
    preHandler: [authenticate, requirePermission('entry.create')],
  }, async (request) => ({ items: await keying.drafts.list(currentUser(request), request.query.bookId) }))

  r.delete('/api/drafts/:clientTxnId', {
    schema: { tags, summary: 'Bỏ bản nháp', params: ClientTxnParams, response: { 204: NoContent } },
    preHandler: [authenticate, requirePermission('entry.create')],
  }, async (request, reply) => {
    await keying.drafts.discard(currentUser(request), request.params.clientTxnId)
    return reply.code(204).send(null)
  })

  r.get('/api/keying/queue', {
    schema: { tags, summary: 'Sổ được giao cho tôi và chỗ đã dừng', response: { 200: QueueView } },
    preHandler: [authenticate, requirePermission('entry.create')],
  }, async (request) => ({ items: await keying.queue.queue(currentUser(request)) }))

  r.get('/api/books/:id/assignments', {
    schema: { tags, summary: 'Người được giao nhập sổ', params: IdParams, response: { 200: AssignmentList } },
    preHandler: [authenticate, requirePermission('book.read')],
  }, async (request) => ({ items: await keying.queue.assignments(await books.getInScope(currentUser(request), request.params.id)) }))

  r.post('/api/books/:id/assignments', {
    schema: { tags, summary: 'Giao sổ cho người nhập liệu', params: IdParams, body: AssignBody, response: { 201: AssignmentList } },
    preHandler: [authenticate, requirePermission('book.assign')],
  }, async (request, reply) => {
    const user = currentUser(request)
    const book = await books.getInScope(user, request.params.id)
    await keying.queue.assign(user, book, request.body.userId)
    return reply.code(201).send({ items: await keying.queue.assignments(book) })
  })

  r.delete('/api/books/:id/assignments/:userId', {
    schema: { tags, summary: 'Thôi giao sổ', params: AssignmentParams, response: { 204: NoContent } },
    preHandler: [authenticate, requirePermission('book.assign')],
  }, async (request, reply) => {
    const user = currentUser(request)
    await keying.queue.unassign(user, await books.getInScope(user, request.params.id), request.params.userId)
    return reply.code(204).send(null)
  })
}
