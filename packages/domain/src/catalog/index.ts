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
import { FIELD_GROUPS, type BookTypeDef, type FieldDef, type FieldGroup } from './types'

export { KS_60_COLUMNS } from './ks'
/** For declaring a register: the shared blocks and the check that runs when a declaration loads. */
export { defineBookType, field, loaiDangKy, personBlock, registrationHeader } from './common'

/** Every register, in one list: adding a book type is its file, a line here and its test. */
const DECLARED = [
  KS_BOOK_TYPE,
  KT_BOOK_TYPE,
  KH_BOOK_TYPE,
  HN_BOOK_TYPE,
  CMC_BOOK_TYPE,
  NCN_BOOK_TYPE,
  TDCC_BOOK_TYPE,
  GH_BOOK_TYPE,
  CDGH_BOOK_TYPE,
] as const

export type BookTypeCode = (typeof DECLARED)[number]['code']

export const BOOK_TYPES: Readonly<Record<BookTypeCode, BookTypeDef<BookTypeCode>>> = Object.fromEntries(
  DECLARED.map((def) => [def.code, def]),
) as Record<BookTypeCode, BookTypeDef<BookTypeCode>>

/** In keying priority (births first, then marriages, adoptions, deaths, the rest). */
export const BOOK_TYPE_CODES: readonly BookTypeCode[] = DECLARED.map((def) => def.code).sort(
  (a, b) => BOOK_TYPES[a].priority - BOOK_TYPES[b].priority,
)

export function isBookTypeCode(value: unknown): value is BookTypeCode {
  return typeof value === 'string' && Object.hasOwn(BOOK_TYPES, value)
}

export function getBookType(code: string): BookTypeDef<BookTypeCode> {
  if (!isBookTypeCode(code)) throw new Error(`Loại sổ không hợp lệ: "${code}"`)
  return BOOK_TYPES[code]
}

/**
 * A register named by its code, or its declaration itself: the catalog's functions take either, so
 * a declaration not (yet) in the list, such as a test's, goes through the same code as KS.
 */
export type BookTypeRef = BookTypeCode | BookTypeDef

export function bookTypeDefOf(ref: BookTypeRef): BookTypeDef {
  return typeof ref === 'string' ? getBookType(ref) : ref
}

const fieldIndex = new WeakMap<BookTypeDef, ReadonlyMap<string, FieldDef>>()

export function findField(bookType: BookTypeRef, key: string): FieldDef | undefined {
  const def = bookTypeDefOf(bookType)
  let index = fieldIndex.get(def)
  if (!index) fieldIndex.set(def, (index = new Map(def.fields.map((f) => [f.key, f]))))
  return index.get(key)
}

export interface FieldGroupSection {
  group: FieldGroup
  label: string
  fields: readonly FieldDef[]
}

/** The form's sections: one per group, in the order the group first appears in the type's fields. */
export function fieldGroupsOf(bookType: BookTypeRef): readonly FieldGroupSection[] {
  const sections = new Map<FieldGroup, FieldDef[]>()
  for (const f of bookTypeDefOf(bookType).fields) {
    const list = sections.get(f.group)
    if (list) list.push(f)
    else sections.set(f.group, [f])
  }
  return [...sections].map(([group, fields]) => ({ group, label: FIELD_GROUPS[group], fields }))
}

export function requiredFields(bookType: BookTypeRef): readonly FieldDef[] {
  return bookTypeDefOf(bookType).fields.filter((f) => f.required)
}
