import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { AuditVerifyStarted } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { actorOf, recordAudit } from './service'
import { AUDIT_VERIFY_JOB } from './verify-job'

export function auditVerifyRoutes(app: FastifyInstance, { authenticate, db, jobs }: AppServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Kiểm tra chuỗi nhật ký kiểm toán (tác vụ nền audit.verify)',
      description: 'Tính lại mã băm của mọi dòng nhật ký theo thứ tự chuỗi và tìm dòng đầu tiên bị sửa, bị xóa hoặc chèn thêm. Kết quả ở GET /api/jobs/:id (result.ok, result.checked, result.broken, result.message).',
      response: { 202: AuditVerifyStarted },
    },
    preHandler: [authenticate, requirePermission('audit.read')],
  }, async (request, reply) => {
    const user = currentUser(request)
    const jobId = await db.kysely.transaction().execute(async (trx) => {
      const id = await jobs.enqueue(trx, AUDIT_VERIFY_JOB, { unitId: user.unitId, createdBy: user.id, params: {} })
      await recordAudit(trx, actorOf(user), { action: 'audit.verify', entityType: 'job', entityId: id })
      return id
    })
    jobs.wake()
    return reply.code(202).send({ jobId })
  })
}
