/**
 * Marginal notes (ghi chú): later facts written beside an entry (a change, a correction, a divorce...)
 * with their own date and basis. The entries module is their one writer; a note never touches
 * `entries.fields` (what the book says), so it neither bumps the entry's version nor undoes an approval.
 */
import type { Kysely, Selectable } from 'kysely'
import {
  applyNotes,
  diffEntryFields,
  fieldLabelOf,
  formatPartialDate,
  isNoteKind,
  NOTE_KINDS,
  noteFieldKeys,
  parsePartialDate,
  validateEntry,
  type EntryFields,
  type EntryNotesView,
  type MarginalNoteCreate,
  type MarginalNoteView,
  type NoteSource,
  type NoteText,
} from '@hts/domain'
import type { Database, EntryNotesTable } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { recordAudit, type Actor } from '../audit'
import { bookContext, bookTypeOf, type EntryBook } from './checks'
import type { Trx } from './commands'
import { peopleOf } from './history'
import type { EntryRow } from './repository'

export type EntryNoteRow = Selectable<EntryNotesTable>
type Reader = Kysely<Database> | Trx

const invalid = (message: string) => new HttpError(400, 'validation', message)

/** The notes of an entry in the order they were written, withdrawn ones too (the history shows them). */
export async function notesOf(db: Reader, entryId: string): Promise<EntryNoteRow[]> {
  return db.selectFrom('entry_notes').selectAll().where('entry_id', '=', entryId).orderBy('created_at').orderBy('id').execute()
}

/** A note keyed by mistake and withdrawn: kept, shown struck through, but it changes nothing. */
export const inForce = (note: Pick<EntryNoteRow, 'withdrawn_at'>): boolean => note.withdrawn_at === null

/** The notes in force of many entries (an export), by entry, each list in the order written. */
export async function notesByEntry(db: Reader, entryIds: readonly string[]): Promise<Map<string, NoteText[]>> {
  const byEntry = new Map<string, NoteText[]>()
  if (entryIds.length === 0) return byEntry
  const rows = await db.selectFrom('entry_notes').selectAll().where('entry_id', 'in', [...entryIds]).where('withdrawn_at', 'is', null).orderBy('created_at').orderBy('id').execute()
  for (const row of rows) {
    const list = byEntry.get(row.entry_id) ?? []
    list.push(noteTextOf(row))
    byEntry.set(row.entry_id, list)
  }
  return byEntry
}

function noteTextOf(row: EntryNoteRow): NoteText {
  return {
    kind: isNoteKind(row.kind) ? row.kind : 'other',
    noteDate: row.note_date,
    decisionNumber: row.decision_number,
    authority: row.authority,
    text: row.text,
    changes: row.changes,
    bookText: row.book_text,
  }
}

/**
 * The note's changes checked against the catalog: fields of the type that a note may change, values
 * cleaned as keyed values are, and the entry after the note must not bring an error onto them.
 */
function checkedChanges(entry: EntryRow, book: EntryBook, afterEarlier: EntryFields, changes: Record<string, string | null>): Record<string, string | null> {
  const bookType = bookTypeOf(entry)
  const allowed = noteFieldKeys(bookType)
  const refused = Object.keys(changes).filter((k) => !allowed.has(k))
  if (refused.length > 0) throw invalid(`Ghi chú không thay đổi được các trường này: ${refused.join(', ')}`)
  const clean: Record<string, string | null> = {}
  for (const [key, value] of Object.entries(changes)) {
    const text = value?.normalize('NFC').trim() ?? ''
    clean[key] = text === '' ? null : text
  }
  const after = applyNotes(afterEarlier, [{ changes: clean }])
  const errors = validateEntry(bookType, after, bookContext(book)).filter((i) => i.severity === 'error' && Object.hasOwn(clean, i.field))
  if (errors.length > 0) throw invalid(errors.map((e) => `${fieldLabelOf(bookType, e.field)}: ${e.message}`).join('; '))
  return clean
}

export function checkedDate(value: string | undefined): string | null {
  if (!value) return null
  const parsed = parsePartialDate(value)
  if (!parsed.ok) throw invalid(`Ngày ghi chú: ${parsed.message}`)
  return formatPartialDate(parsed.value)
}

/** Adds a note to the entry, in the caller's transaction, with its audit row. Any status takes a note. */
export async function addMarginalNote(trx: Trx, actor: Actor, book: EntryBook, entry: EntryRow, input: MarginalNoteCreate, source: NoteSource = 'keyed'): Promise<EntryNoteRow> {
  const earlier = (await notesOf(trx, entry.id)).filter(inForce)
  const changes = checkedChanges(entry, book, applyNotes(entry.fields, earlier), input.changes)
  const row = await trx.insertInto('entry_notes')
    .values({
      entry_id: entry.id,
      custodian_unit_id: entry.custodian_unit_id,
      kind: input.kind,
      note_date: checkedDate(input.noteDate),
      decision_number: input.decisionNumber ?? null,
      authority: input.authority ?? null,
      changes: JSON.stringify(changes),
      text: input.text ?? null,
      source,
      created_by: actor.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    action: 'entry.note.add',
    entityType: 'entry',
    entityId: entry.id,
    details: { noteId: row.id, kind: row.kind, noteDate: row.note_date, decisionNumber: row.decision_number, authority: row.authority, changes, ...(row.text && { text: row.text }) },
  })
  return row
}

/** The notes with what each changed, the entry as the book says and as it stands after those in force. */
export async function presentNotes(db: Kysely<Database>, entry: EntryRow, notes: readonly EntryNoteRow[]): Promise<EntryNotesView> {
  const bookType = bookTypeOf(entry)
  const person = await peopleOf(db, notes.flatMap((n) => [n.created_by, n.updated_by, n.withdrawn_by]))
  let fields = entry.fields
  const views: MarginalNoteView[] = notes.map((note) => {
    const before = fields
    if (inForce(note)) fields = applyNotes(fields, [note])
    const kind = isNoteKind(note.kind) ? note.kind : 'other'
    return {
      id: note.id,
      kind,
      kindLabel: NOTE_KINDS[kind],
      noteDate: note.note_date,
      decisionNumber: note.decision_number,
      authority: note.authority,
      changes: Object.entries(note.changes).map(([field, value]) => ({ field, label: fieldLabelOf(bookType, field), before: before[field] ?? null, value })),
      text: note.text,
      source: note.source === 'import' ? 'import' : 'keyed',
      bookText: note.book_text,
      createdBy: person(note.created_by),
      createdAt: note.created_at,
      version: note.version,
      edited: note.updated_at ? { by: person(note.updated_by), at: note.updated_at } : null,
      withdrawn: note.withdrawn_at ? { by: person(note.withdrawn_by), at: note.withdrawn_at, reason: note.withdrawn_reason ?? '' } : null,
    }
  })
  return {
    entryId: entry.id,
    notes: views,
    asBooked: entry.fields,
    afterNotes: fields,
    changedFields: diffEntryFields(bookType, entry.fields, fields).map((c) => c.field),
  }
}
