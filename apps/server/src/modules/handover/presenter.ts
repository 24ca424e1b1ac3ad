import { ENTRY_STATUSES, HANDOVER_PDF_STATUSES, isEntryStatus, type HandoverBatchView, type HandoverEntryView, type HandoverPdfStatus, type HandoverPdfsView, type PendingRehandoverItem } from '@hts/domain'
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
    pdfs: presentPdfs(row),
  }
}

const CANCELLED = 'Tác vụ tạo tệp PDF đã bị huỷ'

/** Where the batch's PDFs stand, from the batch and the job that builds them. */
export function presentPdfs(row: BatchRow): HandoverPdfsView {
  const view = (status: HandoverPdfStatus, done: number, error: string | null): HandoverPdfsView =>
    ({ status, statusLabel: HANDOVER_PDF_STATUSES[status], expected: row.pdfs_expected, done, error })
  if (row.pdfs_expected === 0) return view('none', 0, null)
  if (row.pdf_zip_sha256) return view('ready', row.pdfs_expected, null)
  if (row.pdf_job_status === 'failed') return view('failed', 0, row.pdf_job_error ?? CANCELLED)
  if (row.pdf_job_status === 'cancelled' || row.pdf_job_status === null) return view('failed', 0, CANCELLED)
  const progress = row.pdf_job_progress
  const done = typeof progress === 'object' && progress !== null && 'done' in progress && typeof progress.done === 'number' ? progress.done : 0
  return view('building', done, null)
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
