/**
 * The book-type catalog: one declaration per register, read by forms, templates, import, export,
 * rules and search. Keys are MOJ column names where a template exists (KS, KT, KH, HN, CMC) and our
 * own names in the same camelCase style otherwise (NCN, TDCC, GH, CDGH: prefixes in their files).
 */
import { CDGH_BOOK_TYPE } from './cdgh'
import { CMC_BOOK_TYPE } from './cmc'
import { GH_BOOK_TYPE } from './gh'
import { HN_BOOK_TYPE } from './hn'
import { KH_BOOK_TYPE } from './kh'
import { KS_BOOK_TYPE } from './ks'
import { KT_BOOK_TYPE } from './kt'
import { NCN_BOOK_TYPE } from './ncn'
import { TDCC_BOOK_TYPE } from './tdcc'
import { FIELD_GROUPS, type BookTypeCode, type BookTypeDef, type FieldDef, type FieldGroup } from './types'

export { KS_60_COLUMNS } from './common'

export const BOOK_TYPES: Readonly<Record<BookTypeCode, BookTypeDef>> = {
  KS: KS_BOOK_TYPE,
  KT: KT_BOOK_TYPE,
  KH: KH_BOOK_TYPE,
  HN: HN_BOOK_TYPE,
  CMC: CMC_BOOK_TYPE,
  NCN: NCN_BOOK_TYPE,
  TDCC: TDCC_BOOK_TYPE,
  GH: GH_BOOK_TYPE,
  CDGH: CDGH_BOOK_TYPE,
}

/** In keying priority (births first, then marriages, adoptions, deaths, the rest). */
export const BOOK_TYPE_CODES: readonly BookTypeCode[] = (Object.keys(BOOK_TYPES) as BookTypeCode[]).sort(
  (a, b) => BOOK_TYPES[a].priority - BOOK_TYPES[b].priority,
)

export function isBookTypeCode(value: unknown): value is BookTypeCode {
  return typeof value === 'string' && Object.hasOwn(BOOK_TYPES, value)
}

export function getBookType(code: string): BookTypeDef {
  if (!isBookTypeCode(code)) throw new Error(`Loại sổ không hợp lệ: "${code}"`)
  return BOOK_TYPES[code]
}

const fieldIndex = new Map<BookTypeCode, ReadonlyMap<string, FieldDef>>(
  BOOK_TYPE_CODES.map((code) => [code, new Map(BOOK_TYPES[code].fields.map((f) => [f.key, f]))]),
)

export function findField(code: BookTypeCode, key: string): FieldDef | undefined {
  return fieldIndex.get(code)?.get(key)
}

export interface FieldGroupSection {
  group: FieldGroup
  label: string
  fields: readonly FieldDef[]
}

/** The form's sections: one per group, in the order the group first appears in the type's fields. */
export function fieldGroupsOf(code: BookTypeCode): readonly FieldGroupSection[] {
  const sections = new Map<FieldGroup, FieldDef[]>()
  for (const f of getBookType(code).fields) {
    const list = sections.get(f.group)
    if (list) list.push(f)
    else sections.set(f.group, [f])
  }
  return [...sections].map(([group, fields]) => ({ group, label: FIELD_GROUPS[group], fields }))
}

export function requiredFields(code: BookTypeCode): readonly FieldDef[] {
  return getBookType(code).fields.filter((f) => f.required)
}
