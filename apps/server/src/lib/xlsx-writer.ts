/**
 * How the server writes a spreadsheet for users: exceljs's streaming writer, with every text value
 * passed through the domain's safeCellText. A value a spreadsheet would evaluate (=, +, -, @...) stays
 * a string cell, byte for byte, with the quotePrefix style, so that editing it in Excel or LibreOffice
 * keeps it text; a value past Excel's cell limit is cut with a marker instead of corrupting the file.
 */
import type { Stream } from 'node:stream'
import ExcelJS from 'exceljs'
import { safeCellText } from '@hts/domain'

/** What a row of a file for users may hold: numbers and booleans as they are, text through safeCellText. */
export type SafeCellValue = string | number | boolean | null

export function createWorkbookWriter(out: Stream): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  enableQuotePrefix(workbook)
  return workbook
}

/** Adds (does not commit) one row; the cells' column styles (text format...) are kept. */
export function addSafeRow(sheet: ExcelJS.Worksheet, values: readonly SafeCellValue[]): ExcelJS.Row {
  const cells = values.map((value) => (typeof value === 'string' ? safeCellText(value) : value))
  const row = sheet.addRow(cells.map((cell) => (cell !== null && typeof cell === 'object' ? cell.text : cell)))
  cells.forEach((cell, i) => {
    if (cell === null || typeof cell !== 'object' || !cell.quotePrefix) return
    const target = row.getCell(i + 1)
    const style = { ...target.style }
    QUOTED_STYLES.add(style)
    target.style = style
  })
  return row
}

/** Cell styles that carry quotePrefix, which exceljs's style model has no field for. */
const QUOTED_STYLES = new WeakSet<object>()

interface StyleRegistry {
  addStyleModel(model: unknown, cellType?: unknown): number
  map: { style: { toXml(model: unknown): string } }
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null

function isStyleRegistry(value: unknown): value is StyleRegistry {
  if (!isObject(value) || !('addStyleModel' in value) || typeof value.addStyleModel !== 'function') return false
  if (!('map' in value) || !isObject(value.map) || !('style' in value.map) || !isObject(value.map.style)) return false
  return 'toXml' in value.map.style && typeof value.map.style.toXml === 'function'
}

/**
 * exceljs 4 writes a cell's style as an `<xf>` of styles.xml, keyed by its XML text, and knows no
 * quotePrefix (lib/xlsx/xform/style/styles-xform.js). The workbook's own style registry is wrapped so
 * that a style marked in QUOTED_STYLES gets its own `<xf quotePrefix="1">`.
 */
function enableQuotePrefix(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const styles: unknown = Reflect.get(workbook, 'styles')
  if (!isStyleRegistry(styles)) throw new Error('exceljs: WorkbookWriter.styles is missing (library changed?)')
  const addStyleModel = styles.addStyleModel.bind(styles)
  const styleXform = styles.map.style
  const toXml = styleXform.toXml.bind(styleXform)
  let quoting = false
  styleXform.toXml = (model) => {
    const xml = toXml(model)
    if (!quoting) return xml
    if (!xml.startsWith('<xf ')) throw new Error('exceljs: unexpected cell style XML (library changed?)')
    return `<xf quotePrefix="1" ${xml.slice('<xf '.length)}`
  }
  styles.addStyleModel = (model, cellType) => {
    quoting = isObject(model) && QUOTED_STYLES.has(model)
    try {
      return addStyleModel(model, cellType)
    } finally {
      quoting = false
    }
  }
}
