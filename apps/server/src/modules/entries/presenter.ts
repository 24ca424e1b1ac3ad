import { ENTRY_STATUSES, isEntryStatus, type BookTypeCode, type EntryIssue, type EntrySummary, type EntryView, type Role } from '@hts/domain'
import { allowedEntryActions } from './policy'
import type { EntryRow } from './repository'

export function presentEntry(entry: EntryRow, issues: EntryIssue[], user: { role: Role }, pageIds: string[] = []): EntryView {
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
    allowedActions: allowedEntryActions(user, entry.status),
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
    updatedAt: entry.updated_at,
  }
}
