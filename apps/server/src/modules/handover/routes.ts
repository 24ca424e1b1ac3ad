import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { BookHandovers, HandoverBatchDetail, HandoverCreate, HandoverCreated, IdParams, PendingRehandoverList, UnitHandoverCreate, UnitHandoverQuery, UnitHandoverReady, UnitHandoverResult } from '@hts/domain'
import type { AppServices } from '../../app'
import { currentUser, requirePermission } from '../../http/auth'
import { sendDownload, ZIP_MIME } from '../exports'

/** Handing over is for those who export packages; who may take the transition is the table's (the service asks it). */
export function handoverRoutes(app: FastifyInstance, { authenticate, handover }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['handover']
  const guard = [authenticate, requirePermission('export.run')]

  r.post('/api/books/:id/handovers', {
    schema: { tags, summary: 'Chuyển giao các trường hợp đã phê duyệt của sổ thành một đợt (gói Excel theo mẫu Bộ Tư pháp + bản kê)', params: IdParams, body: HandoverCreate, response: { 201: HandoverCreated } },
    preHandler: guard,
  }, async (request, reply) => reply.code(201).send(await handover.create(currentUser(request), request.params.id, request.body)))

  r.get('/api/books/:id/handovers', {
    schema: { tags, summary: 'Các đợt chuyển giao của sổ (ai, khi nào, bao nhiêu) và số trường hợp sẵn sàng cho đợt sau', params: IdParams, response: { 200: BookHandovers } },
    preHandler: guard,
  }, async (request) => handover.list(currentUser(request), request.params.id))

  r.get('/api/unit-handovers/ready', {
    schema: { tags, summary: 'Các sổ của đơn vị có trường hợp đã phê duyệt chờ chuyển giao, và tổng số', querystring: UnitHandoverQuery, response: { 200: UnitHandoverReady } },
    preHandler: guard,
  }, async (request) => handover.unitReady(currentUser(request), request.query.unitId))

  r.post('/api/unit-handovers', {
    schema: { tags, summary: 'Chuyển giao cả đơn vị: một đợt cho mỗi sổ có trường hợp đã phê duyệt (409 khi tổng số đã thay đổi)', body: UnitHandoverCreate, response: { 201: UnitHandoverResult } },
    preHandler: guard,
  }, async (request, reply) => reply.code(201).send(await handover.createForUnit(currentUser(request), request.body)))

  r.get('/api/books/:id/handovers/pending-rehandover', {
    schema: { tags, summary: 'Trường hợp đã chuyển giao rồi được đính chính: chờ chuyển giao lại, với lý do đính chính', params: IdParams, response: { 200: PendingRehandoverList } },
    preHandler: guard,
  }, async (request) => handover.pending(currentUser(request), request.params.id))

  r.get('/api/handovers/:id', {
    schema: { tags, summary: 'Một đợt chuyển giao với bản kê (phiên bản và SHA-256 của từng trường hợp)', params: IdParams, response: { 200: HandoverBatchDetail } },
    preHandler: guard,
  }, async (request) => handover.get(currentUser(request), request.params.id))

  r.post('/api/handovers/:id/pdfs', {
    schema: { tags, summary: 'Tạo lại các tệp PDF của đợt chuyển giao khi tác vụ tạo PDF bị lỗi hoặc bị huỷ', params: IdParams, response: { 200: HandoverBatchDetail } },
    preHandler: guard,
  }, async (request) => handover.rebuildPdfs(currentUser(request), request.params.id))

  r.get('/api/handovers/:id/package.zip', {
    schema: { tags, summary: 'Gói của đợt chuyển giao: Excel đúng các phiên bản đã chuyển giao, zip các tệp PDF từng trường hợp, danh sách thiếu bản quét và manifest.json (409 khi PDF đang được tạo)', params: IdParams },
    preHandler: guard,
  }, async (request, reply) => {
    const file = await handover.packageZip(currentUser(request), request.params.id)
    return sendDownload(reply, file.body, file.fileName, ZIP_MIME)
  })
}
