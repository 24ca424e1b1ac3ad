import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  AppendixQuery, IdParams, InventoryQuery, InventoryView, PhaseInput, PhaseList, PhaseUpdate, PhaseView, PlanCreate, PlanListQuery,
  PlanSummaryList, PlanTransitionBody, PlanUpdate, PlanView,
} from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { sendDownload } from '../exports'

export function campaignRoutes(app: FastifyInstance, { authenticate, campaign }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['campaign']
  const read = [authenticate, requirePermission('campaign.read')]
  const manage = [authenticate, requirePermission('campaign.manage')]
  const edit = [authenticate, requirePermission('plan.edit')]

  r.get('/api/campaign/phases', { schema: { tags, summary: 'Các giai đoạn của chiến dịch số hóa trong tỉnh', response: { 200: PhaseList } }, preHandler: read },
    async (request) => campaign.phases.list(currentUser(request)))

  r.post('/api/campaign/phases', { schema: { tags, summary: 'Định nghĩa giai đoạn (Sở Tư pháp)', body: PhaseInput, response: { 201: PhaseView } }, preHandler: manage },
    async (request, reply) => reply.code(201).send(await campaign.phases.create(currentUser(request), request.body)))

  r.put('/api/campaign/phases/:id', { schema: { tags, summary: 'Sửa giai đoạn (theo phiên bản đã xem)', params: IdParams, body: PhaseUpdate, response: { 200: PhaseView } }, preHandler: manage },
    async (request) => campaign.phases.update(currentUser(request), request.params.id, request.body))

  r.get('/api/campaign/plans', { schema: { tags, summary: 'Kế hoạch của các đơn vị trong phạm vi cho một giai đoạn', querystring: PlanListQuery, response: { 200: PlanSummaryList } }, preHandler: read },
    async (request) => campaign.plans.list(currentUser(request), request.query))

  r.post('/api/campaign/plans', { schema: { tags, summary: 'Lập kế hoạch của đơn vị (điền sẵn từ kiểm kê sổ)', body: PlanCreate, response: { 201: PlanView } }, preHandler: edit },
    async (request, reply) => reply.code(201).send(await campaign.plans.create(currentUser(request), request.body)))

  r.get('/api/campaign/plans/:id', { schema: { tags, summary: 'Một kế hoạch', params: IdParams, response: { 200: PlanView } }, preHandler: read },
    async (request) => campaign.plans.get(currentUser(request), request.params.id))

  r.put('/api/campaign/plans/:id', { schema: { tags, summary: 'Sửa kế hoạch (đơn vị lập, theo phiên bản đã xem)', params: IdParams, body: PlanUpdate, response: { 200: PlanView } }, preHandler: edit },
    async (request) => campaign.plans.update(currentUser(request), request.params.id, request.body))

  r.post('/api/campaign/plans/:id/transitions', {
    schema: { tags, summary: 'Gửi duyệt, duyệt, trả lại hoặc mở lại kế hoạch', params: IdParams, body: PlanTransitionBody, response: { 200: PlanView } },
    preHandler: read,
  }, async (request) => campaign.plans.transition(currentUser(request), request.params.id, request.body))

  r.get('/api/campaign/inventory', { schema: { tags, summary: 'Kiểm kê sổ của đơn vị (và phụ lục khi chọn giai đoạn)', querystring: InventoryQuery, response: { 200: InventoryView } }, preHandler: read },
    async (request) => campaign.inventory.inventory(currentUser(request), request.query.unitId, request.query.phaseId))

  r.get('/api/campaign/appendix.xlsx', { schema: { tags, summary: 'Phụ lục số liệu của đơn vị theo giai đoạn (Excel)', querystring: AppendixQuery }, preHandler: read },
    async (request, reply) => {
      const file = await campaign.appendix.xlsx(currentUser(request), request.query.unitId, request.query.phaseId)
      return sendDownload(reply, file.body, file.fileName, file.mime)
    })

  r.get('/api/campaign/appendix.pdf', { schema: { tags, summary: 'Phụ lục số liệu của đơn vị theo giai đoạn (PDF)', querystring: AppendixQuery }, preHandler: read },
    async (request, reply) => {
      const file = await campaign.appendix.pdf(currentUser(request), request.query.unitId, request.query.phaseId)
      return sendDownload(reply, file.body, file.fileName, file.mime)
    })
}
