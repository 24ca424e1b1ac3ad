/**
 * The columns of an MOJ "DL Import" sheet, from the catalog: the empty template of a book type and a
 * book exported in the MOJ format write the same columns, in the declaration's order, after STT.
 */
import { bookTypeDefOf, type BookTypeRef } from '../catalog'
import type { EntryFields, FieldDef } from '../catalog/types'
import { CODE_LISTS, CODE_LISTS_STORED_AS_LABEL } from '../codes'
import { exportValue } from './values'

/** The row counter every MOJ sheet starts with; never data (see IGNORED_HEADERS). */
export const ROW_COUNTER_HEADER = 'STT'
/** Lists short enough to show their codes in the header, as the real template does. */
const HINT_MAX_ITEMS = 10

export interface TemplateColumn {
  field: FieldDef
  /** The key, with the real template's trailing space when the field is required. */
  header: string
  /** "i=[1,2,3]" under the header of a short code list written as codes; null otherwise. */
  codeHint: string | null
}

export function templateColumns(bookType: BookTypeRef): TemplateColumn[] {
  return bookTypeDefOf(bookType).fields.map((field) => {
    const list = field.codeList ? CODE_LISTS[field.codeList] : undefined
    const hinted = field.codeList && list && !CODE_LISTS_STORED_AS_LABEL.has(field.codeList) && list.length <= HINT_MAX_ITEMS
    return {
      field,
      header: field.required ? `${field.key} ` : field.key,
      codeHint: hinted ? `i=[${list.map((i) => i.code).join(',')}]` : null,
    }
  })
}

/** Header row of an exported book: STT and the plain keys. */
export function exportHeaders(bookType: BookTypeRef): string[] {
  return [ROW_COUNTER_HEADER, ...bookTypeDefOf(bookType).fields.map((f) => f.key)]
}

/** One entry's cells after STT, in the columns' order; '' where the entry has no value. */
export function exportRow(bookType: BookTypeRef, fields: EntryFields): string[] {
  return bookTypeDefOf(bookType).fields.map((f) => exportValue(f, fields[f.key]))
}
