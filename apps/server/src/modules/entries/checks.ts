/** The catalog's checks an entry passes through before any command writes it. */
import {
  applyIllegible,
  cleanIllegibleFields,
  getBookType,
  isBookTypeCode,
  validateEntry,
  type BookContext,
  type BookTypeCode,
  type EntryFields,
  type EntryIssue,
} from '@hts/domain'
import { HttpError } from '../../http/errors'
import { unknownFieldKeys } from './derive'

/** What the entry commands need of a book: its identity, type, custodian and dates (for the date rules). */
export interface EntryBook {
  id: string
  book_type: string
  custodian_unit_id: string
  year: number
  opened_on: string | null
  closed_on: string | null
}

export function bookTypeOf(row: { book_type: string }): BookTypeCode {
  if (!isBookTypeCode(row.book_type)) throw new Error(`Unknown book type ${row.book_type}`)
  return row.book_type
}

export function bookContext(book: Pick<EntryBook, 'year' | 'opened_on' | 'closed_on'>): BookContext {
  return { year: book.year, openedOn: book.opened_on, closedOn: book.closed_on }
}

/** Keys flagged illegible, limited to the catalog's fields of the type. */
export function illegibleOf(bookType: BookTypeCode, keys: readonly string[] | undefined): string[] {
  return cleanIllegibleFields(keys ?? [], new Set(getBookType(bookType).fields.map((f) => f.key)))
}

/** The rules' findings, with errors on fields marked illegible (khó đọc) lowered to warnings. */
export function issuesOf(bookType: BookTypeCode, fields: EntryFields, book: EntryBook, illegible: readonly string[]): EntryIssue[] {
  return applyIllegible(validateEntry(bookType, fields, bookContext(book)), illegible)
}

export function checkKnownFields(bookType: BookTypeCode, fields: EntryFields): void {
  const unknown = unknownFieldKeys(bookType, fields)
  if (unknown.length > 0) {
    throw new HttpError(400, 'validation', `Trường không có trong danh mục của loại sổ này: ${unknown.join(', ')}`)
  }
}
