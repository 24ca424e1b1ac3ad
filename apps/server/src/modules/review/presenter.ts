import { BOOK_TYPES, ENTRY_STATUSES, isBookTypeCode, isEntryStatus, type ReviewQueueItem } from '@hts/domain'
import type { BookRow } from '../books'
import type { EntryRow } from '../entries'

export function bookLabelOf(book: Pick<BookRow, 'book_type' | 'volume' | 'year'>): string {
  const type = isBookTypeCode(book.book_type) ? BOOK_TYPES[book.book_type].shortLabel : book.book_type
  return `${type}, quyển ${book.volume}/${book.year}`
}

export function presentQueueItem(entry: EntryRow, book: BookRow, keyedByName: string | null): ReviewQueueItem {
  const importNotes = Array.isArray(entry.import_notes) ? entry.import_notes.length : 0
  return {
    id: entry.id,
    bookId: entry.book_id,
    bookType: book.book_type as ReviewQueueItem['bookType'],
    bookLabel: bookLabelOf(book),
    so: entry.so,
    registrationDate: entry.fields.ngayDangKy ?? null,
    subjectName: entry.subject_name,
    status: entry.status,
    statusLabel: isEntryStatus(entry.status) ? ENTRY_STATUSES[entry.status] : entry.status,
    version: entry.version,
    keyedBy: entry.keyed_by,
    keyedByName,
    waitingSince: entry.status_changed_at,
    warningCount: entry.warning_count,
    illegibleCount: entry.illegible_fields?.length ?? 0,
    importNoteCount: importNotes,
  }
}
