import type { BookTypeCode, BookView } from '@hts/domain'
import type { BookRow } from './repository'

export function presentBook(book: BookRow): BookView {
  return {
    id: book.id,
    bookType: book.book_type as BookTypeCode,
    volume: book.volume,
    year: book.year,
    issuingAuthority: book.issuing_authority,
    issuingUnitId: book.issuing_unit_id,
    custodianUnitId: book.custodian_unit_id,
    custodianUnitName: book.custodian_unit_name,
    openedOn: book.opened_on,
    closedOn: book.closed_on,
    pageCount: book.page_count,
    paperSize: book.paper_size,
    condition: book.condition,
    conditionNote: book.condition_note,
    entryCount: book.entry_count,
    doubleKeying: book.double_keying,
    version: book.version,
    createdAt: book.created_at,
    updatedAt: book.updated_at,
  }
}
export type { BookView }
