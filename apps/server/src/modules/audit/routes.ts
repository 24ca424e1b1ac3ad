import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { AUDIT_EXPORT_MAX_ROWS, AuditEntityPage, AuditEntityParams, AuditEntityQuery, AuditFilter, AuditPage, AuditQuery } from '@hts/domain'
import type { AppServices } from '../../app'
import { currentUser, requirePermission } from '../../http/auth'
import { sendDownload, XLSX_MIME } from '../exports'

/** The audit screen's API (audit.read). Reading the trail is recorded too (audit.list, audit.entity, audit.export). */
export function auditRoutes(app: FastifyInstance, { authenticate, auditRead }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['audit']
  const guard = [authenticate, requirePermission('audit.read')]

  r.get('/api/audit', {
    schema: {
      tags,
      summary: 'Nhật ký truy cập trong phạm vi, mới nhất trước (lọc theo tài khoản, đơn vị, thao tác, đối tượng, ngày)',
      description: 'Phân trang bằng con trỏ: gửi nextCursor của trang trước làm cursor. Không có tổng số dòng (đếm hàng chục triệu dòng mỗi trang là chậm).',
      querystring: AuditQuery,
      response: { 200: AuditPage },
    },
    preHandler: guard,
  }, async (request) => auditRead.list(currentUser(request), request.query))

  r.get('/api/audit/entity/:type/:id', {
    schema: {
      tags,
      summary: 'Ai đã xem hoặc thay đổi trường hợp, sổ, trang ảnh, tài khoản này; hoặc các trường hợp mang số định danh này (citizen)',
      description: 'Gồm cả các lần xem danh sách có trả về trường hợp này và các lần bị từ chối truy cập. 404 khi đối tượng không thuộc phạm vi.',
      params: AuditEntityParams,
      querystring: AuditEntityQuery,
      response: { 200: AuditEntityPage },
    },
    preHandler: guard,
  }, async (request) => auditRead.about(currentUser(request), request.params.type, request.params.id, request.query))

  r.get('/api/audit/export.xlsx', {
    schema: {
      tags,
      summary: `Xuất Excel nhật ký truy cập theo bộ lọc (tối đa ${AUDIT_EXPORT_MAX_ROWS.toLocaleString('vi-VN')} dòng mới nhất; được ghi nhật ký)`,
      querystring: AuditFilter,
    },
    preHandler: guard,
  }, async (request, reply) => {
    const file = await auditRead.exportXlsx(currentUser(request), request.query)
    if (file.truncated) reply.header('x-rows-truncated', String(AUDIT_EXPORT_MAX_ROWS))
    return sendDownload(reply, file.body, file.fileName, XLSX_MIME)
  })
}
