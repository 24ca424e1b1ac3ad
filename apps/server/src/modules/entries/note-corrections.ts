/**
 * Corrections of marginal notes (ghi chú): a note's date, basis and text corrected, or the note
 * withdrawn because it was keyed by mistake. Neither touches `entries.fields` (what the book says);
 * a withdrawn note stays in `entry_notes` (the history shows it struck through) but changes nothing.
 * Both check the note's version as the keyer read it, so two people correcting one note at once do
 * not overwrite each other silently.
 */
import type { MarginalNoteEdit, MarginalNoteWithdraw } from '@hts/domain'
import { conflict, HttpError, notFound } from '../../http/errors'
import { recordAudit, type Actor } from '../audit'
import type { Trx } from './commands'
import { checkedDate, inForce, type EntryNoteRow } from './notes'
import type { EntryRow } from './repository'

const NOTE_NOT_FOUND = 'Không tìm thấy ghi chú này'
export const STALE_NOTE = 'Ghi chú vừa được người khác sửa hoặc thu hồi: xem lại rồi làm lại'
const WITHDRAWN = 'Ghi chú này đã được thu hồi, không sửa được nữa'

/** The note of this entry, locked for the change; a note of another entry is not found. */
async function noteToChange(trx: Trx, entry: EntryRow, noteId: string, version: number): Promise<EntryNoteRow> {
  const note = await trx.selectFrom('entry_notes').selectAll().where('id', '=', noteId).where('entry_id', '=', entry.id).forUpdate().executeTakeFirst()
  if (!note) throw notFound(NOTE_NOT_FOUND)
  if (!inForce(note)) throw conflict(WITHDRAWN)
  if (note.version !== version) throw conflict(STALE_NOTE)
  return note
}

const basisOf = (note: Pick<EntryNoteRow, 'note_date' | 'decision_number' | 'authority' | 'text'>) => ({
  noteDate: note.note_date,
  decisionNumber: note.decision_number,
  authority: note.authority,
  text: note.text,
})

/** Corrects the note's date, basis and text (what it changes stays: withdraw and key again for that). */
export async function editMarginalNote(trx: Trx, actor: Actor, entry: EntryRow, noteId: string, input: MarginalNoteEdit): Promise<void> {
  const note = await noteToChange(trx, entry, noteId, input.version)
  const text = input.text ?? null
  if (text === null && Object.keys(note.changes).length === 0) {
    throw new HttpError(400, 'validation', 'Ghi chú không thay đổi trường nào: phải giữ nội dung ghi chú')
  }
  const after = { note_date: checkedDate(input.noteDate), decision_number: input.decisionNumber ?? null, authority: input.authority ?? null, text }
  await trx.updateTable('entry_notes')
    // A note read from a line of the book's ghi chú no longer reads as that line once corrected: the export writes it.
    .set({ ...after, book_text: null, version: note.version + 1, updated_by: actor.id, updated_at: new Date() })
    .where('id', '=', note.id)
    .execute()
  await recordAudit(trx, actor, {
    action: 'entry.note.edit',
    entityType: 'entry',
    entityId: entry.id,
    details: { noteId: note.id, version: note.version + 1, before: basisOf(note), after: basisOf(after) },
  })
}

/** Withdraws a note keyed by mistake, with the reason: kept for the history, no longer in force. */
export async function withdrawMarginalNote(trx: Trx, actor: Actor, entry: EntryRow, noteId: string, input: MarginalNoteWithdraw): Promise<void> {
  const note = await noteToChange(trx, entry, noteId, input.version)
  await trx.updateTable('entry_notes')
    .set({ version: note.version + 1, withdrawn_by: actor.id, withdrawn_at: new Date(), withdrawn_reason: input.reason })
    .where('id', '=', note.id)
    .execute()
  await recordAudit(trx, actor, {
    action: 'entry.note.withdraw',
    entityType: 'entry',
    entityId: entry.id,
    details: { noteId: note.id, kind: note.kind, reason: input.reason, changes: note.changes },
  })
}
