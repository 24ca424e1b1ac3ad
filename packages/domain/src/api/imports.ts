import { z } from 'zod'
import { JsonObject, listOf, pageOf, Timestamp } from './common'
import { JOB_STATUSES, type JobStatus } from './jobs'

/** Response shapes of the Excel/CSV imports API: the analysis, the import's progress, saved mappings. */

/** An import's status is its job's, worded for an import. */
export const IMPORT_STATUSES = {
  ...JOB_STATUSES,
  analysed: 'Đã phân tích, chưa nhập',
  running: 'Đang nhập',
  failed: 'Thất bại (đã hủy phần dở)',
} as const satisfies Record<JobStatus | 'analysed', string>
export type ImportStatus = keyof typeof IMPORT_STATUSES
export const ImportStatusSchema = z.enum(Object.keys(IMPORT_STATUSES) as [ImportStatus, ...ImportStatus[]])
export type { JobStatus }

/** Column mapping: header text → catalog key (null: column skipped). */
export const ColumnMappingView = z.record(z.string(), z.string().nullable())

export const AnalysisColumn = z.object({
  index: z.number().int(),
  header: z.string(),
  key: z.string().nullable(),
  status: z.enum(['matched', 'mapped', 'ignored', 'unknown', 'duplicate']),
  suggestions: z.array(z.object({ key: z.string(), label: z.string(), score: z.number() })),
  label: z.string().nullable(),
  encoding: z.enum(['tcvn3', 'vni']).nullable(),
  legacyValues: z.number().int(),
})
export type AnalysisColumn = z.infer<typeof AnalysisColumn>

export const ImportRoute = z.object({
  key: z.string(),
  label: z.string(),
  number: z.string(),
  year: z.number().int(),
  yearFrom: z.enum(['volume', 'target', 'registration']),
  rows: z.number().int(),
  bookId: z.uuid().nullable().describe('Sổ đã có; null: sổ sẽ được tạo (hoặc các dòng bị loại)'),
})
export type ImportRoute = z.infer<typeof ImportRoute>

export const ImportAnalysis = z.object({
  sheetName: z.string().nullable(),
  csv: z.object({ encoding: z.string(), delimiter: z.string() }).nullable(),
  headerRowNumber: z.number().int(),
  headers: z.array(z.string()),
  layout: z.string(),
  columns: z.array(AnalysisColumn),
  missingRequired: z.array(z.object({ key: z.string(), label: z.string() })),
  missingOptionalCount: z.number().int(),
  rowCount: z.number().int(),
  emptyRows: z.number().int(),
  notes: z.record(z.string(), z.number()).describe('Ghi chú về giá trị (ngày Excel, số 0 đầu...) trên notesSampledRows dòng đầu'),
  notesSampledRows: z.number().int(),
  preview: z.array(z.object({ rowNumber: z.number().int(), fields: z.record(z.string(), z.string()) })),
  routes: z.array(ImportRoute),
  unroutable: z.object({ rows: z.number().int(), examples: z.array(z.object({ rowNumber: z.number().int(), message: z.string() })) }),
})
export type ImportAnalysis = z.infer<typeof ImportAnalysis>

/** One import: file, analysis, choices, progress and counts. */
export const ImportView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  fileFormat: z.enum(['xlsx', 'csv']),
  fileSize: z.number().int(),
  sha256: z.string(),
  bookType: z.string(),
  unitId: z.uuid(),
  createdAt: Timestamp,
  createdBy: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  status: ImportStatusSchema,
  statusLabel: z.string(),
  jobId: z.uuid().nullable(),
  progress: JsonObject.nullable(),
  error: z.string().nullable(),
  counts: JsonObject,
  options: JsonObject,
  mapping: ColumnMappingView,
  analysis: ImportAnalysis.nullable(),
  previousImports: z.array(z.object({ id: z.uuid(), createdAt: Timestamp, status: z.string().nullable(), createdByName: z.string().nullable(), counts: JsonObject })),
  rejectedCount: z.number().int(),
  expiresAt: Timestamp.nullable().describe('Tệp chưa bắt đầu nhập bị xóa sau thời điểm này; null khi đã bắt đầu'),
})
export type ImportView = z.infer<typeof ImportView>

/** A row the import took although its rules gave warnings: where it is in the file, and each warning. */
export const ImportRowWarnings = z.object({
  rowNumber: z.number().int().describe('Dòng trong tệp gốc (như Excel đánh số)'),
  warnings: z.array(z.object({
    field: z.string().describe('Mã trường theo danh mục (rỗng: cả trường hợp)'),
    label: z.string().describe('Tên trường'),
    column: z.string().nullable().describe('Tiêu đề cột của tệp chứa trường này; null: tệp không có cột đó'),
    message: z.string(),
  })),
})
export type ImportRowWarnings = z.infer<typeof ImportRowWarnings>

/** The rows taken with warnings, in file order, one page at a time (an import may have a million). */
export const ImportWarningPage = pageOf(ImportRowWarnings)
export type ImportWarningPage = z.infer<typeof ImportWarningPage>

export const ImportListItem = z.object({
  id: z.uuid(),
  fileName: z.string(),
  bookType: z.string(),
  createdAt: Timestamp,
  createdByName: z.string().nullable(),
  status: ImportStatusSchema,
  statusLabel: z.string(),
  progress: JsonObject.nullable(),
  error: z.string().nullable(),
  counts: JsonObject,
})
export type ImportListItem = z.infer<typeof ImportListItem>

export const ImportList = listOf(ImportListItem)
export type ImportList = z.infer<typeof ImportList>

export const SavedMapping = z.object({ id: z.uuid(), name: z.string(), bookType: z.string(), mapping: ColumnMappingView, unitId: z.uuid(), updatedAt: Timestamp })
export type SavedMapping = z.infer<typeof SavedMapping>

export const SavedMappingList = listOf(SavedMapping)
export type SavedMappingList = z.infer<typeof SavedMappingList>

/** Scans attached from a zip of per-entry PDFs. */
export const ScanZipResult = z.object({
  attached: z.number().int(),
  unmatched: z.array(z.object({ name: z.string(), reason: z.string() })),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  jobIds: z.array(z.uuid()),
})
export type ScanZipResult = z.infer<typeof ScanZipResult>
