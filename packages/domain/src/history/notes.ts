/**
 * Marginal notes (ghi chú) as facts beside the entry: the entry "after the notes" is the book's
 * fields with each note's changes applied in the order written; the book's own text never changes.
 */
import type { EntryFields } from '../catalog/types'
import { bookTypeDefOf, type BookTypeRef } from '../catalog'
import { NOTE_KINDS, type NoteKind } from '../api/history'
import { fieldLabelOf } from './revisions'

/** How an empty value is written in the ghi chú column. */
const EMPTY = '(trống)'

export interface NoteChanges {
  /** Field → new value; null clears the field. */
  changes: Readonly<Record<string, string | null>>
}

export function applyNotes(asBooked: EntryFields, notes: readonly NoteChanges[]): EntryFields {
  const after: EntryFields = { ...asBooked }
  for (const note of notes) {
    for (const [key, value] of Object.entries(note.changes)) {
      if (value === null || value === '') delete after[key]
      else after[key] = value
    }
  }
  return after
}

export interface NoteText extends NoteChanges {
  kind: NoteKind
  noteDate?: string | null | undefined
  decisionNumber?: string | null | undefined
  authority?: string | null | undefined
  text?: string | null | undefined
  /** The line of the book's ghi chú the note was read from, still in that column: not written again on export. */
  bookText?: string | null | undefined
}

/**
 * One note as a line of the MOJ "ghi chú" column: kind, date, basis, then "label: before → after"
 * for each change ("before" taken from the fields as they stood before the note).
 */
export function noteLine(bookType: BookTypeRef, note: NoteText, before: EntryFields): string {
  const basis = [note.decisionNumber && `số ${note.decisionNumber}`, note.authority].filter(Boolean).join(', ')
  const head = [NOTE_KINDS[note.kind], note.noteDate && `ngày ${note.noteDate}`].filter(Boolean).join(' ') + (basis ? ` (${basis})` : '')
  const changes = Object.entries(note.changes).map(([key, value]) => `${fieldLabelOf(bookType, key)}: ${before[key] ?? EMPTY} → ${value ?? EMPTY}`)
  const body = [...changes, note.text ?? ''].filter(Boolean).join('; ')
  return body ? `${head}: ${body}` : head
}

/** The book's own ghi chú followed by one line per note: what the MOJ package's ghi chú column holds. */
export function notesColumnText(bookType: BookTypeRef, asBooked: EntryFields, notes: readonly NoteText[]): string {
  const lines: string[] = asBooked.ghiChu ? [asBooked.ghiChu] : []
  let fields = asBooked
  for (const note of notes) {
    if (!note.bookText) lines.push(noteLine(bookType, note, fields))
    fields = applyNotes(fields, [note])
  }
  return lines.join('\n')
}

/** Where the registration itself sits in the book: a note changes a fact, never these. */
const NOT_CHANGED_BY_NOTES = new Set(['so', 'quyenSo', 'trangSo', 'ngayDangKy', 'ghiChu'])

/** Keys of the type a note may change: the catalog's fields but the registration's place in the book. */
export function noteFieldKeys(bookType: BookTypeRef): ReadonlySet<string> {
  return new Set(bookTypeDefOf(bookType).fields.map((f) => f.key).filter((k) => !NOT_CHANGED_BY_NOTES.has(k)))
}

const KIND_BY_LABEL = new Map<string, NoteKind>(Object.entries(NOTE_KINDS).map(([kind, label]) => [label, kind as NoteKind]))
const LINE = /^(.+?)(?: ngày (\S+))?(?: \(([^()]*)\))?(?:: (.*))?$/s

/**
 * One line of an MOJ ghi chú column read back as a note, when it has the form `noteLine` writes
 * (kind, optional date and basis, then "label: before → after" changes and text); otherwise null and
 * the line stays the book's own text.
 */
export function parseNoteLine(bookType: BookTypeRef, line: string): NoteText | null {
  const match = LINE.exec(line.trim())
  const kind = match?.[1] ? KIND_BY_LABEL.get(match[1]) : undefined
  if (!match || !kind) return null
  const [, , noteDate, basis, body] = match
  const byLabel = new Map(bookTypeDefOf(bookType).fields.map((f) => [fieldLabelOf(bookType, f.key), f.key]))
  const allowed = noteFieldKeys(bookType)
  const changes: Record<string, string | null> = {}
  const text: string[] = []
  for (const part of body ? body.split('; ') : []) {
    const change = /^(.+?): (.*) → (.*)$/s.exec(part)
    const key = change?.[1] ? byLabel.get(change[1]) : undefined
    if (change && key && allowed.has(key) && !Object.hasOwn(changes, key)) changes[key] = change[3] === EMPTY ? null : (change[3] ?? null)
    else text.push(part)
  }
  const decision = basis?.startsWith('số ') ? basis.slice(3).split(', ')[0] : undefined
  const authority = basis === undefined ? undefined : decision === undefined ? basis : basis.slice(3 + decision.length + 2) || undefined
  return { kind, noteDate: noteDate ?? null, decisionNumber: decision ?? null, authority: authority ?? null, changes, text: text.length > 0 ? text.join('; ') : null }
}
