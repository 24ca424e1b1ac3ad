import { PassThrough } from 'node:stream'
import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BookTypeSchema, IMPORT_STATUSES, ImportList, ImportView, ImportWarningPage, NoContent, type ImportListItem, SavedMapping, SavedMappingList, ScanZipResult, IdParams } from '@hts/domain'
import type { AppServices } from '../../app'
import { currentUser, requirePermission } from '../../http/auth'
import { HttpError } from '../../http/errors'
import { jsonObject, jsonObjectOrNull, stringMapping } from '../../http/wire'
import { sendDownload, XLSX_MIME } from '../exports'
import { IMPORT_LIMITS } from './file-checks'
import { ImportTargetSchema } from './options'
import { SCAN_ZIP_LIMITS } from './scan-zip'

const Mapping = z.record(z.string().max(300), z.string().max(100).nullable())

const UploadQuery = z.object({
  bookType: BookTypeSchema,
  custodianUnitId: z.uuid().optional(),
  issuingAuthority: z.string().trim().max(300).optional(),
  bookId: z.uuid().optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  mappingId: z.uuid().optional(),
})

const AnalyseBody = z.object({
  bookType: BookTypeSchema.optional(),
  mapping: Mapping.optional(),
  mappingId: z.uuid().optional(),
  target: ImportTargetSchema.partial().optional(),
})

const StartBody = z.object({
  allowIncomplete: z.boolean().default(false),
  missingBooks: z.enum(['create', 'reject']).optional(),
  saveMappingAs: z.string().trim().min(1).max(100).optional(),
})

const MappingBody = z.object({ name: z.string().trim().min(1, 'Đặt tên cho bảng ghép cột').max(100), bookType: BookTypeSchema, mapping: Mapping })

const presentMapping = (m: { id: string; name: string; book_type: string; mapping: unknown; unit_id: string; updated_at: Date }): SavedMapping => ({
  id: m.id,
  name: m.name,
  bookType: m.book_type,
  mapping: stringMapping(m.mapping),
  unitId: m.unit_id,
  updatedAt: m.updated_at,
})

