/**
 * Matching the header row of an Excel/CSV file to catalog fields. The MOJ template's headers carry
 * trailing spaces and code hints ("loaiDangKy \ni=[1,2,3,4,5,6]"), police extracts are upper case
 * ("QUYENSO", "NKSHOTEN"): the first word, trimmed, compared without case, names the field.
 * Other layouts (earlier local software) go through a mapping the user confirms and may save.
 */
import { bookTypeDefOf, type BookTypeRef } from '../catalog'
import { FIELD_GROUPS, type BookTypeDef, type FieldDef } from '../catalog/types'
import { foldKey } from '../text/fold'

/** Columns that are never data: the row counter, and what our rejected-rows file adds. */
export const IGNORED_HEADERS: ReadonlySet<string> = new Set(['stt', 'tt', 'so tt', 'loi', 'dong', 'dong trong tep goc'])
/** Header of the column the rejected-rows file adds (re-importing that file ignores it). */
export const ERROR_COLUMN_HEADER = 'Lỗi'
export const SOURCE_ROW_HEADER = 'Dòng trong tệp gốc'

/** The first word of a header, without the punctuation some files add around it ("so*", "[so]"). */
export function headerWord(header: string): string {
  const first = header.normalize('NFC').trim().split(/\s+/)[0] ?? ''
  return first.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
}

/** How a saved mapping names a header: folded, spaces collapsed, so "Họ tên " and "HỌ TÊN" meet. */
export function mappingKeyOf(header: string): string {
  return foldKey(header)
}

const keyIndexes = new WeakMap<BookTypeDef, ReadonlyMap<string, string>>()

function keyIndex(bookType: BookTypeRef): ReadonlyMap<string, string> {
  const def = bookTypeDefOf(bookType)
  let index = keyIndexes.get(def)
  if (!index) {
    index = new Map(def.fields.map((f) => [f.key.toLowerCase(), f.key]))
    keyIndexes.set(def, index)
  }
  return index
}

/** The catalog key a header names (first word, case-insensitive), or undefined. */
export function matchHeader(bookType: BookTypeRef, header: string): string | undefined {
  return keyIndex(bookType).get(headerWord(header).toLowerCase())
}

export function isIgnoredHeader(header: string): boolean {
  const folded = foldKey(header)
  return folded === '' || IGNORED_HEADERS.has(folded) || IGNORED_HEADERS.has(foldKey(headerWord(header)))
}

/** Saved or edited mapping: header (as mappingKeyOf gives it) → catalog key, or null to skip the column. */
export type ColumnMapping = Readonly<Record<string, string | null>>

export type ColumnStatus = 'matched' | 'mapped' | 'ignored' | 'unknown' | 'duplicate'

export interface FieldSuggestion {
  key: string
  label: string
  score: number
}

export interface ColumnMatch {
  /** 0-based position in the header row. */
  index: number
  header: string
  /** Catalog key the column fills; null when it is skipped. */
  key: string | null
  status: ColumnStatus
  /** For unknown columns: the likeliest fields, best first. */
  suggestions: FieldSuggestion[]
}

/** 'moj60': the type's older MOJ export (`olderMojColumns`, KS's 60 columns). */
export type HeaderLayout = 'moj' | 'moj60' | 'other'

export interface HeaderAnalysis {
  columns: ColumnMatch[]
  /** Required fields no column fills: every row would miss them. */
  missingRequired: string[]
  /** Other catalog fields no column fills (normal for older layouts). */
  missingOptional: string[]
  layout: HeaderLayout
}

const words = (text: string) => new Set(foldKey(text).split(/[^a-z0-9]+/).filter((w) => w.length > 0))
const compact = (text: string) => foldKey(text).replace(/[^a-z0-9]/g, '')

/** What a field is called, in words that can meet a free-form header ("Họ tên mẹ" → meHoTen). */
function fieldWords(field: FieldDef): Set<string> {
  return new Set([...words(field.label), ...words(FIELD_GROUPS[field.group])])
}

/**
 * Likely fields for a header no rule recognised: the key written another way ("NKS_HO_TEN"), or
 * the words of the label and its group ("Họ tên mẹ" → Họ, chữ đệm, tên of the mother).
 */
export function suggestFields(bookType: BookTypeRef, header: string, limit = 3): FieldSuggestion[] {
  const headerWords = words(header)
  const headerCompact = compact(header)
  if (headerCompact === '') return []
  const scored: FieldSuggestion[] = []
  for (const field of bookTypeDefOf(bookType).fields) {
    let score = 0
    if (compact(field.key) === headerCompact) score = 1
    else if (headerWords.size > 0) {
      const own = fieldWords(field)
      const shared = [...headerWords].filter((w) => own.has(w)).length
      // Share of the header's words the field explains, a little less for long labels.
      score = shared === 0 ? 0 : (shared / headerWords.size) * 0.9 - own.size * 0.005
    }
    if (score > 0.3) scored.push({ key: field.key, label: field.label, score: Math.round(score * 100) / 100 })
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, limit)
}

function layoutOf(def: BookTypeDef, keys: ReadonlySet<string>): HeaderLayout {
  if (def.fields.every((f) => keys.has(f.key))) return 'moj'
  const older = def.olderMojColumns
  if (older && keys.size === older.length && older.every((k) => keys.has(k))) return 'moj60'
  return 'other'
}

/**
 * Matches every header: a saved/edited mapping first, then the first-word rule; a field named by
 * two columns keeps the first and the second is reported as a duplicate (never silently merged).
 */
export function analyseHeaders(bookType: BookTypeRef, headers: readonly string[], mapping: ColumnMapping = {}): HeaderAnalysis {
  const used = new Set<string>()
  const known = keyIndex(bookType)
  const columns = headers.map((raw, index): ColumnMatch => {
    const header = raw.normalize('NFC').replace(/\s+/g, ' ').trim()
    const mapKey = mappingKeyOf(header)
    let key: string | null = null
    let status: ColumnStatus
    if (Object.hasOwn(mapping, mapKey)) {
      const mapped = mapping[mapKey] ?? null
      key = mapped !== null && known.has(mapped.toLowerCase()) ? (known.get(mapped.toLowerCase()) ?? null) : null
      status = key === null ? 'ignored' : 'mapped'
    } else {
      key = matchHeader(bookType, header) ?? null
      status = key !== null ? 'matched' : isIgnoredHeader(header) ? 'ignored' : 'unknown'
    }
    if (key !== null && used.has(key)) {
      return { index, header, key: null, status: 'duplicate', suggestions: [] }
    }
    if (key !== null) used.add(key)
    return { index, header, key, status, suggestions: status === 'unknown' ? suggestFields(bookType, header) : [] }
  })
  const def = bookTypeDefOf(bookType)
  const fields = def.fields
  return {
    columns,
    missingRequired: fields.filter((f) => f.required && !used.has(f.key)).map((f) => f.key),
    missingOptional: fields.filter((f) => !f.required && !used.has(f.key)).map((f) => f.key),
    layout: layoutOf(def, used),
  }
}

/**
 * Which row of the first rows is the header: the first one naming at least three catalog fields
 * (title rows above it are common in files exported by other software); else the first non-empty.
 */
export function findHeaderRow(bookType: BookTypeRef, rows: readonly (readonly string[])[]): number {
  const index = rows.findIndex((cells) => cells.filter((c) => matchHeader(bookType, c) !== undefined).length >= 3)
  if (index >= 0) return index
  const firstNonEmpty = rows.findIndex((cells) => cells.some((c) => c.trim() !== ''))
  return firstNonEmpty >= 0 ? firstNonEmpty : 0
}
