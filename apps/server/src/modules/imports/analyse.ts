/**
 * The look at a file before anything is written: which row is the header, which columns match which
 * fields (and which are unknown or missing), which columns are in a legacy encoding, how many rows,
 * which books they go to, what the first rows become. One streaming pass over the file.
 */
import {
  analyseHeaders,
  detectColumnEncoding,
  findField,
  findHeaderRow,
  isTextKind,
  matchHeader,
  type BookTypeCode,
  type CellInput,
  type ColumnMapping,
  type ColumnMatch,
  type LegacyEncoding,
} from '@hts/domain'
import type { SheetFormat } from './file-checks'
import { cellText, readRows, sheetHeads, type RawRow, type SheetInfo } from './readers'
import { addNotes, normalizeRow, routeRow, type ImportPlan, type NoteCounts, type RouteTarget } from './rows'

const HEADER_SEARCH_ROWS = 20
const PREVIEW_ROWS = 10
/** Values per column looked at for a legacy encoding: enough to decide, bounded for huge files. */
const ENCODING_SAMPLE = 3000
/** Rows whose every cell is normalised during the analysis (value notes); the import counts them all. */
export const NOTES_SAMPLE = 5000

export interface AnalysisColumn extends ColumnMatch {
  label: string | null
  encoding: LegacyEncoding | null
  /** Values in the sample that read as the legacy encoding (converted on import). */
  legacyValues: number
}

export interface RouteSummary {
  key: string
  label: string
  number: string
  year: number
  yearFrom: 'volume' | 'target' | 'registration'
  rows: number
}

export interface Analysis {
  sheetName: string | null
  csv: { encoding: string; delimiter: string } | null
  headerRowNumber: number
  headers: string[]
  layout: string
  columns: AnalysisColumn[]
  missingRequired: { key: string; label: string }[]
  missingOptionalCount: number
  rowCount: number
  emptyRows: number
  /** Value notes (Excel dates, restored zeros...) over the first `notesSampledRows` rows. */
  notes: NoteCounts
  notesSampledRows: number
  preview: { rowNumber: number; fields: Record<string, string> }[]
  routes: RouteSummary[]
  unroutable: { rows: number; examples: { rowNumber: number; message: string }[] }
}

export function planOf(bookType: BookTypeCode, analysis: Pick<Analysis, 'headerRowNumber' | 'headers' | 'columns'>): ImportPlan {
  return {
    bookType,
    headerRowNumber: analysis.headerRowNumber,
    headers: analysis.headers,
    columns: analysis.columns.flatMap((c) => {
      const field = c.key ? findField(bookType, c.key) : undefined
      return field ? [{ index: c.index, field, encoding: c.encoding }] : []
    }),
    dataColumns: analysis.columns.filter((c) => c.status !== 'ignored').map((c) => c.index),
  }
}

/** The sheet whose header names the most fields of the type (first in the workbook's order on a tie). */
async function dataSheet(filePath: string, bookType: BookTypeCode): Promise<string | null> {
  let best: { name: string; score: number } | null = null
  for (const head of await sheetHeads(filePath, HEADER_SEARCH_ROWS)) {
    const texts = head.rows.map((r) => r.cells.map(cellText))
    const header = texts[findHeaderRow(bookType, texts)] ?? []
    const score = header.filter((h) => matchHeader(bookType, h) !== undefined).length
    if (!best || score > best.score) best = { name: head.name, score }
  }
  return best && best.score > 0 ? best.name : null
}

const hasHighBytes = (value: CellInput): value is string => typeof value === 'string' && /[\u0080-\uFFFF]/.test(value)

