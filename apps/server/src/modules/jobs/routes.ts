import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { JobList, JobView, IdParams } from '@hts/domain'
import { currentUser } from '../../http/auth'
import type { AppServices } from '../../app'
import { asJobView } from '../../http/wire'
import { presentJob } from './service'

export function jobsRoutes(app: FastifyInstance, { authenticate, jobs }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['jobs']

  r.get('/api/jobs', {
    schema: { tags, summary: 'Tác vụ nền trong phạm vi (nhập Excel, đối chiếu...)', querystring: z.object({ kind: z.string().max(50).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: JobList } },
    preHandler: [authenticate],
  }, async (request) => ({ items: (await jobs.list(currentUser(request), request.query.kind, request.query.limit)).map((job) => asJobView(presentJob(job))) }))

  r.get('/api/jobs/:id', { schema: { tags, summary: 'Tiến độ một tác vụ', params: IdParams, response: { 200: JobView } }, preHandler: [authenticate] },
    async (request) => asJobView(presentJob(await jobs.getInScope(currentUser(request), request.params.id))))

  r.post('/api/jobs/:id/cancel', { schema: { tags, summary: 'Hủy tác vụ', params: IdParams, response: { 200: JobView } }, preHandler: [authenticate] },
    async (request) => asJobView(presentJob(await jobs.cancel(currentUser(request), request.params.id))))
}
