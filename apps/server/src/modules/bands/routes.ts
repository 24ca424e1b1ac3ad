import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { BandCorrectionBody, BandLayoutBody, BookBandLayoutView, IdParams, PageRulesView } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'

export function bandsRoutes(app: FastifyInstance, { authenticate, bands }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['bands']
  const keyer = [authenticate, requirePermission('entry.create')]

  r.get('/api/books/:id/band-layout', {
    schema: { tags, summary: 'Dải dòng và các cột của sổ viết tay (mỗi trường hợp một dải dòng ngang trang), cùng các chỉnh theo trang', params: IdParams, response: { 200: BookBandLayoutView } },
    preHandler: [authenticate, requirePermission('book.read')],
  }, async (request) => bands.getLayout(currentUser(request), request.params.id))

  r.put('/api/books/:id/band-layout', {
    schema: { tags, summary: 'Đánh dấu dải dòng và các cột của sổ (kèm phiên bản đã đọc; 409 khi người khác vừa lưu)', params: IdParams, body: BandLayoutBody, response: { 200: BookBandLayoutView } },
    preHandler: keyer,
  }, async (request) => bands.setLayout(currentUser(request), request.params.id, request.body))

  r.put('/api/pages/:id/band-correction', {
    schema: { tags, summary: 'Chỉnh dải dòng riêng của một trang ảnh (dịch lên/xuống, cao/thấp)', params: IdParams, body: BandCorrectionBody, response: { 200: BookBandLayoutView } },
    preHandler: keyer,
  }, async (request) => bands.setCorrection(currentUser(request), request.params.id, request.body))

  r.get('/api/pages/:id/rules', {
    schema: { tags, summary: 'Các đường kẻ ngang, dọc dò được trên ảnh trang (để bám khi đánh dấu)', params: IdParams, response: { 200: PageRulesView } },
    preHandler: [authenticate, requirePermission('book.read')],
  }, async (request) => bands.rules(currentUser(request), request.params.id))
}
