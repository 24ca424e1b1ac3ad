import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { BookOcrUpdate, BookOcrView, IdParams, PageOcrView } from '@hts/domain'
import type { AppServices } from '../../app'
import { currentUser, requirePermission } from '../../http/auth'

/**
 * OCR pre-fill (issue 16). A page's proposals are for those who key or check (the service refuses
 * the others with 403); a book's OCR figures for whoever reads the book, its setting for whoever
 * edits the book.
 */
export function ocrRoutes(app: FastifyInstance, { authenticate, ocr }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['ocr']

  r.get('/api/pages/:id/ocr', {
    schema: { tags, summary: 'Các trường hợp đọc được trên trang ảnh bằng OCR (đề xuất cho người nhập, kèm độ tin cậy)', params: IdParams, response: { 200: PageOcrView } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => ocr.page(currentUser(request), request.params.id))

  r.post('/api/pages/:id/ocr', {
    schema: { tags, summary: 'Đọc lại trang ảnh bằng OCR (tác vụ nền)', params: IdParams, response: { 202: PageOcrView } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request, reply) => reply.code(202).send(await ocr.requestRead(currentUser(request), request.params.id)))

  r.get('/api/books/:id/ocr', {
    schema: { tags, summary: 'OCR của sổ: bật/tắt, số trang đã đọc, độ tin cậy và độ chính xác đo được', params: IdParams, response: { 200: BookOcrView } },
    preHandler: [authenticate, requirePermission('book.read')],
  }, async (request) => ocr.book(currentUser(request), request.params.id))

  r.put('/api/books/:id/ocr', {
    schema: { tags, summary: 'Bật hoặc tắt OCR của sổ (kèm version)', params: IdParams, body: BookOcrUpdate, response: { 200: BookOcrView } },
    preHandler: [authenticate, requirePermission('book.update')],
  }, async (request) => ocr.updateBook(currentUser(request), request.params.id, request.body))
}
