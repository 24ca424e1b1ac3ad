import type { Kysely } from 'kysely'
import { carryForwardFields } from '@hts/domain'
import type { Database } from '../../db/schema'
import type { BookRow } from '../books'

/**
 * Values to start the next entry of a book with: the repeating header fields of the last entry
 * keyed in the book, số = previous + 1, the same trang, and the page the last entry was on (or the
 * first page of the book when nothing is keyed yet).
 */
export async function nextEntry(db: Kysely<Database>, book: BookRow) {
  const last = await db
    .selectFrom('entries')
    .select(['id', 'fields', 'so', 'registration_year'])
    .where('book_id', '=', book.id)
    .orderBy('created_at', 'desc')
    .orderBy('so', 'desc')
    .limit(1)
    .executeTakeFirst()
  // The book's own volume and authority until an entry says otherwise.
  const fields: Record<string, string> = { quyenSo: book.volume, noiDangKy: book.issuing_authority, ...carryForwardFields(last?.fields ?? {}) }

  const lastPage = last
    ? await db
      .selectFrom('entry_pages')
      .innerJoin('book_pages', 'book_pages.id', 'entry_pages.page_id')
      .select(['book_pages.id', 'book_pages.position'])
      .where('entry_pages.entry_id', '=', last.id)
      .orderBy('entry_pages.ordinal', 'desc')
      .limit(1)
      .executeTakeFirst()
    : undefined
  const page = lastPage ?? (await db
    .selectFrom('book_pages')
    .select(['id', 'position'])
    .where('book_id', '=', book.id)
    .where('kind', '=', 'page')
    .orderBy('position')
    .limit(1)
    .executeTakeFirst())
  const following = page
    ? await db.selectFrom('book_pages').select(['id', 'position']).where('book_id', '=', book.id).where('position', '>', page.position)
      .where('kind', '=', 'page').orderBy('position').limit(1).executeTakeFirst()
    : undefined
  return {
    bookId: book.id,
    fields,
    year: last?.registration_year ?? book.year,
    previousEntryId: last?.id ?? null,
    page: page ? { id: page.id, position: page.position } : null,
    nextPage: following ? { id: following.id, position: following.position } : null,
  }
}
