/**
 * Cell values from a file → the text an entry stores, and back. What the book says is kept; only
 * what a spreadsheet did to it is undone (a date cell, a number that lost its leading zeros, a code
 * written as its label, a legacy 8-bit encoding), and every such change is noted so the user is told.
 */
import type { FieldDef } from '../catalog/types'
import { CODE_LISTS_STORED_AS_LABEL, resolveCode } from '../codes'
import { formatPartialDate, parsePartialDate } from '../dates/partial-date'
import { decodePersonalId } from '../identity/personal-id'
import { convertLegacyText, type LegacyEncoding } from '../text/legacy-encoding'

/** What a reader hands over for one cell (rich text and formulas already flattened to their text/result). */
export type CellInput = string | number | boolean | Date | null | undefined

export const VALUE_NOTES = {
  excelDate: 'Ngày lưu dạng ngày/số của Excel, đã đổi sang dạng ngày.tháng.năm',
  dateReformatted: 'Ngày viết dạng khác (27/08/2008, 2008-08-27...), đã đổi sang dạng ngày.tháng.năm',
  idRestored: 'Số định danh/giấy tờ bị Excel bỏ số 0 ở đầu, đã thêm lại theo độ dài',
  codeFromLabel: 'Mã ghi bằng chữ (ví dụ "Nam"), đã đổi sang mã số',
  legacyConverted: 'Chữ gõ bằng bảng mã cũ (TCVN3/VNI), đã chuyển sang Unicode',
} as const
export type ValueNote = keyof typeof VALUE_NOTES

export interface NormalizedCell {
  value: string
  notes: ValueNote[]
}

const TEXT_KINDS = new Set<FieldDef['kind']>(['text', 'personName', 'place', 'code'])

/** Kinds whose column is checked for a legacy encoding (codes too: "Tµy" is Tày). */
export function isTextKind(field: FieldDef): boolean {
  return TEXT_KINDS.has(field.kind)
}

/** Excel's 1.0 is the number 1 by the time it is read: String() gives "1". */
const numberText = (n: number): string => String(n)

/**
 * Digits that lost their leading zeros: a 12-digit personal ID read as a 10/11-digit number (the
 * province codes 001-096 start with 0), a 9-digit CMND read as 8 digits.
 */
function restoreZeros(digits: string, field: FieldDef): string | undefined {
  if (!/^\d+$/.test(digits)) return undefined
  if (digits.length === 10 || digits.length === 11) {
    const padded = digits.padStart(12, '0')
    if (decodePersonalId(padded).ok) return padded
  }
  if (field.kind === 'idDocumentNumber' && digits.length === 8) return digits.padStart(9, '0')
  return undefined
}

function fromDate(date: Date): NormalizedCell {
  const parsed = parsePartialDate(date)
  if (!parsed.ok) return { value: '', notes: [] }
  return { value: formatPartialDate(parsed.value), notes: ['excelDate'] }
}

function fromNumber(field: FieldDef, n: number): NormalizedCell {
  switch (field.kind) {
    case 'partialDate': {
      const parsed = parsePartialDate(n, { allowExcelSerial: true })
      if (!parsed.ok) return { value: numberText(n), notes: [] }
      const digits = String(n).length
      const isSerial = !(Number.isInteger(n) && (digits === 4 || digits === 6 || digits === 8))
      return { value: formatPartialDate(parsed.value), notes: isSerial ? ['excelDate'] : [] }
    }
    case 'personalId':
    case 'idDocumentNumber': {
      const digits = Number.isSafeInteger(n) ? String(n) : numberText(n)
      const restored = restoreZeros(digits, field)
      return restored ? { value: restored, notes: ['idRestored'] } : { value: digits, notes: [] }
    }
    case 'code':
      return fromText(field, numberText(n))
    default:
      return { value: numberText(n), notes: [] }
  }
}

function fromText(field: FieldDef, text: string): NormalizedCell {
  switch (field.kind) {
    case 'partialDate': {
      const parsed = parsePartialDate(text)
      // A date read with a guess (two-digit year...) stays as written: validation warns about it.
      if (!parsed.ok || parsed.warnings.length > 0) return { value: text, notes: [] }
      const formatted = formatPartialDate(parsed.value)
      return { value: formatted, notes: formatted === text ? [] : ['dateReformatted'] }
    }
    case 'code': {
      if (!field.codeList || CODE_LISTS_STORED_AS_LABEL.has(field.codeList)) return { value: text, notes: [] }
      const item = resolveCode(field.codeList, text)
      if (!item) return { value: text, notes: [] }
      return { value: item.code, notes: /^\d+(\.0+)?$/.test(text) ? [] : ['codeFromLabel'] }
    }
    case 'personalId':
    case 'idDocumentNumber': {
      const restored = restoreZeros(text.replace(/\s+/g, ''), field)
      return restored && field.kind === 'personalId' ? { value: restored, notes: ['idRestored'] } : { value: text, notes: [] }
    }
    case 'integer':
      return { value: /^\d+\.0+$/.test(text) ? text.replace(/\.0+$/, '') : text, notes: [] }
    default:
      return { value: text, notes: [] }
  }
}

/**
 * One cell → the stored text. `encoding` is the legacy encoding decided for the whole column
 * (detectColumnEncoding), applied to text kinds only.
 */
export function normalizeCell(field: FieldDef, input: CellInput, encoding: LegacyEncoding | null = null): NormalizedCell {
  if (input === null || input === undefined) return { value: '', notes: [] }
  if (input instanceof Date) return fromDate(input)
  if (typeof input === 'number') return Number.isFinite(input) ? fromNumber(field, input) : { value: '', notes: [] }
  if (typeof input === 'boolean') return { value: input ? 'TRUE' : 'FALSE', notes: [] }
  let text = input.normalize('NFC').trim()
  if (text === '') return { value: '', notes: [] }
  const notes: ValueNote[] = []
  if (encoding && isTextKind(field)) {
    const converted = convertLegacyText(text, encoding).normalize('NFC').trim()
    if (converted !== text) notes.push('legacyConverted')
    text = converted
  }
  const result = fromText(field, text)
  return { value: result.value, notes: [...notes, ...result.notes] }
}

/**
 * The text written to an MOJ Excel file for a stored value: dates in the MOJ form (dd.mm.yyyy,
 * mm.yyyy, yyyy) when they read without a guess; everything else exactly as stored, as text.
 */
export function exportValue(field: FieldDef, stored: string | undefined): string {
  if (stored === undefined) return ''
  if (field.kind === 'partialDate') {
    const parsed = parsePartialDate(stored)
    if (parsed.ok && parsed.warnings.length === 0) return formatPartialDate(parsed.value)
  }
  return stored
}
