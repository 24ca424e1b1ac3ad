/**
 * Reading, normalising, routing and judging the rows of a file, in batches ready to be written.
 * Pure (no database): it runs in a worker thread during an import so that the CPU work (a third
 * of which is the domain's rule checks) overlaps the database writes of the previous batch.
 */
import { findField, type BookTypeCode } from '@hts/domain'
import { bookContext, prepareEntry, type PreparedEntry } from '../entries'
import { contentKey } from './numbering-keys'
import type { SheetFormat } from './file-checks'
import { matchBook, type ImportTarget } from './options'
import { readRows, type RawRow } from './readers'
import { SeenNumbers } from './seen-numbers'
import type { TargetBook } from './repository'
import { addNotes, judgeRow, normalizeRow, routeRow, storableCells, type ImportPlan, type NoteCounts } from './rows'

/** What the pipeline needs, all of it plain data (it crosses into a worker thread). */
export interface PipelineInit {
  filePath: string
  format: SheetFormat
  sheetName: string | null
  bookType: BookTypeCode
  headerRowNumber: number
  headers: string[]
  columns: { index: number; key: string; encoding: 'tcvn3' | 'vni' | null }[]
  dataColumns: number[]
  target: ImportTarget
  allowIncomplete: boolean
  books: TargetBook[]
  /** Rows up to here are already written: judged again (for in-file duplicates) but not returned. */
  checkpoint: number
  batchRows: number
}

/**
 * `cells`: the row as read, already as the JSON the rejected-rows table stores. One string instead of
 * ~70 values per row crosses from the worker (structured clone) and waits in the main thread while a
 * batch is written, and the JSON is made on the worker's core (on PGlite the main thread is the bound).
 */
export type Rejection = { rowNumber: number; cells: string; errors: { field: string; message: string }[] }
/** `warningIssues`: the row's warnings, stored with its row number when the row is written (import_warnings). */
export type Accepted = PreparedEntry & { contentKey?: string; occurrence?: number; cells: string; warningIssues: RowWarning[] }
export type RowWarning = { field: string; message: string }

export interface JudgedBatch {
  entries: Accepted[]
  rejections: Rejection[]
  firstRow: number | null
  lastRow: number
  rowsRead: number
  notes: NoteCounts
}

type Outcome = { kind: 'empty' } | { kind: 'reject'; errors: Rejection['errors']; notes: NoteCounts } | { kind: 'accept'; entry: Accepted; notes: NoteCounts }

function planFrom(init: PipelineInit): ImportPlan {
  return {
    bookType: init.bookType,
    headerRowNumber: init.headerRowNumber,
    headers: init.headers,
    dataColumns: init.dataColumns,
    columns: init.columns.flatMap((c) => {
      const field = findField(init.bookType, c.key)
      return field ? [{ index: c.index, field, encoding: c.encoding }] : []
    }),
  }
}


/** The verdict on each row: where it goes, whether it is taken, and why not. Remembers numbers seen in the file. */
export function createRowJudge(init: PipelineInit) {
  const plan = planFrom(init)
  const { bookType, target } = init
  const fixed = target.bookId ? init.books.find((b) => b.id === target.bookId) : undefined
  const byRoute = new Map<string, TargetBook | undefined>()
  const numbered = new SeenNumbers()
  const occurrences = new Map<string, number>()

  return (row: RawRow): Outcome => {
    const normalized = normalizeRow(plan, row.cells)
    if (normalized.empty) return { kind: 'empty' }
    const notes = normalized.notes
    const route = routeRow(normalized.fields, target)
    if (!route.ok) return { kind: 'reject', errors: [{ field: 'quyenSo', message: route.message }], notes }
    let book = fixed
    if (!book && 'label' in route) {
      if (!byRoute.has(route.key)) byRoute.set(route.key, matchBook(init.books, route, target.issuingAuthority))
      book = byRoute.get(route.key)
      if (!book) return { kind: 'reject', errors: [{ field: 'quyenSo', message: `Quyển sổ ${route.label} chưa có trong hệ thống: thêm sổ này trước, hoặc chọn "tạo sổ còn thiếu" khi nhập` }], notes }
    }
    if (!book) return { kind: 'reject', errors: [{ field: 'quyenSo', message: 'Quyển sổ đã chọn không còn trong đơn vị lưu giữ' }], notes }
    const verdict = judgeRow(bookType, normalized.fields, bookContext(book), init.allowIncomplete)
    if (!verdict.accepted) return { kind: 'reject', errors: verdict.errors, notes }
    const entry: Accepted = { ...prepareEntry(bookType, book, row.rowNumber, normalized.fields, verdict.complete, { importNotes: normalized.changed, warningCount: verdict.warnings }), cells: JSON.stringify(storableCells(row.cells)), warningIssues: verdict.warningIssues }
    if (entry.derived.so !== null) {
      const year = entry.derived.registration_year
      const earlier = numbered.firstOrRemember(book.id, year, entry.derived.so, row.rowNumber)
      if (earlier !== undefined) {
        return { kind: 'reject', errors: [{ field: 'so', message: `Trùng số ${entry.derived.so}${year ? ` năm ${year}` : ''} với dòng ${earlier} của tệp (số chạy lại từ 01 mỗi năm): kiểm tra lại số hoặc ngày đăng ký` }], notes }
      }
    } else {
      entry.contentKey = contentKey(book.id, normalized.fields)
      entry.occurrence = (occurrences.get(entry.contentKey) ?? 0) + 1
      occurrences.set(entry.contentKey, entry.occurrence)
    }
    return { kind: 'accept', entry, notes }
  }
}

const newBatch = (lastRow: number): JudgedBatch => ({ entries: [], rejections: [], firstRow: null, lastRow, rowsRead: 0, notes: {} })

/** The file's rows after the checkpoint, judged, `batchRows` at a time; the last batch may be empty (it moves the checkpoint). */
export async function* judgedBatches(init: PipelineInit): AsyncGenerator<JudgedBatch> {
  const judge = createRowJudge(init)
  let batch = newBatch(init.checkpoint)
  for await (const row of readRows(init.filePath, init.format, { sheetName: null }, init.sheetName)) {
    if (row.rowNumber <= init.headerRowNumber) continue
    const outcome = judge(row)
    if (row.rowNumber <= init.checkpoint) continue
    batch.lastRow = row.rowNumber
    if (outcome.kind === 'empty') continue
    batch.firstRow ??= row.rowNumber
    batch.rowsRead++
    addNotes(batch.notes, outcome.notes)
    if (outcome.kind === 'reject') batch.rejections.push({ rowNumber: row.rowNumber, cells: JSON.stringify(storableCells(row.cells)), errors: outcome.errors })
    else batch.entries.push(outcome.entry)
    if (batch.entries.length + batch.rejections.length >= init.batchRows) {
      yield batch
      batch = newBatch(batch.lastRow)
    }
  }
  if (batch.firstRow !== null || batch.lastRow > init.checkpoint) yield batch
}

export function pipelineColumns(columns: readonly { index: number; key: string | null; encoding: 'tcvn3' | 'vni' | null }[], bookType: BookTypeCode) {
  return columns.flatMap((c) => (c.key && findField(bookType, c.key) ? [{ index: c.index, key: c.key, encoding: c.encoding }] : []))
}
