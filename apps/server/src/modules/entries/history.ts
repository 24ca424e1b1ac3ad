/**
 * An entry's history: every revision with who, when, why, the status it moved between and the fields it
 * changed (labels from the catalog). Revisions of a transition store no fields (migration 0020): the
 * fields are carried forward from the last revision that stored them.
 */
import type { Kysely } from 'kysely'
import {
  diffEntryFields,
  ENTRY_STATUSES,
  isEntryStatus,
  isNoteKind,
  NOTE_EVENTS,
  NOTE_KINDS,
  resolveRevisionFields,
  revisionKindLabel,
  type EntryHistoryView,
  type NoteEvent,
  type NoteEventView,
  type PersonRef,
  type RevisionView,
} from '@hts/domain'
import type { Database } from '../../db/schema'
import { fullNamesOf } from '../users'
import { bookTypeOf } from './checks'
import { notesOf, type EntryNoteRow } from './notes'
import type { EntryRow } from './repository'

const statusLabel = (status: string) => (isEntryStatus(status) ? ENTRY_STATUSES[status] : status)

/** Who, by name, for the ids given (an account never deleted: a trigger refuses it). */
export async function peopleOf(db: Kysely<Database>, ids: ReadonlyArray<string | null>): Promise<(id: string | null) => PersonRef | null> {
  const names = await fullNamesOf(db, ids.filter((id): id is string => id !== null))
  return (id) => (id === null ? null : { id, name: names.get(id) ?? '' })
}

export async function entryHistory(db: Kysely<Database>, entry: EntryRow): Promise<EntryHistoryView> {
  const rows = await db.selectFrom('entry_revisions')
    .select(['version', 'status', 'fields', 'change_kind', 'changed_by', 'changed_at', 'note'])
    .where('entry_id', '=', entry.id)
    .orderBy('version', 'asc')
    .execute()
  const notes = await notesOf(db, entry.id)
  // One lookup of names for the revisions and the notes' events.
  const person = await peopleOf(db, [...rows.map((r) => r.changed_by), ...notes.flatMap((n) => [n.created_by, n.updated_by, n.withdrawn_by])])
  const bookType = bookTypeOf(entry)
  const resolved = resolveRevisionFields(rows)
  const revisions: RevisionView[] = resolved.map((r, i) => {
    const previous = i > 0 ? resolved[i - 1] : undefined
    const stored = rows[i]?.fields !== null
    const moved = previous === undefined || previous.status !== r.status
    return {
      version: r.version,
      changeKind: r.change_kind,
      changeLabel: revisionKindLabel(r.change_kind),
      status: r.status,
      statusLabel: statusLabel(r.status),
      transition: moved
        ? { from: previous?.status ?? null, to: r.status, fromLabel: previous ? statusLabel(previous.status) : null, toLabel: statusLabel(r.status) }
        : null,
      reason: r.note,
      changedBy: person(r.changed_by),
      changedAt: r.changed_at,
      changes: stored ? diffEntryFields(bookType, previous?.fields ?? {}, r.fields) : [],
    }
  })
  return { entryId: entry.id, revisions: revisions.reverse(), noteEvents: noteEventsOf(notes, person) }
}

/** The notes' own events (they never change the entry's fields, so no revision records them). */
function noteEventsOf(notes: readonly EntryNoteRow[], person: (id: string | null) => PersonRef | null): NoteEventView[] {
  const events = notes.flatMap((note): NoteEventView[] => {
    const kind = isNoteKind(note.kind) ? note.kind : 'other'
    const basis = [note.note_date && `ngày ${note.note_date}`, note.decision_number && `số ${note.decision_number}`, note.authority].filter(Boolean).join(', ') || null
    const common = { noteId: note.id, kindLabel: NOTE_KINDS[kind], basis }
    const added: NoteEvent = note.source === 'import' ? 'import' : 'add'
    return [
      { ...common, event: added, eventLabel: NOTE_EVENTS[added], reason: null, by: person(note.created_by), at: note.created_at },
      ...(note.updated_at ? [{ ...common, event: 'edit' as const, eventLabel: NOTE_EVENTS.edit, reason: null, by: person(note.updated_by), at: note.updated_at }] : []),
      ...(note.withdrawn_at ? [{ ...common, event: 'withdraw' as const, eventLabel: NOTE_EVENTS.withdraw, reason: note.withdrawn_reason, by: person(note.withdrawn_by), at: note.withdrawn_at }] : []),
    ]
  })
  return events.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
}
