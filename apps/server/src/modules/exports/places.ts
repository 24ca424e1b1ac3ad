import type { Kysely } from 'kysely'
import { bookPackageBaseName, isBookTypeCode, type PackagePlaces } from '@hts/domain'
import type { BooksTable, Database } from '../../db/schema'
import type { Selectable } from 'kysely'

type Book = Pick<Selectable<BooksTable>, 'book_type' | 'year' | 'volume' | 'issuing_unit_id' | 'custodian_unit_id'>

/**
 * The commune, district and province a book's files are named after: the unit that issued the book
 * when it is linked (a merged commune's books keep its name), else the unit keeping it; the district
 * only if the unit had one (none after the 2025 reform).
 */
export async function placesOf(db: Kysely<Database>, book: Book): Promise<PackagePlaces> {
  let unit = await db.selectFrom('administrative_units').selectAll().where('id', '=', book.issuing_unit_id ?? book.custodian_unit_id).executeTakeFirst()
  const places: PackagePlaces = { unit: unit?.name ?? 'donvi', district: null, province: null }
  for (let depth = 0; unit?.parent_id && depth < 5; depth++) {
    unit = await db.selectFrom('administrative_units').selectAll().where('id', '=', unit.parent_id).executeTakeFirst()
    if (unit?.level === 'district' && !places.district) places.district = unit.name
    if (unit?.level === 'province' && !places.province) places.province = unit.name
  }
  return places
}

export async function packageBaseName(db: Kysely<Database>, book: Book): Promise<string> {
  if (!isBookTypeCode(book.book_type)) throw new Error(`book type ${book.book_type}`)
  return bookPackageBaseName(await placesOf(db, book), { bookType: book.book_type, year: book.year, volume: book.volume })
}
