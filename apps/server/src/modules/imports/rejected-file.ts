/**
 * The rows an import set aside, as an .xlsx the user can fix and import again: the file's own
 * columns in its own order, then the original row number and "Lỗi" (both ignored on re-import).
 */
import type { Writable } from 'node:stream'
import { ERROR_COLUMN_HEADER, SOURCE_ROW_HEADER } from '@hts/domain'
import { addSafeRow, createWorkbookWriter, type SafeCellValue } from '../../lib/xlsx-writer'

export interface RejectedRow {
  row_number: number
  cells: unknown[]
  errors: { field: string; message: string }[]
}

const asCell = (value: unknown): SafeCellValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null

export async function writeRejectedRows(out: Writable, headers: readonly string[], rows: readonly RejectedRow[]): Promise<void> {
  const workbook = createWorkbookWriter(out)
  const sheet = workbook.addWorksheet('Dòng lỗi')
  // Text format keeps ID numbers and dates as typed when the user corrects them in Excel.
  sheet.columns = [
    ...headers.map((header) => ({ width: Math.min(40, Math.max(10, header.length + 2)), style: { numFmt: '@' } })),
    { width: 12 },
    { width: 80, style: { alignment: { wrapText: true, vertical: 'top' as const } } },
  ]
  // The headers are the user's file's own, so they go through the same guard as the values.
  const head = addSafeRow(sheet, [...headers, SOURCE_ROW_HEADER, ERROR_COLUMN_HEADER])
  head.font = { bold: true }
  head.commit()
  for (const row of rows) {
    const cells = headers.map((_h, i) => asCell(row.cells[i]))
    addSafeRow(sheet, [...cells, row.row_number, row.errors.map((e) => e.message).join('\n')]).commit()
  }
  await sheet.commit()
  await workbook.commit()
}
