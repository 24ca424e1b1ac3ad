import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { BookPagesTable, Database, ScanUploadsTable } from '../../db/schema'

export type PageRow = Selectable<BookPagesTable>
export type UploadRow = Selectable<ScanUploadsTable>
export type Executor = Kysely<Database> | Transaction<Database>

export interface PageEntryRef {
  id: string
  so: number | null
  status: string
  ordinal: number
}
export type PageWithEntries = PageRow & { file_name: string; entries: PageEntryRef[] }

export function createScansRepository(db: Kysely<Database>) {
  return {
    async findPage(id: string, executor: Executor = db): Promise<PageRow | undefined> {
      return executor.selectFrom('book_pages').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Pages of a book in book order, each with the entries keyed on it (so the strip can show counts). */
    async listPages(bookId: string, executor: Executor = db): Promise<PageWithEntries[]> {
      const pages = await executor
        .selectFrom('book_pages')
        .innerJoin('scan_uploads', 'scan_uploads.id', 'book_pages.upload_id')
        .selectAll('book_pages')
        .select('scan_uploads.file_name')
        .where('book_pages.book_id', '=', bookId)
        .orderBy('book_pages.position')
        .execute()
      const links = await executor
        .selectFrom('entry_pages')
        .innerJoin('entries', 'entries.id', 'entry_pages.entry_id')
        .innerJoin('book_pages', 'book_pages.id', 'entry_pages.page_id')
        .select(['entry_pages.page_id', 'entry_pages.ordinal', 'entries.id', 'entries.so', 'entries.status'])
        .where('book_pages.book_id', '=', bookId)
        .orderBy('entries.registration_year')
        .orderBy('entries.so')
        .execute()
      const byPage = new Map<string, PageEntryRef[]>()
      for (const link of links) {
        const list = byPage.get(link.page_id) ?? []
        list.push({ id: link.id, so: link.so, status: link.status, ordinal: link.ordinal })
        byPage.set(link.page_id, list)
      }
      return pages.map((page) => ({ ...page, entries: byPage.get(page.id) ?? [] }))
    },

    async uploadsWithHashes(bookId: string, hashes: string[], executor: Executor = db): Promise<UploadRow[]> {
      if (hashes.length === 0) return []
      return executor.selectFrom('scan_uploads').selectAll().where('book_id', '=', bookId).where('sha256', 'in', hashes).execute()
    },

    /** Page positions of each upload, for "already uploaded as pages 3-5". */
    async positionsOfUploads(uploadIds: string[], executor: Executor = db) {
      if (uploadIds.length === 0) return new Map<string, { first: number; last: number }>()
      const rows = await executor
        .selectFrom('book_pages')
        .select(['upload_id', sql<number>`min(position)::int`.as('first'), sql<number>`max(position)::int`.as('last')])
        .where('upload_id', 'in', uploadIds)
        .groupBy('upload_id')
        .execute()
      return new Map(rows.map((r) => [r.upload_id, { first: r.first, last: r.last }]))
    },

    /** Locks the book row so that two uploads at once never take the same page positions. */
    async lockAndLastPosition(trx: Transaction<Database>, bookId: string): Promise<number> {
      await sql`select id from books where id = ${bookId} for update`.execute(trx)
      const row = await trx
        .selectFrom('book_pages')
        .select(sql<number>`coalesce(max(position), 0)::int`.as('last'))
        .where('book_id', '=', bookId)
        .executeTakeFirstOrThrow()
      return row.last
    },

    /** Rewrites every position of the book in one statement (the unique constraint is checked at its end). */
    async setOrder(trx: Transaction<Database>, bookId: string, pageIds: string[]): Promise<void> {
      if (pageIds.length === 0) return
      const values = sql.join(pageIds.map((id, index) => sql`(${id}::uuid, ${index + 1}::int)`))
      await sql`
        update book_pages set position = v.position, updated_at = now(), version = version + 1
        from (values ${values}) as v(id, position)
        where book_pages.id = v.id and book_pages.book_id = ${bookId} and book_pages.position <> v.position`.execute(trx)
    },

    async pendingPages(uploadIds: string[], executor: Executor = db): Promise<Array<PageRow & { sha256: string; mime_type: string }>> {
      if (uploadIds.length === 0) return []
      return executor
        .selectFrom('book_pages')
        .innerJoin('scan_uploads', 'scan_uploads.id', 'book_pages.upload_id')
        .selectAll('book_pages')
        .select(['scan_uploads.sha256', 'scan_uploads.mime_type'])
        .where('book_pages.upload_id', 'in', uploadIds)
        .where('book_pages.status', '=', 'pending')
        .orderBy('scan_uploads.created_at')
        .orderBy('book_pages.upload_id')
        .orderBy('book_pages.source_page')
        .execute()
    },
  }
}
export type ScansRepository = ReturnType<typeof createScansRepository>
