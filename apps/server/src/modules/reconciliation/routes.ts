import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  can, ConfirmMatchesResponse, DecisionResponse, foldKey, FollowupBulkTransitionBody, FollowupBulkTransitionResponse, FollowupDetail, FollowupPage, FOLLOWUP_KIND_CODES, FOLLOWUP_STATUS_CODES, JobView, MATCH_OUTCOME_CODES, MatchSettingsView, NotFoundPage,
  ReconciliationResultPage, ReconciliationResultView, ReopenResponse, IdParams,
} from '@hts/domain'
import { z } from 'zod'
import type { AppServices } from '../../app'
import { currentUser, requirePermission } from '../../http/auth'
import { forbidden } from '../../http/errors'
import { asJobView } from '../../http/wire'
import { followupWorkbook, notFoundWorkbook } from './excel'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
function sendXlsx(reply: FastifyReply, buffer: Buffer, fileName: string) {
  const ascii = foldKey(fileName).replace(/[^a-z0-9._-]+/gi, '-')
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(buffer)
}

const Page = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) }
const ResultQuery = z.object({ bookId: z.uuid().optional(), entryId: z.uuid().optional(), outcome: z.enum(MATCH_OUTCOME_CODES).optional(), decision: z.enum(['pending', 'confirmed', 'overridden']).optional(), ...Page })
const DecisionBody = z.object({
  outcome: z.enum(['match', 'mismatch', 'not_found'], { message: 'Chọn: khớp, có sai lệch hoặc không tìm thấy' }),
  candidateIndex: z.number().int().min(0).max(10).optional(),
  note: z.string().trim().max(2000).optional(),
  version: z.number().int().min(1),
  /** The entry's version shown beside the proposal (entryVersion of the result): stale → 409. */
  entryVersion: z.number().int().min(1).optional(),
})
const ReopenBody = z.object({ reason: z.string().trim().min(1, 'Ghi lý do mở lại quyết định').max(2000), version: z.number().int().min(1) })
const BatchBody = z.object({ bookId: z.uuid().optional(), unitId: z.uuid().optional(), importId: z.uuid().optional() })
  .refine((b) => [b.bookId, b.unitId, b.importId].filter(Boolean).length === 1, { message: 'Chọn một sổ, một đơn vị hoặc một lần nhập tệp' })
const SettingsBody = z.object({ linkProbability: z.number(), reviewProbability: z.number(), priorInPopulation: z.number() })
const NotFoundQuery = z.object({ bookId: z.uuid().optional(), unitId: z.uuid().optional(), includePending: z.enum(['true', 'false']).optional().transform((v) => v === 'true'), ...Page })
const FollowupQuery = z.object({
  status: z.enum([...FOLLOWUP_STATUS_CODES, 'open', 'resolved']).optional(),
  assigneeId: z.union([z.uuid(), z.literal('none')]).optional(),
  kind: z.enum(FOLLOWUP_KIND_CODES, { message: 'Loại sai lệch không hợp lệ' }).optional(),
  bookId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  ...Page,
})
const TransitionBody = z.object({ status: z.enum(FOLLOWUP_STATUS_CODES), note: z.string().trim().max(2000).optional(), version: z.number().int().min(1) })
const AssignBody = z.object({ assigneeId: z.uuid().nullable(), version: z.number().int().min(1) })
const NoteBody = z.object({ text: z.string().trim().min(1, 'Nhập nội dung ghi chú').max(2000) })

