import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { FilesVerifyStarted } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { recordAudit } from '../audit'
import { FILES_VERIFY_JOB } from './verify-job'

export function filesRoutes(app: FastifyInstance, { authenticate, db, files, jobs }: AppServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/files/verify', {
    schema: {
      tags: ['files'],
      summary: 'Kiểm tra toàn vẹn kho tệp (tác vụ nền files.verify)',
      description: 'Đọc lại mọi tệp, so mã băm SHA-256 với tên tệp, và kiểm tra mọi tệp mà cơ sở dữ liệu tham chiếu đều còn. Kết quả ở GET /api/jobs/:id (result.corrupt, result.missing, result.message).',
      response: { 202: FilesVerifyStarted },
    },
    preHandler: [authenticate, requirePermission('file.verify')],
  }, async (request, reply) => {
    const user = currentUser(request)
    const jobId = await db.kysely.transaction().execute(async (trx) => {
      const id = await jobs.enqueue(trx, FILES_VERIFY_JOB, { unitId: user.unitId, createdBy: user.id, params: {} })
      await recordAudit(trx, { id: user.id, unitId: user.unitId, ip: user.ip }, { action: 'files.verify', entityType: 'job', entityId: id })
      return id
    })
    jobs.wake()
    return reply.code(202).send({ jobId, store: files.kind, location: files.location })
  })
}
