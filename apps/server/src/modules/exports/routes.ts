import { PassThrough } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BOOK_TYPE_CODES, BookTypeSchema, JobStarted, type BookTypeCode, IdParams } from '@hts/domain'
import type { AppServices } from '../../app'
import { currentUser, requirePermission } from '../../http/auth'
import { notFound } from '../../http/errors'
import { sendDownload, XLSX_MIME, ZIP_MIME } from './download'
import type { Download } from './service'
import { buildTemplate } from './template'

/**
 * Starts the response, then streams the file into it (errors after the start cut the download short).
 * The writers end the stream they write; the answer itself ends only once `write` has resolved, so
 * a client holding the whole file also finds the export audited (the audit row is written last).
 */
function stream(reply: FastifyReply, download: Download, mime: string) {
  const out = new PassThrough()
  const file = new PassThrough()
  file.pipe(out, { end: false })
  download.write(file)
    .then(() => finished(file))
    .then(() => out.end(), (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
  return sendDownload(reply, out, download.fileName, mime)
}

const EntryListQuery = z.object({
  bookId: z.uuid().optional(),
  bookType: BookTypeSchema.optional(),
  unitId: z.uuid().optional(),
  year: z.coerce.number().int().min(1800).max(2100).optional(),
  status: z.string().max(30).optional(),
  q: z.string().trim().max(100).optional(),
})

const UnitExportBody = z.object({
  unitId: z.uuid().optional(),
  bookType: BookTypeSchema.optional(),
  year: z.number().int().min(1800).max(2100).optional(),
})

export function exportsRoutes(app: FastifyInstance, { authenticate, exports }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['exports']
  const guard = [authenticate, requirePermission('export.run')]

  r.get('/api/templates/:file', {
    schema: { tags, summary: 'Mẫu Excel trống để nhập một loại sổ (ví dụ /api/templates/KS.xlsx)', params: z.object({ file: z.string().max(20) }) },
    preHandler: [authenticate],
  }, async (request, reply) => {
    const type = request.params.file.replace(/\.xlsx$/i, '').toUpperCase()
    const bookType = BOOK_TYPE_CODES.find((c) => c === type) as BookTypeCode | undefined
    if (!bookType) throw notFound(`Không có mẫu cho loại sổ "${type}": chọn một trong ${BOOK_TYPE_CODES.join(', ')}`)
    return sendDownload(reply, await buildTemplate(bookType), `mau-nhap-${bookType}.xlsx`, XLSX_MIME)
  })

  r.get('/api/books/:id/export.xlsx', { schema: { tags, summary: 'Tệp Excel theo mẫu Bộ Tư pháp của một sổ', params: IdParams }, preHandler: guard },
    async (request, reply) => stream(reply, await exports.bookExcel(currentUser(request), request.params.id), XLSX_MIME))

  r.get('/api/books/:id/export-pdfs.zip', { schema: { tags, summary: 'Tệp zip các PDF của từng trường hợp trong sổ', params: IdParams }, preHandler: guard },
    async (request, reply) => stream(reply, await exports.bookPdfZip(currentUser(request), request.params.id), ZIP_MIME))

  r.get('/api/books/:id/package.zip', { schema: { tags, summary: 'Gói bàn giao của sổ: Excel và zip PDF đặt tên theo quy ước', params: IdParams }, preHandler: guard },
    async (request, reply) => stream(reply, await exports.bookPackage(currentUser(request), request.params.id), ZIP_MIME))

  r.get('/api/exports/entries.xlsx', { schema: { tags, summary: 'Danh sách trường hợp đã lọc ra Excel (dùng nội bộ)', querystring: EntryListQuery }, preHandler: guard },
    async (request, reply) => stream(reply, await exports.entryList(currentUser(request), request.query), XLSX_MIME))

  r.post('/api/exports/unit', {
    schema: { tags, summary: 'Xuất gói tất cả các sổ của một đơn vị (tác vụ nền)', body: UnitExportBody, response: { 202: JobStarted } },
    preHandler: guard,
  }, async (request, reply) => {
    const user = currentUser(request)
    const jobId = await exports.startUnitExport(user, { unitId: request.body.unitId ?? user.unitId, bookType: request.body.bookType ?? null, year: request.body.year ?? null })
    return reply.code(202).send({ jobId })
  })

  r.get('/api/exports/:id/download', { schema: { tags, summary: 'Tải tệp zip của một lần xuất theo đơn vị', params: IdParams }, preHandler: guard },
    async (request, reply) => {
      const file = await exports.unitExportFile(currentUser(request), request.params.id)
      return sendDownload(reply, file.stream, file.fileName, ZIP_MIME)
    })
}
