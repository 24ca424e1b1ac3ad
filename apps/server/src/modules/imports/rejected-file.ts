/**
 * The rows an import set aside, as an .xlsx the user can fix and import again: the file's own
 * columns in its own order, then the original row number and "Lỗi" (both ignored on re-import).
 */
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { ERROR_COLUMN_HEADER, SOURCE_ROW_HEADER } from '@hts/domain'

export interface RejectedRow {
  row_number: number
  cells: unknown[]
  errors: { field: string; message: string }[]
}

const asCell = (value: unknown): ExcelJS.CellValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null

export async function writeRejectedRows(out: Writable, headers: readonly string[], rows: readonly RejectedRow[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet('Dòng lỗi')
  // Text format keeps ID numbers and dates as typed when the user corrects them in Excel.
  sheet.columns = [
    ...headers.map((header) => ({ header, width: Math.min(40, Math.max(10, header.length + 2)), style: { numFmt: '@' } })),
    { header: SOURCE_ROW_HEADER, width: 12 },
    { header: ERROR_COLUMN_HEADER, width: 80, style: { alignment: { wrapText: true, vertical: 'top' as const } } },
  ]
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for (const row of rows) {
    const cells = headers.map((_h, i) => asCell(row.cells[i]))
    sheet.addRow([...cells, row.row_number, row.errors.map((e) => e.message).join('\n')]).commit()
  }
  await sheet.commit()
  await workbook.commit()
}