export function importsRoutes(app: FastifyInstance, { authenticate, imports }: AppServices): void {
  const tags = ['imports']
  const guard = [authenticate, requirePermission('import.run')]

  // Multipart only in this scope: other modules keep their own parsers and limits.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: IMPORT_LIMITS.maxUploadBytes, files: 1, fields: 20 } })
    const r = scope.withTypeProvider<ZodTypeProvider>()

    r.post('/api/imports', {
      schema: { tags, summary: 'Tải tệp Excel/CSV lên và phân tích (chưa ghi gì)', querystring: UploadQuery, response: { 201: ImportView } },
      preHandler: guard,
    }, async (request, reply) => {
      if (!request.isMultipart()) throw new HttpError(400, 'validation', 'Gửi tệp dưới dạng multipart/form-data (trường "file")')
      const file = await request.file()
      if (!file) throw new HttpError(400, 'validation', 'Chưa chọn tệp để tải lên')
      const { bookType, mappingId, ...target } = request.query
      const view = await imports.upload(currentUser(request), { stream: file.file, fileName: file.filename, truncated: () => file.file.truncated }, { bookType, mappingId, target })
      return reply.code(201).send(view)
    })

    r.post('/api/books/:id/scans-zip', {
      schema: { tags, summary: 'Gắn ảnh quét từ tệp zip các PDF đặt tên theo quy ước (KS.2008.01.2008-01-15.001.pdf)', params: IdParams, response: { 200: ScanZipResult } },
      preHandler: [authenticate, requirePermission('import.run'), requirePermission('entry.update')],
    }, async (request) => {
      if (!request.isMultipart()) throw new HttpError(400, 'validation', 'Gửi tệp zip dưới dạng multipart/form-data (trường "file")')
      const file = await request.file({ limits: { fileSize: SCAN_ZIP_LIMITS.maxZipBytes, files: 1 } })
      if (!file) throw new HttpError(400, 'validation', 'Chưa chọn tệp zip để tải lên')
      return imports.attachScans(currentUser(request), request.params.id, { stream: file.file, truncated: () => file.file.truncated })
    })
  })

  const r = app.withTypeProvider<ZodTypeProvider>()

  r.get('/api/imports', {
    schema: { tags, summary: 'Các lần nhập tệp trong phạm vi', querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: ImportList } },
    preHandler: guard,
  }, async (request) => {
    const rows = await imports.list(currentUser(request), request.query.limit)
    return {
      items: rows.map((row): ImportListItem => ({
        id: row.id,
        fileName: row.file_name,
        bookType: row.book_type,
        createdAt: row.created_at,
        createdByName: row.created_by_name,
        status: row.job_status ?? 'analysed',
        statusLabel: IMPORT_STATUSES[row.job_status ?? 'analysed'],
        progress: jsonObjectOrNull(row.job_progress),
        error: row.job_error,
        counts: jsonObject(row.counts),
      })),
    }
  })

  r.get('/api/imports/:id', { schema: { tags, summary: 'Một lần nhập: phân tích, tiến độ, kết quả', params: IdParams, response: { 200: ImportView } }, preHandler: guard },
    async (request) => {
      const user = currentUser(request)
      return imports.read(user, request.params.id)
    })

  r.post('/api/imports/:id/analyse', {
    schema: { tags, summary: 'Phân tích lại với cách ghép cột, loại sổ hoặc sổ đích khác', params: IdParams, body: AnalyseBody, response: { 200: ImportView } },
    preHandler: guard,
  }, async (request) => imports.analyse(currentUser(request), request.params.id, request.body))

  r.post('/api/imports/:id/start', {
    schema: { tags, summary: 'Bắt đầu nhập (tác vụ nền)', params: IdParams, body: StartBody, response: { 202: ImportView } },
    preHandler: guard,
  }, async (request, reply) => reply.code(202).send(await imports.start(currentUser(request), request.params.id, request.body)))

  r.get('/api/imports/:id/warnings', {
    schema: {
      tags,
      summary: 'Các dòng đã nhận nhưng có cảnh báo: dòng trong tệp, cột, trường, nội dung cảnh báo (theo trang)',
      params: IdParams,
      querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: ImportWarningPage },
    },
    preHandler: guard,
  }, async (request) => imports.warnings(currentUser(request), request.params.id, request.query.page, request.query.pageSize))

  r.get('/api/imports/:id/rejected.xlsx', {
    schema: { tags, summary: 'Các dòng bị loại, kèm cột "Lỗi", để sửa rồi nhập lại', params: IdParams },
    preHandler: guard,
  }, async (request, reply) => {
    const result = await imports.rejectedRows(currentUser(request), request.params.id)
    const out = new PassThrough()
    result.write(out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
    return sendDownload(reply, out, result.fileName, XLSX_MIME)
  })

  r.get('/api/imports/:id/file', {
    schema: { tags, summary: 'Tệp gốc đã tải lên', params: IdParams },
    preHandler: guard,
  }, async (request, reply) => {
    const { row, stream } = await imports.originalFile(currentUser(request), request.params.id)
    return sendDownload(reply, stream, row.file_name, row.file_format === 'xlsx' ? XLSX_MIME : 'text/csv')
  })

  r.get('/api/import-mappings', {
    schema: { tags, summary: 'Các bảng ghép cột đã lưu', querystring: z.object({ bookType: BookTypeSchema.optional() }), response: { 200: SavedMappingList } },
    preHandler: guard,
  }, async (request) => ({ items: (await imports.mappings(currentUser(request), request.query.bookType)).map(presentMapping) }))

  r.post('/api/import-mappings', {
    schema: { tags, summary: 'Lưu bảng ghép cột theo tên', body: MappingBody, response: { 201: SavedMapping } },
    preHandler: guard,
  }, async (request, reply) => reply.code(201).send(presentMapping(await imports.saveMapping(currentUser(request), request.body))))

  r.delete('/api/import-mappings/:id', {
    schema: { tags, summary: 'Xóa bảng ghép cột đã lưu', params: IdParams, response: { 204: NoContent } },
    preHandler: guard,
  }, async (request, reply) => {
    await imports.deleteMapping(currentUser(request), request.params.id)
    return reply.code(204).send(null)
  })
}