export function reconciliationRoutes(app: FastifyInstance, services: AppServices): void {
  const { authenticate, reconciliation, followups, notFound } = services
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['reconciliation']
  const read = [authenticate, requirePermission('population.read')]

  r.post('/api/entries/:id/reconcile', {
    schema: { tags, summary: 'Đối chiếu một trường hợp với dữ liệu dân cư ngay', params: IdParams, response: { 200: ReconciliationResultView } },
    preHandler: [authenticate, requirePermission('reconcile.run')],
  }, async (request) => reconciliation.runEntry(currentUser(request), request.params.id))

  r.post('/api/reconciliation/batches', {
    schema: { tags, summary: 'Đối chiếu cả sổ, cả đơn vị hoặc các trường hợp của một lần nhập tệp (tác vụ nền, tiến độ ở /api/jobs/:id)', body: BatchBody, response: { 202: JobView } },
    preHandler: [authenticate, requirePermission('reconcile.run')],
  }, async (request, reply) => reply.code(202).send(asJobView(await reconciliation.startBatch(currentUser(request), request.body))))

  r.get('/api/reconciliation/results', {
    schema: { tags, summary: 'Danh sách đề xuất đối chiếu với giải thích (được ghi nhật ký)', querystring: ResultQuery, response: { 200: ReconciliationResultPage } },
    preHandler: read,
  }, async (request) => reconciliation.list(currentUser(request), request.query))

  r.get('/api/reconciliation/results/:id', { schema: { tags, summary: 'Một kết quả đối chiếu', params: IdParams, response: { 200: ReconciliationResultView } }, preHandler: read },
    async (request) => reconciliation.read(currentUser(request), request.params.id))

  r.post('/api/reconciliation/results/:id/decision', {
    schema: { tags, summary: 'Xác nhận hoặc quyết định khác đề xuất (liên kết số định danh, lập theo dõi nếu sai lệch)', params: IdParams, body: DecisionBody, response: { 200: DecisionResponse } },
    preHandler: [authenticate, requirePermission('reconcile.decide')],
  }, async (request) => reconciliation.decide(currentUser(request), request.params.id, request.body))

  r.post('/api/reconciliation/results/:id/reopen', {
    schema: { tags, summary: 'Mở lại một quyết định đã lấy nhầm (bỏ số định danh đã ghi nếu trường hợp vẫn giữ nguyên giá trị đó)', params: IdParams, body: ReopenBody, response: { 200: ReopenResponse } },
    preHandler: [authenticate, requirePermission('reconcile.decide')],
  }, async (request) => reconciliation.reopen(currentUser(request), request.params.id, request.body))

  r.post('/api/books/:id/reconciliation/confirm-matches', {
    schema: { tags, summary: 'Xác nhận mọi đề xuất "khớp" còn chờ của một sổ', params: IdParams, response: { 200: ConfirmMatchesResponse } },
    preHandler: [authenticate, requirePermission('reconcile.decide')],
  }, async (request) => reconciliation.confirmMatches(currentUser(request), request.params.id))

  r.get('/api/reconciliation/settings', { schema: { tags, summary: 'Ngưỡng đối chiếu đang áp dụng', response: { 200: MatchSettingsView } }, preHandler: [authenticate] }, async (request) => {
    const user = currentUser(request)
    if (!can(user, 'population.read') && !can(user, 'reconcile.settings')) throw forbidden()
    return reconciliation.settings.get(user)
  })

  r.put('/api/reconciliation/settings', {
    schema: { tags, summary: 'Đặt ngưỡng đối chiếu cho đơn vị của mình (cấp tỉnh)', body: SettingsBody, response: { 200: MatchSettingsView } },
    preHandler: [authenticate, requirePermission('reconcile.settings')],
  }, async (request) => reconciliation.settings.update(currentUser(request), request.body))

  r.get('/api/reconciliation/not-found', { schema: { tags, summary: 'Trường hợp không có trong CSDL dân cư (cần cập nhật)', querystring: NotFoundQuery, response: { 200: NotFoundPage } }, preHandler: read },
    async (request) => notFound.list(currentUser(request), request.query))

  r.get('/api/reconciliation/not-found.xlsx', { schema: { tags, summary: 'Xuất Excel danh sách không có trong CSDL dân cư', querystring: NotFoundQuery }, preHandler: read },
    async (request, reply) => sendXlsx(reply, await notFoundWorkbook(await notFound.all(currentUser(request), request.query)), 'Danh sách không có trong CSDL dân cư.xlsx'))

  const ftags = ['followups']
  r.get('/api/followups', { schema: { tags: ftags, summary: 'Danh sách theo dõi riêng (lọc theo trạng thái, người phụ trách, sổ, ngày)', querystring: FollowupQuery, response: { 200: FollowupPage } }, preHandler: read },
    async (request) => followups.list(currentUser(request), request.query))

  r.get('/api/followups/export.xlsx', { schema: { tags: ftags, summary: 'Xuất Excel danh sách theo dõi riêng', querystring: FollowupQuery }, preHandler: read },
    async (request, reply) => sendXlsx(reply, await followupWorkbook(await followups.all(currentUser(request), request.query)), 'Danh sách theo dõi riêng.xlsx'))

  r.get('/api/followups/:id', { schema: { tags: ftags, summary: 'Một trường hợp theo dõi, với lịch sử', params: IdParams, response: { 200: FollowupDetail } }, preHandler: read },
    async (request) => followups.get(currentUser(request), request.params.id))

  const manage = [authenticate, requirePermission('followup.manage')]
  r.post('/api/followups/:id/transition', { schema: { tags: ftags, summary: 'Chuyển trạng thái (mới → đang xác minh → đã hướng dẫn → đã giải quyết)', params: IdParams, body: TransitionBody, response: { 200: FollowupDetail } }, preHandler: manage },
    async (request) => followups.transition(currentUser(request), request.params.id, request.body))

  r.post('/api/followups/bulk-transition', { schema: { tags: ftags, summary: 'Chuyển trạng thái nhiều trường hợp đã chọn (ví dụ cùng một loại sai lệch); mỗi trường hợp một dòng nhật ký', body: FollowupBulkTransitionBody, response: { 200: FollowupBulkTransitionResponse } }, preHandler: manage },
    async (request) => followups.bulkTransition(currentUser(request), request.body))

  r.patch('/api/followups/:id', { schema: { tags: ftags, summary: 'Giao người phụ trách', params: IdParams, body: AssignBody, response: { 200: FollowupDetail } }, preHandler: manage },
    async (request) => followups.assign(currentUser(request), request.params.id, request.body))

  r.post('/api/followups/:id/notes', { schema: { tags: ftags, summary: 'Thêm ghi chú', params: IdParams, body: NoteBody, response: { 200: FollowupDetail } }, preHandler: manage },
    async (request) => followups.addNote(currentUser(request), request.params.id, request.body.text))
}
