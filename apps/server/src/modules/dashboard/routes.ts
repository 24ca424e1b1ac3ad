import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { DashboardQuery, DashboardView } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'

export function dashboardRoutes(app: FastifyInstance, { authenticate, dashboard }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  r.get('/api/dashboard', {
    schema: { tags: ['campaign'], summary: 'Tiến độ số hóa của một đơn vị, cộng dồn các đơn vị cấp dưới', querystring: DashboardQuery, response: { 200: DashboardView } },
    preHandler: [authenticate, requirePermission('campaign.read')],
  }, async (request) => dashboard.view(currentUser(request), request.query))
}
