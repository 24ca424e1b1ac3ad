import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { SearchPage, SearchQuery } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'

export function searchRoutes(app: FastifyInstance, { authenticate, search }: AppServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/search', {
    schema: { tags: ['search'], summary: 'Tìm trường hợp trong mọi sổ của đơn vị và cấp dưới (theo tên có hoặc không dấu, bộ lọc; được ghi nhật ký)', querystring: SearchQuery, response: { 200: SearchPage } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => search.search(currentUser(request), request.query))
}
