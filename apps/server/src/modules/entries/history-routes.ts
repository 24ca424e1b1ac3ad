import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { EntryHistoryView, EntryNotesView, IdParams, MarginalNoteCreate, MarginalNoteEdit, MarginalNoteWithdraw, NoteParams } from '@hts/domain'
import { currentUser, requirePermission } from '../../http/auth'
import type { AppServices } from '../../app'

/**
 * An entry's history and its marginal notes (ghi chú); another unit's entry answers 404. Notes are
 * keyed from the book's notes column: keying work (`entry.note`), which the police's corrections are not.
 */
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
    preHandler: [authenticate, requirePermission('entry.note')],
  }, async (request, reply) => reply.code(201).send(await entries.addNote(currentUser(request), request.params.id, request.body)))

  r.put('/api/entries/:id/notes/:noteId', {
    schema: { tags, summary: 'Sửa ngày, căn cứ, nội dung của ghi chú (theo phiên bản đã đọc: 409 nếu người khác vừa sửa)', params: NoteParams, body: MarginalNoteEdit, response: { 200: EntryNotesView } },
    preHandler: [authenticate, requirePermission('entry.note')],
  }, async (request) => entries.editNote(currentUser(request), request.params.id, request.params.noteId, request.body))

  r.post('/api/entries/:id/notes/:noteId/withdraw', {
    schema: { tags, summary: 'Thu hồi ghi chú nhập nhầm (có lý do): không xóa, vẫn hiện gạch ngang trong lịch sử', params: NoteParams, body: MarginalNoteWithdraw, response: { 200: EntryNotesView } },
    preHandler: [authenticate, requirePermission('entry.note')],
  }, async (request) => entries.withdrawNote(currentUser(request), request.params.id, request.params.noteId, request.body))
}
