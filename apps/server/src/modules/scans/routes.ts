import type { FastifyInstance } from 'fastify'
import multipart from '@fastify/multipart'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { currentUser, requirePermission } from '../../http/auth'
import { HttpError } from '../../http/errors'
import type { AppServices } from '../../app'
import { PageItems, PageList, PageView, ReprocessResponse, UploadRejected, UploadResponse, IdParams } from '@hts/domain'
import { ImageQuery, PageIdParams, PageOrderBody, PagePatchBody } from './schemas'
import type { ReceivedFile } from './upload'

/** At most this many files in one upload request. */
const MAX_FILES_PER_REQUEST = 100

export function scansRoutes(app: FastifyInstance, { authenticate, books, scans }: AppServices): void {
  const tags = ['scans']
  app.addHook('onClose', async () => scans.stop())

  // Multipart only inside this plugin: other modules register their own parser settings.
  void app.register(async (scoped) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: scans.uploadOptions.maxBytes, files: MAX_FILES_PER_REQUEST, fields: 20, parts: MAX_FILES_PER_REQUEST + 20 },
    })
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/books/:id/scans', {
      schema: {
        tags,
        summary: 'Tải ảnh quét lên sổ (nhiều tệp một lần: PDF nhiều trang, JPEG, PNG, TIFF)',
        description: [
          'multipart/form-data, mỗi tệp một phần (tên trường tùy ý). Loại tệp nhận dạng theo nội dung, không theo tên.',
          'Mỗi tệp được kiểm tra riêng: tệp hỏng, quá cỡ (MAX_UPLOAD_MB) hoặc không phải ảnh/PDF bị từ chối kèm lý do, các tệp khác vẫn được nhận.',
          'Trang mới được nối vào cuối sổ theo thứ tự tệp; ảnh trang được dựng trong tác vụ nền (jobId).',
          'Tệp đã tải lên sổ này rồi: status "duplicate", không thêm trang. 201 khi có tệp được nhận, 200 khi chỉ có tệp trùng, 422 khi mọi tệp bị từ chối.',
        ].join(' '),
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: UploadResponse, 201: UploadResponse, 422: UploadRejected },
      },
      preHandler: [authenticate, requirePermission('scan.manage')],
    }, async (request, reply) => {
      const user = currentUser(request)
      const book = await books.getInScope(user, request.params.id)
      if (!request.isMultipart()) throw new HttpError(400, 'validation', 'Gửi tệp dạng multipart/form-data (chọn tệp ảnh quét hoặc PDF).')
      const received: ReceivedFile[] = []
      try {
        for await (const part of request.files()) received.push(await scans.receive(part.filename, part.file))
      } catch (error) {
        await scans.discard(received)
        throw error
      }
      if (received.length === 0) throw new HttpError(400, 'validation', 'Chưa chọn tệp nào để tải lên.')
      const result = await scans.ingest(user, book, received)
      if (result.results.every((r) => r.status === 'rejected')) {
        return reply.code(422).send({ ...result, error: 'unprocessable', message: 'Không tệp nào được nhận. Xem lý do của từng tệp.' })
      }
      return reply.code(result.pagesAdded > 0 ? 201 : 200).send(result)
    })
  })

  const r = app.withTypeProvider<ZodTypeProvider>()

  r.get('/api/books/:id/pages', {
    schema: { tags, summary: 'Các trang ảnh của sổ theo thứ tự, kèm số trường hợp đã nhập trên mỗi trang', params: IdParams, response: { 200: PageList } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => {
    const user = currentUser(request)
    const items = await scans.listPages(user, await books.getInScope(user, request.params.id))
    const count = (status: string) => items.filter((p) => p.status === status).length
    return { items, total: items.length, counts: { pending: count('pending'), ready: count('ready'), failed: count('failed'), withEntries: items.filter((p) => p.entryCount > 0).length } }
  })

  r.put('/api/books/:id/pages/order', {
    schema: { tags, summary: 'Sắp xếp lại thứ tự trang của sổ', params: IdParams, body: PageOrderBody, response: { 200: PageItems } },
    preHandler: [authenticate, requirePermission('scan.manage')],
  }, async (request) => {
    const user = currentUser(request)
    return { items: await scans.reorder(user, await books.getInScope(user, request.params.id), request.body.pageIds) }
  })

  r.post('/api/books/:id/pages/reprocess', {
    schema: { tags, summary: 'Dựng lại ảnh các trang bị lỗi xử lý (tác vụ nền)', params: IdParams, response: { 200: ReprocessResponse } },
    preHandler: [authenticate, requirePermission('scan.manage')],
  }, async (request) => {
    const user = currentUser(request)
    return scans.reprocess(user, await books.getInScope(user, request.params.id))
  })

  r.patch('/api/pages/:id', {
    schema: { tags, summary: 'Đánh dấu trang trắng/bìa và/hoặc xoay trang (0/90/180/270)', params: PageIdParams, body: PagePatchBody, response: { 200: PageView } },
    preHandler: [authenticate, requirePermission('scan.manage')],
  }, async (request) => scans.updatePage(currentUser(request), request.params.id, request.body))

  r.delete('/api/pages/:id', {
    schema: { tags, summary: 'Xóa một trang ảnh (khi chưa gắn trường hợp nào); các trang sau được đánh số lại', params: PageIdParams, response: { 200: PageItems } },
    preHandler: [authenticate, requirePermission('scan.manage')],
  }, async (request) => ({ items: await scans.deletePage(currentUser(request), request.params.id) }))

  for (const which of ['image', 'thumbnail'] as const) {
    r.get(`/api/pages/:id/${which}`, {
      schema: {
        tags,
        summary: which === 'image' ? 'Ảnh trang (JPEG ~1600 px; được ghi nhật ký truy cập)' : 'Ảnh thu nhỏ của trang (JPEG ~200 px; được ghi nhật ký truy cập)',
        description: 'ETag = sha256 của ảnh (If-None-Match → 304). Cache-Control: no-store (ảnh là dữ liệu cá nhân; ?v= chỉ để đổi địa chỉ khi ảnh đổi). 409 khi trang chưa xử lý xong.',
        params: PageIdParams,
        querystring: ImageQuery,
      },
      preHandler: [authenticate, requirePermission('entry.read')],
    }, async (request, reply) => {
      const result = await scans.image(currentUser(request), request.params.id, which, request.headers['if-none-match'])
      reply.header('etag', `"${result.sha256}"`)
      // Scans are personal data: kept in no cache, not even the browser's (issue 14); http/edge.ts says so for every API answer.
      reply.header('cache-control', 'no-store')
      if (result.notModified) return reply.code(304).send()
      return reply.type('image/jpeg').send(result.data)
    })
  }
}
