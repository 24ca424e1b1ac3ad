/**
 * One file row → entry fields, its target book and its verdict. Shared by the analysis (preview,
 * counts) and the import job, so that what the user is shown is what the job does.
 */
import {
  formatPartialDate,
  parsePartialDate,
  parseVolume,
  validateEntry,
  volumeLabel,
  type BookContext,
  type BookTypeCode,
  type CellInput,
  type EntryIssue,
  type FieldDef,
  type LegacyEncoding,
  type ValueNote,
  normalizeCell,
} from '@hts/domain'

export interface ColumnPlan {
  index: number
  field: FieldDef
  encoding: LegacyEncoding | null
}

export interface ImportPlan {
  bookType: BookTypeCode
  /** 1-based row number of the header row; data starts below it. */
  headerRowNumber: number
  headers: string[]
  columns: ColumnPlan[]
  /** Columns that hold data (mapped or not): a row with nothing in them is blank (the STT counter does not count). */
  dataColumns: number[]
}

export type NoteCounts = Partial<Record<ValueNote, number>>

export function addNotes(into: NoteCounts, from: NoteCounts): void {
  for (const [note, n] of Object.entries(from) as [ValueNote, number][]) into[note] = (into[note] ?? 0) + n
}

export interface NormalizedRow {
  fields: Record<string, string>
  notes: NoteCounts
  /** Which field each note is about: kept on the entry so the checker sees what the import changed. */
  changed: Array<{ field: string; note: ValueNote }>
  empty: boolean
}

type NormalizedCell = ReturnType<typeof normalizeCell>
const CELL_CACHE_LIMIT = 5_000
const cellCaches = new WeakMap<ColumnPlan, Map<string, NormalizedCell>>()

/**
 * normalizeCell for text cells, remembered per column: most columns of a register repeat a few
 * hundred values (codes, dates, places), and a large import spends its time here otherwise.
 */
function normalizedCell(column: ColumnPlan, cell: CellInput): NormalizedCell {
  if (typeof cell !== 'string') return normalizeCell(column.field, cell, column.encoding)
  let cache = cellCaches.get(column)
  if (!cache) cellCaches.set(column, (cache = new Map()))
  let result = cache.get(cell)
  if (result === undefined) {
    result = normalizeCell(column.field, cell, column.encoding)
    // Bounded: a column of names is mostly distinct values; start over rather than grow.
    if (cache.size >= CELL_CACHE_LIMIT) cache.clear()
    cache.set(cell, result)
  }
  return result
}

export function normalizeRow(plan: ImportPlan, cells: readonly CellInput[]): NormalizedRow {
  const fields: Record<string, string> = {}
  const notes: NoteCounts = {}
  const changed: NormalizedRow['changed'] = []
  for (const column of plan.columns) {
    const result = normalizedCell(column, cells[column.index])
    if (result.value !== '') fields[column.field.key] = result.value
    for (const note of result.notes) {
      notes[note] = (notes[note] ?? 0) + 1
      changed.push({ field: column.field.key, note })
    }
  }
  // normalizeCell gives trimmed NFC text and empty cells are left out: already what cleanFields makes of a keyed entry.
  const empty = Object.keys(fields).length === 0 && plan.dataColumns.every((i) => {
    const cell = cells[i]
    return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')
  })
  return { fields, notes, changed, empty }
}

/** Where rows go: one chosen book, or the volume each row names (quyenSo) in the chosen office. */
export interface RouteTarget {
  bookId?: string | null | undefined
  /** Year of volumes written without one ("01"). */
  year?: number | null | undefined
}

export type Route =
  | { ok: true; key: string; label: string; number: string; year: number; yearFrom: 'volume' | 'target' | 'registration' }
  | { ok: true; key: 'fixed' }
  | { ok: false; message: string }

export function routeRow(fields: Record<string, string>, target: RouteTarget): Route {
  if (target.bookId) return { ok: true, key: 'fixed' }
  const written = fields.quyenSo
  if (!written) return { ok: false, message: 'Thiếu quyển số: ghi quyển số (ví dụ 01/2008) hoặc chọn một quyển sổ cho cả tệp' }
  const ref = parseVolume(written)
  if (!ref) return { ok: false, message: `Quyển số "${written}" không đọc được: ghi dạng 01/2008 hoặc 01` }
  let year = ref.year
  let yearFrom: 'volume' | 'target' | 'registration' = 'volume'
  if (year === null && target.year) {
    year = target.year
    yearFrom = 'target'
  }
  if (year === null && fields.ngayDangKy) {
    const date = parsePartialDate(fields.ngayDangKy)
    if (date.ok) {
      year = date.value.year
      yearFrom = 'registration'
    }
  }
  if (year === null) return { ok: false, message: `Quyển số "${written}" không ghi năm: ghi dạng ${ref.number}/2008 hoặc chọn năm của quyển sổ` }
  const label = volumeLabel({ number: ref.number, year })
  return { ok: true, key: label, label, number: ref.number, year, yearFrom }
}

export interface RowVerdict {
  /** Taken into the book: complete (no error at all) or, with `allowIncomplete`, missing required fields only. */
  accepted: boolean
  /** No error at all: the entries module starts it past the draft (its status comes from the transition table). */
  complete: boolean
  /** Errors that keep the row out (Vietnamese, per field). */
  errors: { field: string; message: string }[]
  warnings: number
  /** The warnings themselves (Vietnamese, per field): an accepted row's are listed in the import's result. */
  warningIssues: { field: string; message: string }[]
}

/**
 * Errors keep a row out. With `allowIncomplete`, a row whose only errors are missing required
 * fields is taken as a draft (a contractor's partial file: the keyer finishes it against the page).
 */
export function judgeRow(bookType: BookTypeCode, fields: Record<string, string>, book: BookContext | undefined, allowIncomplete: boolean): RowVerdict {
  const issues: EntryIssue[] = validateEntry(bookType, fields, book)
  const errors = issues.filter((i) => i.severity === 'error')
  const warnings = issues.length - errors.length
  const blocking = allowIncomplete ? errors.filter((i) => i.code !== 'required') : errors
  if (blocking.length > 0) return { accepted: false, complete: false, errors: blocking.map(({ field, message }) => ({ field, message })), warnings, warningIssues: [] }
  const warningIssues = issues.filter((i) => i.severity !== 'error').map(({ field, message }) => ({ field, message }))
  return { accepted: true, complete: errors.length === 0, errors: [], warnings, warningIssues }
}

/** Cells as the rejected-rows file writes them back: dates in the MOJ form, the rest as read. */
export function storableCells(cells: readonly CellInput[]): (string | number | boolean | null)[] {
  return cells.map((cell) => {
    if (cell === undefined || cell === null) return null
    if (cell instanceof Date) {
      const parsed = parsePartialDate(cell)
      return parsed.ok ? formatPartialDate(parsed.value) : null
    }
    return cell
  })
}
