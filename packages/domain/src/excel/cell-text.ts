/**
 * A user's text as it goes into a cell of a spreadsheet the system writes (MOJ package, entry lists,
 * rejected rows, follow-up lists). Spreadsheets read a cell that starts with = + - @ (or a tab or a
 * carriage return) as a formula once it is edited or re-imported (OWASP "CSV injection"), and Excel
 * refuses a file whose cell is longer than 32,767 characters. The text itself is kept as stored, since
 * the MOJ round trip (import → export → import) must give it back byte for byte: the writer marks it
 * as text instead (the quotePrefix style in .xlsx, a leading ' in CSV).
 */

/** Excel's limit on the characters (UTF-16 code units) of one cell. */
export const EXCEL_CELL_MAX_CHARS = 32_767

/** First characters that make Excel, LibreOffice or Google Sheets evaluate a cell (OWASP list). */
const FORMULA_TRIGGERS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r'])

export interface SafeCellText {
  /** What to write: the stored text, less characters a spreadsheet cannot hold, cut when too long. */
  text: string
  /** It would be read as a formula: write it with the quotePrefix style (.xlsx) or a leading ' (CSV). */
  quotePrefix: boolean
  /** The length of the text before it was cut; null when it fits. */
  cutFrom: number | null
}

/**
 * Characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) and DEL,
 * which exceljs drops silently: dropped here first, so that what decides the quote prefix is what
 * the file will hold ("\u0001=1+1" would otherwise be written as "=1+1" without it).
 */
function isUnwritable(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || code === 0xfffe || code === 0xffff
}

function withoutUnwritable(value: string): string {
  for (let i = 0; i < value.length; i++) {
    if (isUnwritable(value.charCodeAt(i))) {
      let kept = value.slice(0, i)
      for (let j = i + 1; j < value.length; j++) if (!isUnwritable(value.charCodeAt(j))) kept += value[j]
      return kept
    }
  }
  return value
}

/** 40000 → "40.000", the Vietnamese way (no Intl: the domain runs wherever the catalog does). */
const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')

/** What ends a cut cell, so the reader sees that the file does not hold the whole text. */
export const cutMarker = (originalLength: number): string => `…[đã cắt, dài ${groupDigits(originalLength)} ký tự]`

/** The one function every spreadsheet writer of the system passes a text value through. */
export function safeCellText(value: string): SafeCellText {
  let text = withoutUnwritable(value)
  let cutFrom: number | null = null
  if (text.length > EXCEL_CELL_MAX_CHARS) {
    cutFrom = text.length
    const marker = cutMarker(text.length)
    let end = EXCEL_CELL_MAX_CHARS - marker.length
    // Never split a surrogate pair: half a character is not valid text in the file.
    const last = text.charCodeAt(end - 1)
    if (last >= 0xd800 && last <= 0xdbff) end--
    text = text.slice(0, end) + marker
  }
  return { text, quotePrefix: FORMULA_TRIGGERS.has(text.charAt(0)), cutFrom }
}
