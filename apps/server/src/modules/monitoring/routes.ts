import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { HealthView } from '@hts/domain'
import type { AppServices } from '../../app'
import { checkHealth } from './health'

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export function monitoringRoutes(app: FastifyInstance, services: AppServices): void {
  const { db, files, backups, metrics, config } = services
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Tình trạng hệ thống', response: { 200: HealthView, 503: HealthView } } },
    async (_request, reply) => {
      const health = await checkHealth({ db: db.kysely, engine: db.engine, files, backups })
      return reply.code(health.status === 'ok' ? 200 : 503).send(health)
    },
  )

  // Every answer timed by its route pattern (ids never become labels); unknown paths are one label.
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'không khớp', reply.statusCode, reply.elapsedTime / 1000)
  })

  // Prometheus scrapes with `authorization: { credentials: METRICS_TOKEN }`; without a token the endpoint does not exist.
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!config.metricsToken) return reply.code(404).send({ error: 'not_found', message: 'Không tìm thấy địa chỉ này' })
    if (!bearerMatches(request.headers.authorization, config.metricsToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'Cần mã METRICS_TOKEN đúng (Authorization: Bearer ...)' })
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  })
}
