import { getBookType, isBookTypeCode, isEntryStatus, type SearchMatch, type SearchResult } from '@hts/domain'

export interface FoundEntry {
  id: string
  book_id: string
  book_type: string
  fields: Record<string, string>
  status: string
  subject_name: string | null
  subject_birth_date: string | null
  volume: string
  book_year: number
  unit_name: string
  page_ids: string[]
}

/** One result row: the book's own wording for số, dates and the parents (as the register writes them). */
export function presentResult(row: FoundEntry, match: SearchMatch): SearchResult {
  if (!isBookTypeCode(row.book_type) || !isEntryStatus(row.status)) throw new Error(`entry ${row.id}: unknown book type or status`)
  const { subject } = getBookType(row.book_type)
  const field = (key: string | undefined) => (key ? (row.fields[key] ?? null) : null)
  return {
    id: row.id,
    bookId: row.book_id,
    bookType: row.book_type,
    volume: row.volume,
    bookYear: row.book_year,
    unitName: row.unit_name,
    so: row.fields.so ?? null,
    registrationDate: row.fields.ngayDangKy ?? null,
    subjectName: row.subject_name,
    birthDate: field(subject.birthDateKey) ?? row.subject_birth_date,
    motherName: field(subject.motherNameKey),
    fatherName: field(subject.fatherNameKey),
    status: row.status,
    match,
    pageIds: row.page_ids,
  }
}
