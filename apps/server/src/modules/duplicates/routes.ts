import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { DuplicateDecisionBody, DuplicateListQuery, DuplicatePairList, DuplicatePairView, DuplicateScanBody, IdParams, JobStarted, RelatedEntries } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'

export function duplicatesRoutes(app: FastifyInstance, { authenticate, duplicates }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['duplicates']

  r.post('/api/duplicates/scan', {
    schema: { tags, summary: 'Rà soát trùng lặp của một đơn vị hoặc một sổ (tác vụ nền duplicates.scan)', body: DuplicateScanBody, response: { 202: JobStarted } },
    preHandler: [authenticate, requirePermission('entry.review')],
  }, async (request, reply) => reply.code(202).send(await duplicates.scan(currentUser(request), request.body)))

  r.get('/api/duplicates', {
    schema: { tags, summary: 'Danh sách cặp trường hợp có thể trùng trong phạm vi', querystring: DuplicateListQuery, response: { 200: DuplicatePairList } },
    preHandler: [authenticate, requirePermission('entry.review')],
  }, async (request) => duplicates.list(currentUser(request), request.query))

  r.get('/api/entries/:id/related', {
    schema: { tags, summary: 'Trường hợp liên quan ở sổ khác (khai sinh, khai tử, kết hôn của những người trong trường hợp này)', params: IdParams, response: { 200: RelatedEntries } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => duplicates.related(currentUser(request), request.params.id))

  r.post('/api/duplicates/:id/decision', {
    schema: {
      tags,
      summary: 'Quyết định một cặp: cùng một trường hợp (giữ một bản, loại bản kia) hoặc khác người',
      params: IdParams, body: DuplicateDecisionBody, response: { 200: DuplicatePairView },
    },
    preHandler: [authenticate, requirePermission('entry.review')],
  }, async (request) => duplicates.decide(currentUser(request), request.params.id, request.body))
}
