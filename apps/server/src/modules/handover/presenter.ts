import { ENTRY_STATUSES, isEntryStatus, type HandoverBatchView, type HandoverEntryView, type PendingRehandoverItem } from '@hts/domain'
import type { NextRevision } from '../entries'
import type { BatchRow, ManifestRow } from './repository'

export const packageUrlOf = (batchId: string) => `/api/handovers/${batchId}/package.zip`

export function presentBatch(row: BatchRow, names: ReadonlyMap<string, string>): HandoverBatchView {
  return {
    id: row.id,
    bookId: row.book_id,
    unitId: row.custodian_unit_id,
    createdBy: row.created_by,
    createdByName: row.created_by ? (names.get(row.created_by) ?? null) : null,
    createdAt: row.created_at,
    entryCount: row.entry_count,
    excelSha256: row.excel_sha256,
    manifestSha256: row.manifest_sha256,
    note: row.note,
    packageUrl: packageUrlOf(row.id),
  }
}

/** One manifest line, with the number and date as the handed-over version wrote them. */
export function presentManifestEntry(row: ManifestRow, fields: Readonly<Record<string, string>> | undefined): HandoverEntryView {
  return {
    entryId: row.entry_id,
    so: fields?.so ?? null,
    ngayDangKy: fields?.ngayDangKy ?? null,
    version: row.version,
    sha256: row.fields_sha256,
    rehandover: row.rehandover,
  }
}

export interface PendingRow {
  entry_id: string
  handed_version: number
  batch_id: string
  batch_created_at: Date
  so: number | null
  registration_date: string | null
  subject_name: string | null
  status: string
  version: number
}

export function presentPending(row: PendingRow, next: NextRevision | undefined, names: ReadonlyMap<string, string>): PendingRehandoverItem {
  return {
    entryId: row.entry_id,
    so: row.so,
    registrationDate: row.registration_date,
    subjectName: row.subject_name,
    status: row.status,
    statusLabel: isEntryStatus(row.status) ? ENTRY_STATUSES[row.status] : row.status,
    version: row.version,
    batchId: row.batch_id,
    batchCreatedAt: row.batch_created_at,
    handedOverVersion: row.handed_version,
    reason: next?.note ?? null,
    changeKind: next?.changeKind ?? null,
    changedAt: next?.changedAt ?? null,
    changedByName: next?.changedBy ? (names.get(next.changedBy) ?? null) : null,
  }
}
