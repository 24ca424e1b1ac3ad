import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { BookReviewSummary, BulkApproveBody, BulkApproveResult, IdParams, ReviewQueuePage, ReviewQueueQuery } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'

export function reviewRoutes(app: FastifyInstance, { authenticate, review }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['review']
  const reviewer = [authenticate, requirePermission('entry.review')]

  r.get('/api/review/queue', {
    schema: { tags, summary: 'Hàng chờ kiểm tra / phê duyệt của đơn vị (cũ nhất trước; không có trường hợp của chính mình)', querystring: ReviewQueueQuery, response: { 200: ReviewQueuePage } },
    preHandler: reviewer,
  }, async (request) => review.queue(currentUser(request), request.query))

  r.get('/api/books/:id/review', {
    schema: { tags, summary: 'Số trường hợp theo trạng thái của một sổ, và số bạn được phê duyệt', params: IdParams, response: { 200: BookReviewSummary } },
    preHandler: reviewer,
  }, async (request) => review.bookSummary(currentUser(request), request.params.id))

  r.post('/api/books/:id/approve-checked', {
    schema: { tags, summary: 'Phê duyệt hàng loạt các trường hợp đã kiểm tra của sổ (ghi nhật ký với danh sách mã)', params: IdParams, body: BulkApproveBody, response: { 200: BulkApproveResult } },
    preHandler: reviewer,
  }, async (request) => review.approveChecked(currentUser(request), request.params.id, request.body.expectedCount))
}
