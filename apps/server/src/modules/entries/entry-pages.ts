import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'

type Executor = Kysely<Database> | Transaction<Database>

/** An entry sits on one page or runs over two; more is a keying slip. */
export const MAX_PAGES_PER_ENTRY = 2

/**
 * Replaces the pages an entry is on (in order: first page, then the page it continues on). Pages
 * must be pages of the entry's book; an empty list unlinks. Call inside the entry's transaction.
 */
export async function setEntryPages(trx: Transaction<Database>, entry: { id: string; book_id: string }, pageIds: string[]): Promise<void> {
  const unique = [...new Set(pageIds)]
  if (unique.length !== pageIds.length || unique.length > MAX_PAGES_PER_ENTRY) {
    throw new HttpError(400, 'validation', 'Một trường hợp nằm trên một hoặc hai trang ảnh khác nhau.', {
      fieldErrors: { pageIds: 'Chọn một trang, hoặc hai trang nếu trường hợp sang trang' },
    })
  }
  if (unique.length > 0) {
    const found = await trx.selectFrom('book_pages').select('id').where('id', 'in', unique).where('book_id', '=', entry.book_id).execute()
    if (found.length !== unique.length) {
      throw new HttpError(400, 'validation', 'Trang ảnh được chọn không thuộc sổ của trường hợp này.', {
        fieldErrors: { pageIds: 'Chọn trang ảnh của chính sổ này' },
      })
    }
  }
  await trx.deleteFrom('entry_pages').where('entry_id', '=', entry.id).execute()
  if (unique.length > 0) {
    await trx.insertInto('entry_pages').values(unique.map((pageId, index) => ({ entry_id: entry.id, page_id: pageId, ordinal: index + 1 }))).execute()
  }
}

/** Page ids of an entry, in order. */
export async function pageIdsOf(db: Executor, entryId: string): Promise<string[]> {
  const rows = await db.selectFrom('entry_pages').select('page_id').where('entry_id', '=', entryId).orderBy('ordinal').execute()
  return rows.map((r) => r.page_id)
}

/** Page ids of many entries at once, each in order (an entry without pages is absent from the map). */
export async function pageIdsByEntry(db: Executor, entryIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>()
  if (entryIds.length === 0) return map
  const rows = await db.selectFrom('entry_pages').select(['entry_id', 'page_id']).where('entry_id', 'in', [...entryIds]).orderBy('entry_id').orderBy('ordinal').execute()
  for (const row of rows) map.set(row.entry_id, [...(map.get(row.entry_id) ?? []), row.page_id])
  return map
}
