import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { IdParams, LotCreate, LotDetail, LotListQuery, LotPage, SampleInspection } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { sendDownload } from '../exports'

const SampleParams = z.object({ id: z.uuid({ message: 'Mã lô không hợp lệ' }), entryId: z.uuid({ message: 'Mã trường hợp không hợp lệ' }) })

export function acceptanceRoutes(app: FastifyInstance, { authenticate, acceptance, acceptanceRecords }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['acceptance']
  const read = [authenticate, requirePermission('acceptance.read')]
  const run = [authenticate, requirePermission('acceptance.run')]

  r.get('/api/acceptance/lots', { schema: { tags, summary: 'Các lô nghiệm thu trong phạm vi đơn vị', querystring: LotListQuery, response: { 200: LotPage } }, preHandler: read },
    async (request) => acceptance.list(currentUser(request), request.query))

  r.post('/api/acceptance/lots', {
    schema: { tags, summary: 'Lập lô nghiệm thu: cỡ mẫu theo ISO 2859-1 (mức II), lấy mẫu ngẫu nhiên có ghi hạt giống', body: LotCreate, response: { 201: LotDetail } },
    preHandler: run,
  }, async (request, reply) => reply.code(201).send(await acceptance.create(currentUser(request), request.body)))

  r.get('/api/acceptance/lots/:id', { schema: { tags, summary: 'Một lô với mẫu và lỗi đã đánh dấu', params: IdParams, response: { 200: LotDetail } }, preHandler: read },
    async (request) => acceptance.get(currentUser(request), request.params.id))

  r.put('/api/acceptance/lots/:id/samples/:entryId', {
    schema: { tags, summary: 'Ghi kết quả kiểm tra một trường hợp trong mẫu (danh sách ô sai với giá trị đúng; rỗng = đúng)', params: SampleParams, body: SampleInspection, response: { 200: LotDetail } },
    preHandler: run,
  }, async (request) => acceptance.inspect(currentUser(request), request.params.id, request.params.entryId, request.body.errors))

  r.post('/api/acceptance/lots/:id/decide', { schema: { tags, summary: 'Kết luận lô: đạt hoặc không đạt theo số chấp nhận', params: IdParams, response: { 200: LotDetail } }, preHandler: run },
    async (request) => acceptance.decide(currentUser(request), request.params.id))

  r.get('/api/acceptance/lots/:id/record.pdf', { schema: { tags, summary: 'Biên bản nghiệm thu (PDF)', params: IdParams }, preHandler: read },
    async (request, reply) => {
      const file = await acceptanceRecords.pdf(currentUser(request), request.params.id)
      return sendDownload(reply, file.body, file.fileName, file.mime)
    })

  r.get('/api/acceptance/lots/:id/record.xlsx', { schema: { tags, summary: 'Biên bản nghiệm thu (Excel)', params: IdParams }, preHandler: read },
    async (request, reply) => {
      const file = await acceptanceRecords.xlsx(currentUser(request), request.params.id)
      return sendDownload(reply, file.body, file.fileName, file.mime)
    })
}
