import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { BookInput, BookListQuery, BookPage, BookUpdate, BookView, IdParams } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { presentBook } from './presenter'


export function booksRoutes(app: FastifyInstance, { authenticate, books }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['books']

  r.get('/api/books', {
    schema: { tags, summary: 'Danh sách sổ trong phạm vi của người dùng', querystring: BookListQuery, response: { 200: BookPage } },
    preHandler: [authenticate, requirePermission('book.read')],
  }, async (request) => {
    const { rows, total } = await books.list(currentUser(request), request.query)
    return { items: rows.map(presentBook), total, page: request.query.page, pageSize: request.query.pageSize }
  })

  r.post('/api/books', {
    schema: { tags, summary: 'Thêm sổ', body: BookInput, response: { 201: BookView } },
    preHandler: [authenticate, requirePermission('book.create')],
  }, async (request, reply) => {
    const book = await books.create(currentUser(request), request.body)
    return reply.code(201).send(presentBook(book))
  })

  r.get('/api/books/:id', {
    schema: { tags, summary: 'Một sổ', params: IdParams, response: { 200: BookView } },
    preHandler: [authenticate, requirePermission('book.read')],
  }, async (request) => presentBook(await books.getInScope(currentUser(request), request.params.id)))

  r.patch('/api/books/:id', {
    schema: { tags, summary: 'Sửa thông tin sổ (kèm version)', params: IdParams, body: BookUpdate, response: { 200: BookView } },
    preHandler: [authenticate, requirePermission('book.update')],
  }, async (request) => presentBook(await books.update(currentUser(request), request.params.id, request.body)))
}
