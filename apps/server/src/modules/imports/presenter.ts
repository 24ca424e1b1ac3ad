import { findField, IMPORT_STATUSES, isBookTypeCode, type ImportRowWarnings, type ImportView } from '@hts/domain'
import { jsonObject, jsonObjectOrNull, stringMapping } from '../../http/wire'
import type { JobRow } from '../jobs'
import type { RouteSummary } from './analyse'
import type { ImportRow } from './repository'
import { StoredAnalysis, StoredRowWarnings } from './stored'

export { IMPORT_STATUSES }

export interface ImportViewExtras {
  job: JobRow | undefined
  routes: (RouteSummary & { bookId: string | null })[]
  createdByName: string | null
  previous: { id: string; created_at: Date; counts: unknown; job_status: string | null; created_by_name: string | null }[]
  rejectedCount: number
  /** A draft never started is removed after this moment (upload-cleanup.ts); null once started. */
  expiresAt: Date | null
}

/** What the client sees of an import: file, analysis, choices, progress and counts. */
export function presentImport(row: ImportRow, extras: ImportViewExtras): ImportView {
  const status = extras.job?.status ?? 'analysed'
  const analysis = row.analysis === null ? null : StoredAnalysis.parse(row.analysis)
  return {
    id: row.id,
    fileName: row.file_name,
    fileFormat: row.file_format,
    fileSize: row.file_size,
    sha256: row.file_sha256,
    bookType: row.book_type,
    unitId: row.unit_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: extras.createdByName,
    status,
    statusLabel: IMPORT_STATUSES[status],
    jobId: row.job_id,
    progress: jsonObjectOrNull(extras.job?.progress),
    error: extras.job?.error ?? null,
    counts: jsonObject(row.counts),
    options: jsonObject(row.options),
    mapping: stringMapping(row.mapping),
    // The preview shows people's data: it is for deciding before the import, not for polling after.
    analysis: analysis ? { ...analysis, routes: extras.routes, preview: row.job_id ? [] : analysis.preview } : null,
    previousImports: extras.previous.map((p) => ({ id: p.id, createdAt: p.created_at, status: p.job_status, createdByName: p.created_by_name, counts: jsonObject(p.counts) })),
    rejectedCount: extras.rejectedCount,
    expiresAt: extras.expiresAt,
  }
}
export type { ImportView }

/** Names a warning's field as the user knows it: the catalog's label and the file's column it was read from. */
export function warningFieldNames(row: Pick<ImportRow, 'analysis' | 'book_type'>): (field: string) => { label: string; column: string | null } {
  const analysis = row.analysis === null ? null : StoredAnalysis.parse(row.analysis)
  const columns = new Map<string, string>()
  for (const column of analysis?.columns ?? []) if (column.key && !columns.has(column.key)) columns.set(column.key, column.header)
  const bookType = isBookTypeCode(row.book_type) ? row.book_type : undefined
  return (field) => ({
    label: (bookType && findField(bookType, field)?.label) ?? (field === '' ? 'Cả trường hợp' : field),
    column: columns.get(field) ?? null,
  })
}

export function presentRowWarnings(row: { row_number: number; warnings: unknown }, names: ReturnType<typeof warningFieldNames>): ImportRowWarnings {
  return { rowNumber: row.row_number, warnings: StoredRowWarnings.parse(row.warnings).map((w) => ({ ...w, ...names(w.field) })) }
}
