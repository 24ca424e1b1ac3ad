import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  ReportDeadlineList, ReportDeadlinesUpdate, WeeklyReportQuery, WeeklyReportReminder, WeeklyReportSave, WeeklyReportSubmit, WeeklyReportUnitList, WeeklyReportView,
} from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'
import { sendDownload } from '../exports'
import { weeklyReportPdf, weeklyReportXlsx } from './files'
import { SUBMIT_REFUSAL } from './policy'

export function reportsRoutes(app: FastifyInstance, { authenticate, reports }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['campaign']
  const read = [authenticate, requirePermission('campaign.read')]

  r.get('/api/reports/weekly', {
    schema: { tags, summary: 'Báo cáo tuần của một đơn vị (số liệu, nội dung, và các đơn vị cấp dưới)', querystring: WeeklyReportQuery, response: { 200: WeeklyReportView } }, preHandler: read,
  }, async (request) => reports.view(currentUser(request), request.query))

  r.put('/api/reports/weekly', {
    schema: { tags, summary: 'Lưu nội dung báo cáo tuần của đơn vị mình (bản nháp)', body: WeeklyReportSave, response: { 200: WeeklyReportView } },
    preHandler: [authenticate, requirePermission('plan.edit')],
  }, async (request) => reports.save(currentUser(request), request.body))

  r.post('/api/reports/weekly/submit', {
    schema: { tags, summary: 'Nộp báo cáo tuần (lãnh đạo đơn vị); sau khi nộp, số liệu được giữ nguyên', body: WeeklyReportSubmit, response: { 200: WeeklyReportView } },
    preHandler: [authenticate, requirePermission('report.submit', SUBMIT_REFUSAL)],
  }, async (request) => reports.submit(currentUser(request), request.body))

  r.get('/api/reports/weekly/units', {
    schema: { tags, summary: 'Tình hình nộp báo cáo tuần của các đơn vị cấp dưới (đã nộp, chưa nộp, muộn)', querystring: WeeklyReportQuery, response: { 200: WeeklyReportUnitList } }, preHandler: read,
  }, async (request) => reports.unitList(currentUser(request), request.query))

  r.get('/api/reports/weekly/reminder', {
    schema: { tags, summary: 'Nhắc nộp báo cáo tuần (từ thứ Năm) cho người phải lập/nộp', response: { 200: WeeklyReportReminder } }, preHandler: [authenticate],
  }, async (request) => reports.reminder(currentUser(request)))

  r.get('/api/reports/weekly/report.pdf', { schema: { tags, summary: 'Báo cáo tuần (PDF)', querystring: WeeklyReportQuery }, preHandler: read }, async (request, reply) => {
    const file = await weeklyReportPdf(await reports.forExport(currentUser(request), request.query, 'pdf'))
    return sendDownload(reply, file.body, file.fileName, file.mime)
  })

  r.get('/api/reports/weekly/report.xlsx', { schema: { tags, summary: 'Báo cáo tuần (Excel)', querystring: WeeklyReportQuery }, preHandler: read }, async (request, reply) => {
    const file = await weeklyReportXlsx(await reports.forExport(currentUser(request), request.query, 'xlsx'))
    return sendDownload(reply, file.body, file.fileName, file.mime)
  })

  r.get('/api/reports/deadlines', {
    schema: { tags, summary: 'Hạn nộp báo cáo tuần theo cấp (giờ Việt Nam)', response: { 200: ReportDeadlineList } }, preHandler: read,
  }, async (request) => reports.deadlineList(currentUser(request)))

  r.put('/api/reports/deadlines', {
    schema: { tags, summary: 'Đặt hạn nộp báo cáo tuần theo cấp (Sở Tư pháp)', body: ReportDeadlinesUpdate, response: { 200: ReportDeadlineList } },
    preHandler: [authenticate, requirePermission('campaign.manage')],
  }, async (request) => reports.updateDeadlines(currentUser(request), request.body))
}
