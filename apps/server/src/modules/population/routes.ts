import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ExtractList, ExtractStarted, ExtractView, PopulationPeople, PopulationUploadView, IdParams } from '@hts/domain'
import type { AppServices } from '../../app'
import { currentUser, requirePermission } from '../../http/auth'
import { HttpError } from '../../http/errors'
import { POPULATION_FIELD_KEYS, type PopulationField } from './fields'

/** Extracts of a whole commune are large: 2 GB per upload (POPULATION_MAX_MB overrides). */
const MAX_UPLOAD_BYTES = Number(process.env.POPULATION_MAX_MB ?? 2048) * 1024 * 1024

const MappingSchema = z.record(z.string(), z.number().int().min(0).max(1000)).refine(
  (m) => Object.keys(m).every((k) => (POPULATION_FIELD_KEYS as string[]).includes(k)),
  { message: 'Trường không có trong danh sách cột dữ liệu dân cư' },
)

const ExtractBody = z.object({
  uploadId: z.uuid({ message: 'Thiếu tệp đã tải lên' }),
  unitId: z.uuid({ message: 'Chọn đơn vị' }),
  source: z.string().trim().min(1, 'Ghi nguồn dữ liệu (ví dụ: Công an xã An Phú)').max(300),
  extractDate: z.iso.date({ message: 'Ngày trích xuất dạng yyyy-mm-dd' }),
  mapping: MappingSchema,
})

const PeopleQuery = z.object({
  personalId: z.string().trim().regex(/^\d{12}$/, 'Số định danh gồm 12 chữ số').optional(),
  name: z.string().trim().min(2).max(200).optional(),
  birthYear: z.coerce.number().int().min(1800).max(2100).optional(),
})

export function populationRoutes(app: FastifyInstance, { authenticate, population }: AppServices): void {
  const tags = ['population']

  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } })
    scope.withTypeProvider<ZodTypeProvider>().post('/api/population/uploads', {
      schema: { tags, summary: 'Tải tệp dữ liệu dân cư (.xlsx, .csv) lên; trả về tiêu đề cột, vài dòng mẫu và cách ghép cột gợi ý', consumes: ['multipart/form-data'], response: { 201: PopulationUploadView } },
      preHandler: [authenticate, requirePermission('population.import')],
    }, async (request, reply) => {
      if (!request.isMultipart()) throw new HttpError(400, 'validation', 'Gửi tệp dưới dạng multipart/form-data (trường "file")')
      const file = await request.file()
      if (!file) throw new HttpError(400, 'validation', 'Chưa chọn tệp dữ liệu dân cư để tải lên')
      const view = await population.upload(currentUser(request), { stream: file.file, fileName: file.filename, truncated: () => file.file.truncated })
      return reply.code(201).send(view)
    })
  })

  const r = app.withTypeProvider<ZodTypeProvider>()

  r.get('/api/population/uploads/:id', {
    schema: { tags, summary: 'Xem lại tệp đã tải lên (tiêu đề, dòng mẫu, cách ghép cột gợi ý)', params: IdParams, response: { 200: PopulationUploadView } },
    preHandler: [authenticate, requirePermission('population.import')],
  }, async (request) => population.describeUpload(currentUser(request), request.params.id))

  r.post('/api/population/extracts', {
    schema: { tags, summary: 'Nạp dữ liệu dân cư với cách ghép cột đã chọn (tác vụ nền); thay bản cũ của đơn vị khi xong', body: ExtractBody, response: { 202: ExtractStarted } },
    preHandler: [authenticate, requirePermission('population.import')],
  }, async (request, reply) => {
    const mapping = request.body.mapping as Partial<Record<PopulationField, number>>
    return reply.code(202).send(await population.createExtract(currentUser(request), { ...request.body, mapping }))
  })

  r.get('/api/population/extracts', {
    schema: { tags, summary: 'Các bản dữ liệu dân cư trong phạm vi', querystring: z.object({ unitId: z.uuid().optional() }), response: { 200: ExtractList } },
    preHandler: [authenticate, requirePermission('population.read')],
  }, async (request) => ({ items: await population.list(currentUser(request), request.query.unitId) }))

  r.get('/api/population/extracts/:id', {
    schema: { tags, summary: 'Một bản dữ liệu dân cư (404 nếu không thuộc phạm vi; được ghi nhật ký truy cập)', params: IdParams, response: { 200: ExtractView } },
    preHandler: [authenticate, requirePermission('population.read')],
  }, async (request) => population.read(currentUser(request), request.params.id))

  r.get('/api/population/people', {
    schema: { tags, summary: 'Tra cứu người trong dữ liệu dân cư của phạm vi (được ghi nhật ký)', querystring: PeopleQuery, response: { 200: PopulationPeople } },
    preHandler: [authenticate, requirePermission('population.read')],
  }, async (request) => ({ items: await population.searchPeople(currentUser(request), request.query) }))
}
