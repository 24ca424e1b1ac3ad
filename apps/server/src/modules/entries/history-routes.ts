import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { EntryHistoryView, EntryNotesView, IdParams, MarginalNoteCreate } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'

/** An entry's history and its marginal notes (ghi chú); another unit's entry answers 404. */
export function entryHistoryRoutes(app: FastifyInstance, { authenticate, entries }: AppServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['entries']

  r.get('/api/entries/:id/history', {
    schema: { tags, summary: 'Lịch sử trường hợp: từng lần sửa, ai, khi nào, vì sao, trường nào đổi', params: IdParams, response: { 200: EntryHistoryView } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => entries.history(currentUser(request), request.params.id))

  r.get('/api/entries/:id/notes', {
    schema: { tags, summary: 'Ghi chú của trường hợp, "Theo sổ" và "Sau ghi chú"', params: IdParams, response: { 200: EntryNotesView } },
    preHandler: [authenticate, requirePermission('entry.read')],
  }, async (request) => entries.notes(currentUser(request), request.params.id))

  r.post('/api/entries/:id/notes', {
    schema: { tags, summary: 'Thêm ghi chú (thay đổi, cải chính, ly hôn...): không sửa nội dung theo sổ', params: IdParams, body: MarginalNoteCreate, response: { 201: EntryNotesView } },
    preHandler: [authenticate, requirePermission('entry.update')],
  }, async (request, reply) => reply.code(201).send(await entries.addNote(currentUser(request), request.params.id, request.body)))
}
