import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { BookRow } from '../books'

export interface NumberRange {
  from: number
  to: number
}

interface NumberedEntry {
  id: string
  book_id: string
  so: number | null
  trang_so: number | null
  registration_year: number | null
}

/** Consecutive numbers as ranges: [1,2,3,7] → 1-3, 7-7. */
export function toRanges(numbers: number[]): NumberRange[] {
  const ranges: NumberRange[] = []
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1]
    if (last && n === last.to + 1) last.to = n
    else if (!last || n > last.to) ranges.push({ from: n, to: n })
  }
  return ranges
}

/** The books whose numbers count together with this one's: same custodian, authority and type (this one included). */
export function numberingBooks(db: Kysely<Database>, book: BookRow) {
  return db
    .selectFrom('books')
    .select(['id', 'volume'])
    .where('custodian_unit_id', '=', book.custodian_unit_id)
    .where('issuing_authority', '=', book.issuing_authority)
    .where('book_type', '=', book.book_type)
    .execute()
}

/**
 * Numbering check of a book (Decree 158/2005 art. 68): số runs from 1 each calendar year per
 * registration authority and book type, and a second book of the same year continues the count. So
 * the numbers of the authority's other books of the same type count as present, and a number used
 * twice anywhere in them is a duplicate. Missing = 1..(highest number in this book) not keyed in any
 * of these books: usually a page not keyed yet, or a keying slip.
 */
export async function bookNumbering(db: Kysely<Database>, book: BookRow, year: number | undefined) {
  const siblings = await numberingBooks(db, book)
  const volumeOf = new Map(siblings.map((b) => [b.id, b.volume]))
  const own = await db.selectFrom('entries').select(['id', 'book_id', 'so', 'trang_so', 'registration_year']).where('book_id', '=', book.id).where('status', '<>', 'withdrawn').execute()
  const years = year !== undefined ? [year] : [...new Set(own.map((e) => e.registration_year).filter((y): y is number => y !== null))].sort()
  const related: NumberedEntry[] = years.length === 0 ? [] : await db
    .selectFrom('entries')
    .select(['id', 'book_id', 'so', 'trang_so', 'registration_year'])
    .where('book_id', 'in', siblings.map((b) => b.id))
    .where('registration_year', 'in', years)
    .where('so', 'is not', null)
    // A withdrawn entry (the other copy of a duplicate) no longer holds its number.
    .where('status', '<>', 'withdrawn')
    .execute()

  const perYear = years.map((y) => {
    const inYear = related.filter((e) => e.registration_year === y)
    const mine = inYear.filter((e) => e.book_id === book.id)
    const numbers = mine.map((e) => e.so).filter((n): n is number => n !== null)
    const max = numbers.length ? Math.max(...numbers) : 0
    const present = new Set(inYear.map((e) => e.so))
    const missing: number[] = []
    for (let n = 1; n <= max; n++) if (!present.has(n)) missing.push(n)
    const bySo = new Map<number, NumberedEntry[]>()
    for (const e of inYear) if (e.so !== null) bySo.set(e.so, [...(bySo.get(e.so) ?? []), e])
    const duplicates = [...bySo.entries()]
      .filter(([, list]) => list.length > 1 && list.some((e) => e.book_id === book.id))
      .sort(([a], [b]) => a - b)
      .map(([so, list]) => ({
        so,
        entries: list.map((e) => ({ id: e.id, bookId: e.book_id, volume: volumeOf.get(e.book_id) ?? '', trangSo: e.trang_so })),
      }))
    const others = siblings
      .filter((b) => b.id !== book.id)
      .map((b) => ({ bookId: b.id, volume: b.volume, numbers: inYear.filter((e) => e.book_id === b.id).map((e) => e.so as number) }))
      .filter((b) => b.numbers.length > 0)
      .map((b) => ({ bookId: b.bookId, volume: b.volume, count: b.numbers.length, min: Math.min(...b.numbers), max: Math.max(...b.numbers) }))
    return {
      year: y,
      count: mine.length,
      min: numbers.length ? Math.min(...numbers) : null,
      max: numbers.length ? max : null,
      missingCount: missing.length,
      missing: toRanges(missing),
      duplicates,
      otherBooks: others,
    }
  })
  return {
    bookId: book.id,
    years: perYear,
    withoutNumber: own.filter((e) => e.so === null).length,
    withoutYear: own.filter((e) => e.registration_year === null).length,
  }
}
