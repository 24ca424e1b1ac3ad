import type { Kysely } from 'kysely'
import { compareEntries, isBookTypeCode, type DuplicateCheckResult } from '@hts/domain'
import type { Database } from '../../db/schema'
import type { BookRow } from '../books'
import { cleanFields, derivedColumns } from '../entries'
import { numberingBooks } from './numbering'

/** Enough to show "already keyed" with a link; a register with more same-named people is rare. */
const CANDIDATE_LIMIT = 50
const SHOWN = 5

/**
 * Checks a draft while it is keyed (DOMAIN.md §10), never blocking it: the số already used in the
 * registration year by the authority's books of this type (what the numbering check counts), and the
 * same event already keyed in the custodian's registers of this type (same person, dates, parents).
 * Candidates are those with the same folded name or the same birth date: a dropped middle name or a
 * slip in the name is still found through the date, a slip in the date through the name.
 */
export async function checkDuplicates(db: Kysely<Database>, book: BookRow, raw: Record<string, string>, excludeEntryId?: string): Promise<DuplicateCheckResult> {
  if (!isBookTypeCode(book.book_type)) return { sameNumber: [], samePerson: [] }
  const bookType = book.book_type
  const fields = cleanFields(raw)
  const derived = derivedColumns(bookType, fields)
  const siblings = await numberingBooks(db, book)
  const volumeOf = new Map(siblings.map((b) => [b.id, b.volume]))
  const columns = ['entries.id', 'book_id', 'so', 'registration_year', 'subject_name', 'status', 'fields', 'books.volume'] as const
  const base = () => {
    let q = db.selectFrom('entries').innerJoin('books', 'books.id', 'entries.book_id').select(columns).where('entries.status', '<>', 'withdrawn')
    if (excludeEntryId) q = q.where('entries.id', '!=', excludeEntryId)
    return q
  }

  const sameNumber = derived.so === null || derived.registration_year === null ? [] : await base()
    .where('entries.custodian_unit_id', '=', book.custodian_unit_id)
    .where('entries.book_type', '=', book.book_type)
    .where('registration_year', '=', derived.registration_year)
    .where('so', '=', derived.so)
    .where('book_id', 'in', [...volumeOf.keys()])
    .limit(SHOWN)
    .execute()

  const { subject_name_folded: folded, subject_birth_date: birth } = derived
  const candidates = folded === null ? [] : await base()
    .where('entries.custodian_unit_id', '=', book.custodian_unit_id)
    .where('entries.book_type', '=', book.book_type)
    .where((eb) => (birth === null ? eb('subject_name_folded', '=', folded) : eb.or([eb('subject_name_folded', '=', folded), eb('subject_birth_date', '=', birth)])))
    .limit(CANDIDATE_LIMIT)
    .execute()

  const present = (row: (typeof candidates)[number]) => ({
    id: row.id,
    bookId: row.book_id,
    volume: row.volume,
    so: row.so,
    registrationYear: row.registration_year,
    subjectName: row.subject_name,
    status: row.status,
  })
  const samePerson = candidates
    .map((row) => ({ row, comparison: compareEntries(bookType, fields, row.fields) }))
    .filter(({ comparison }) => comparison.likely)
    .slice(0, SHOWN)
    .map(({ row, comparison }) => ({ ...present(row), fields: comparison.fields }))
  return { sameNumber: sameNumber.map(present), samePerson }
}
