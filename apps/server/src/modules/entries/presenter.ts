import { z } from 'zod'
import { ENTRY_STATUSES, isEntryStatus, VALUE_NOTES, type BookTypeCode, type EntryIssue, type EntrySummary, type EntryView, type ImportNoteView, type Role, type ValueNote } from '@hts/domain'
import { allowedEntryActions } from './policy'
import type { EntryRow } from './repository'

const StoredImportNotes = z.array(z.object({ field: z.string(), note: z.enum(Object.keys(VALUE_NOTES) as [ValueNote, ...ValueNote[]]) }))

/** The import's notes as stored (migration 0009); a row that does not parse shows none rather than failing the read. */
export function importNotesOf(entry: Pick<EntryRow, 'import_notes'>): ImportNoteView[] {
  const parsed = StoredImportNotes.safeParse(entry.import_notes)
  return parsed.success ? parsed.data.map((n) => ({ field: n.field, note: n.note, message: VALUE_NOTES[n.note] })) : []
}

export function presentEntry(entry: EntryRow, issues: EntryIssue[], user: { id: string; role: Role }, pageIds: string[] = []): EntryView {
  return {
    id: entry.id,
    bookId: entry.book_id,
    bookType: entry.book_type as BookTypeCode,
    so: entry.so,
    trangSo: entry.trang_so,
    registrationDate: entry.fields.ngayDangKy ?? null,
    status: entry.status,
    statusLabel: isEntryStatus(entry.status) ? ENTRY_STATUSES[entry.status] : entry.status,
    fields: entry.fields,
    /** Scanned page(s) the entry is on, in order. */
    pageIds,
    /** Fields the keyer marked illegible (khó đọc). */
    illegibleFields: entry.illegible_fields ?? [],
    issues,
    version: entry.version,
    allowedActions: allowedEntryActions(user, entry),
    keyedBy: entry.keyed_by,
    contentChangedBy: entry.content_changed_by,
    returnReason: entry.return_reason,
    importNotes: importNotesOf(entry),
    statusChangedAt: entry.status_changed_at,
    createdAt: entry.created_at,
    updatedAt: entry.updated_at,
  }
}
export type { EntryView }

export function presentEntrySummary(entry: EntryRow): EntrySummary {
  return {
    id: entry.id,
    so: entry.so,
    trangSo: entry.trang_so,
    registrationDate: entry.fields.ngayDangKy ?? null,
    subjectName: entry.subject_name,
    status: entry.status,
    statusLabel: isEntryStatus(entry.status) ? ENTRY_STATUSES[entry.status] : entry.status,
    version: entry.version,
    returnReason: entry.return_reason,
    updatedAt: entry.updated_at,
  }
}
