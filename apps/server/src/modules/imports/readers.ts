/**
 * Streams the rows of an .xlsx (xlsx-reader.ts: a 100,000-row file is never held whole)
 * or a .csv (UTF-8/UTF-16 with or without BOM, old 8-bit files read as Latin-1 so that the
 * legacy-encoding detection sees TCVN3/VNI bytes; `;`, `,` or tab). Cells come out flattened.
 */
import fs from 'node:fs'
import { parse } from 'csv-parse'
import iconv from 'iconv-lite'
import { foldKey, type CellInput } from '@hts/domain'
import { BROKEN_XLSX, fileError, type SheetFormat } from './file-checks'
import { XlsxReader, type XlsxSheet } from './xlsx-reader'

export interface RawRow {
  /** 1-based row number in the sheet (record number in a CSV), as the user sees it. */
  rowNumber: number
  /** 0-based by column. */
  cells: CellInput[]
}

export interface SheetInfo {
  sheetName: string | null
  /** CSV only: what was detected. */
  encoding?: CsvEncoding
  delimiter?: string
}

/**
 * The sheet holding the data when none was chosen: "DL Import" (the MOJ template) if there is
 * one, else the first visible sheet in the workbook's order.
 */
function defaultSheet(sheets: readonly XlsxSheet[]): XlsxSheet | undefined {
  return sheets.find((s) => foldKey(s.name) === 'dl import') ?? sheets.find((s) => !s.hidden) ?? sheets[0]
}

async function* readXlsx(filePath: string, info: SheetInfo, sheetName: string | undefined): AsyncGenerator<RawRow> {
  const reader = await XlsxReader.open(filePath)
  try {
    const sheet = (sheetName ? reader.sheets.find((s) => s.name === sheetName) : undefined) ?? defaultSheet(reader.sheets)
    if (!sheet) throw fileError(BROKEN_XLSX)
    info.sheetName = sheet.name
    yield* reader.rows(sheet)
  } finally {
    reader.close()
  }
}

/** The first rows of every sheet, in the workbook's order, to find the one holding the data. */
export async function sheetHeads(filePath: string, maxRows: number): Promise<{ name: string; rows: RawRow[] }[]> {
  const reader = await XlsxReader.open(filePath)
  try {
    const heads: { name: string; rows: RawRow[] }[] = []
    for (const sheet of reader.sheets) {
      const rows: RawRow[] = []
      for await (const row of reader.rows(sheet)) {
        rows.push(row)
        if (rows.length >= maxRows) break
      }
      heads.push({ name: sheet.name, rows })
    }
    return heads
  } finally {
    reader.close()
  }
}

export type CsvEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'latin1'

/** BOM first; then UTF-16 by its zero bytes; then UTF-8 if the bytes are valid UTF-8; else an 8-bit file. */
export function detectCsvEncoding(head: Buffer): { encoding: CsvEncoding; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 }
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue
    if (i % 2 === 0) evenZeros++
    else oddZeros++
  }
  const pairs = Math.max(1, head.length / 2)
  if (oddZeros / pairs > 0.3) return { encoding: 'utf16le', bomLength: 0 }
  if (evenZeros / pairs > 0.3) return { encoding: 'utf16be', bomLength: 0 }
  // Cut a multi-byte character split by the sample's end before testing.
  let end = head.length
  while (end > 0 && end > head.length - 4 && ((head[end - 1] ?? 0) & 0xc0) === 0x80) end--
  if (end > 0 && ((head[end - 1] ?? 0) & 0xc0) === 0xc0) end--
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end))
    return { encoding: 'utf8', bomLength: 0 }
  } catch {
    return { encoding: 'latin1', bomLength: 0 }
  }
}

/** The separator used most on the first line (outside quotes): `;` is what Excel writes in Vietnamese locales. */
export function detectDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 }
  let quoted = false
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] ?? [',', 0]
  return count > 0 ? best : ','
}

async function* readCsv(filePath: string, info: SheetInfo): AsyncGenerator<RawRow> {
  const head = Buffer.alloc(64 * 1024)
  const handle = await fs.promises.open(filePath, 'r')
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close())
  const sample = head.subarray(0, bytesRead)
  const { encoding, bomLength } = detectCsvEncoding(sample)
  const firstLine = iconv.decode(sample.subarray(bomLength), encoding).split(/\r?\n/)[0] ?? ''
  const delimiter = detectDelimiter(firstLine)
  info.encoding = encoding
  info.delimiter = delimiter
  info.sheetName = null
  const source = fs.createReadStream(filePath, { start: bomLength })
  const parser = source
    .pipe(iconv.decodeStream(encoding, { stripBOM: true }))
    .pipe(parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }))
  let rowNumber = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++
      yield { rowNumber, cells: record }
    }
  } catch (error) {
    throw fileError(`Không đọc được tệp CSV ở dòng ${rowNumber + 1}: ${error instanceof Error ? error.message.slice(0, 160) : 'lỗi đọc'}. Kiểm tra dấu ngoặc kép và dấu phân cách, hoặc lưu lại tệp từ Excel.`)
  } finally {
    source.destroy()
  }
}

/** Every row of the file's data sheet, in order; `info` is filled as soon as it is known. */
export function readRows(filePath: string, format: SheetFormat, info: SheetInfo = { sheetName: null }, sheet?: string | null): AsyncGenerator<RawRow> {
  return format === 'xlsx' ? readXlsx(filePath, info, sheet ?? undefined) : readCsv(filePath, info)
}

/** Text of a cell as the user typed it (for headers, the rejected-rows file and encoding detection). */
export function cellText(cell: CellInput): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  return String(cell)
}
