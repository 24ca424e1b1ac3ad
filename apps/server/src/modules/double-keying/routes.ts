import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { AgreementReport, ArbitrationBody, ArbitrationList, ArbitrationResult, DoubleKeyingQuery, IdParams, SecondKeyingBody, SecondKeyingResult } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'

export function doubleKeyingRoutes(app: FastifyInstance, { authenticate, doubleKeying }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['double-keying']
  const reviewer = [authenticate, requirePermission('entry.review')]

  r.post('/api/books/:id/second-keyings', {
    schema: { tags, summary: 'Nhập lần hai (nhập kép, không xem bản lần một): so sánh từng ô, khớp thì đã kiểm tra, khác thì chờ đối chiếu', params: IdParams, body: SecondKeyingBody, response: { 200: SecondKeyingResult } },
    preHandler: [authenticate, requirePermission('entry.create')],
  }, async (request) => doubleKeying.secondKeying(currentUser(request), request.params.id, request.body))

  r.get('/api/double-keying/arbitration', {
    schema: { tags, summary: 'Các trường hợp nhập kép có ô khác nhau, chờ đối chiếu (cũ nhất trước)', querystring: DoubleKeyingQuery, response: { 200: ArbitrationList } },
    preHandler: reviewer,
  }, async (request) => doubleKeying.arbitrationList(currentUser(request), request.query))

  r.post('/api/entries/:id/arbitration', {
    schema: { tags, summary: 'Đối chiếu hai lần nhập: chọn lần 1, lần 2 hoặc nhập giá trị đúng cho từng ô khác nhau', params: IdParams, body: ArbitrationBody, response: { 200: ArbitrationResult } },
    preHandler: reviewer,
  }, async (request) => doubleKeying.arbitrate(currentUser(request), request.params.id, request.body))

  r.get('/api/double-keying/agreement', {
    schema: { tags, summary: 'Tỷ lệ khớp của nhập kép theo người nhập và theo ô', querystring: DoubleKeyingQuery, response: { 200: AgreementReport } },
    preHandler: reviewer,
  }, async (request) => doubleKeying.agreement(currentUser(request), request.query))
}
