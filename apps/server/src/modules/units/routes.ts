import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { UnitList } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'

export function unitsRoutes(app: FastifyInstance, { authenticate, units }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  r.get('/api/units', {
    schema: { tags: ['units'], summary: 'Đơn vị hành chính trong phạm vi (cả đơn vị cũ trước sáp nhập)', response: { 200: UnitList } },
    preHandler: [authenticate, requirePermission('unit.read')],
  }, async (request) => ({ items: await units.listVisible(currentUser(request).unitId) }))
}