export async function analyseFile(
  filePath: string,
  format: SheetFormat,
  bookType: BookTypeCode,
  mapping: ColumnMapping,
  target: RouteTarget,
): Promise<Analysis> {
  const info: SheetInfo = { sheetName: null }
  const rows = readRows(filePath, format, info, format === 'xlsx' ? await dataSheet(filePath, bookType) : null)
  const head: RawRow[] = []
  let plan: ImportPlan | undefined
  let headerAnalysis: ReturnType<typeof analyseHeaders> | undefined
  const samples = new Map<number, string[]>()
  const previewRaw: RawRow[] = []
  const notes: NoteCounts = {}
  const routes = new Map<string, RouteSummary>()
  const unroutable = { rows: 0, examples: [] as { rowNumber: number; message: string }[] }
  let rowCount = 0
  let emptyRows = 0

  const start = () => {
    const texts = head.map((r) => r.cells.map(cellText))
    const headerIndex = findHeaderRow(bookType, texts)
    const headers = (texts[headerIndex] ?? []).map((h) => h.replace(/\s+/g, ' ').trim())
    headerAnalysis = analyseHeaders(bookType, headers, mapping)
    const headerRowNumber = head[headerIndex]?.rowNumber ?? 1
    plan = planOf(bookType, { headerRowNumber, headers, columns: headerAnalysis.columns.map((c) => ({ ...c, label: null, encoding: null, legacyValues: 0 })) })
    for (const column of plan.columns) if (isTextKind(column.field)) samples.set(column.index, [])
    const rest = head.filter((r) => r.rowNumber > headerRowNumber)
    head.length = 0
    for (const row of rest) take(row)
  }

  let routing: ImportPlan | undefined
  const take = (row: RawRow) => {
    if (!plan) return
    // Every cell of the first rows (the notes shown before importing); only what routes a row after that.
    routing ??= { ...plan, columns: plan.columns.filter((c) => c.field.key === 'quyenSo' || c.field.key === 'ngayDangKy') }
    const normalized = normalizeRow(rowCount < NOTES_SAMPLE ? plan : routing, row.cells)
    if (normalized.empty) {
      emptyRows++
      return
    }
    rowCount++
    addNotes(notes, normalized.notes)
    if (previewRaw.length < PREVIEW_ROWS) previewRaw.push(row)
    for (const [index, list] of samples) {
      const value = row.cells[index]
      if (list.length < ENCODING_SAMPLE && hasHighBytes(value)) list.push(value)
    }
    const route = routeRow(normalized.fields, target)
    if (!route.ok) {
      unroutable.rows++
      if (unroutable.examples.length < 5) unroutable.examples.push({ rowNumber: row.rowNumber, message: route.message })
    } else if (route.key !== 'fixed' && 'label' in route) {
      const known = routes.get(route.key)
      if (known) known.rows++
      else routes.set(route.key, { key: route.key, label: route.label, number: route.number, year: route.year, yearFrom: route.yearFrom, rows: 1 })
    }
  }

  for await (const row of rows) {
    if (!plan) {
      head.push(row)
      if (head.length >= HEADER_SEARCH_ROWS) start()
    } else take(row)
  }
  if (!plan) start()
  if (!plan || !headerAnalysis) throw new Error('analysis did not start')

  const encodings = new Map<number, { encoding: LegacyEncoding | null; legacyValues: number }>()
  for (const [index, values] of samples) {
    const decided = detectColumnEncoding(values)
    encodings.set(index, { encoding: decided.encoding, legacyValues: decided.detectedValues })
  }
  const columns: AnalysisColumn[] = headerAnalysis.columns.map((c) => ({
    ...c,
    label: c.key ? (findField(bookType, c.key)?.label ?? null) : null,
    encoding: encodings.get(c.index)?.encoding ?? null,
    legacyValues: encodings.get(c.index)?.legacyValues ?? 0,
  }))
  const finalPlan = planOf(bookType, { headerRowNumber: plan.headerRowNumber, headers: plan.headers, columns })
  return {
    sheetName: info.sheetName,
    csv: info.encoding ? { encoding: info.encoding, delimiter: info.delimiter ?? ',' } : null,
    headerRowNumber: plan.headerRowNumber,
    headers: plan.headers,
    layout: headerAnalysis.layout,
    columns,
    missingRequired: headerAnalysis.missingRequired.map((key) => ({ key, label: findField(bookType, key)?.label ?? key })),
    missingOptionalCount: headerAnalysis.missingOptional.length,
    rowCount,
    emptyRows,
    notes,
    notesSampledRows: Math.min(rowCount, NOTES_SAMPLE),
    preview: previewRaw.map((row) => ({ rowNumber: row.rowNumber, fields: normalizeRow(finalPlan, row.cells).fields })),
    routes: [...routes.values()].sort((a, b) => a.year - b.year || a.number.localeCompare(b.number)),
    unroutable,
  }
}
