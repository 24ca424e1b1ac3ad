import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { BookOcrSettingsTable, BooksTable, Database, PageOcrTable } from '../../db/schema'

export type Executor = Kysely<Database> | Transaction<Database>
export type PageOcrRow = Selectable<PageOcrTable>
export type BookOcrSettingRow = Selectable<BookOcrSettingsTable>
export type OcrBook = Pick<Selectable<BooksTable>, 'id' | 'book_type' | 'year' | 'custodian_unit_id'>

/** What the job needs of a page: where it is, its base image and how it is turned. */
export interface OcrPage {
  id: string
  book_id: string
  custodian_unit_id: string
  status: 'pending' | 'ready' | 'failed'
  kind: 'page' | 'blank' | 'cover'
  base_sha256: string | null
  rotation: 0 | 90 | 180 | 270
  /** The uploaded file the page comes from (read at its full resolution when it is an image). */
  upload_sha256: string
  upload_mime_type: string
  source_page: number
}

export interface PageRead {
  engine: string
  imageSha256: string
  ms: number
  confidence: number | null
  entries: unknown
}

const PAGE_COLUMNS = ['p.id', 'p.book_id', 'p.custodian_unit_id', 'p.status', 'p.kind', 'p.base_sha256', 'p.rotation', 'p.source_page'] as const

export function createOcrRepository(db: Kysely<Database>) {
  return {
    findPage(pageId: string, executor: Executor = db): Promise<OcrPage | undefined> {
      return executor
        .selectFrom('book_pages as p')
        .innerJoin('scan_uploads as u', 'u.id', 'p.upload_id')
        .select(PAGE_COLUMNS)
        .select(['u.sha256 as upload_sha256', 'u.mime_type as upload_mime_type'])
        .where('p.id', '=', pageId)
        .executeTakeFirst()
    },

    findBook(bookId: string, executor: Executor = db): Promise<OcrBook | undefined> {
      return executor.selectFrom('books').select(['id', 'book_type', 'year', 'custodian_unit_id']).where('id', '=', bookId).executeTakeFirst()
    },

    findRead(pageId: string, executor: Executor = db): Promise<PageOcrRow | undefined> {
      return executor.selectFrom('page_ocr').selectAll().where('page_id', '=', pageId).executeTakeFirst()
    },

    /**
     * The stored blocks of the book's reads within `span` pages of the page (itself included): the
     * nearby sightings of the values that repeat through a book (a signer changes over the years).
     */
    async readsNear(page: Pick<OcrPage, 'id' | 'book_id'>, span: number): Promise<unknown[]> {
      const rows = await db
        .selectFrom('book_pages as p')
        .innerJoin('book_pages as near', (join) => join.onRef('near.book_id', '=', 'p.book_id')
          .on((eb) => eb.between('near.position', eb(eb.ref('p.position'), '-', span), eb(eb.ref('p.position'), '+', span))))
        .innerJoin('page_ocr as o', 'o.page_id', 'near.id')
        .select('o.entries')
        .where('p.id', '=', page.id)
        .where('o.status', '=', 'done')
        .execute()
      return rows.map((r) => r.entries)
    },

    setting(bookId: string, executor: Executor = db): Promise<BookOcrSettingRow | undefined> {
      return executor.selectFrom('book_ocr_settings').selectAll().where('book_id', '=', bookId).executeTakeFirst()
    },

    /** The book's first setting by hand: only if nobody wrote one meanwhile (undefined then: stale). */
    async insertSetting(executor: Executor, book: OcrBook, enabled: boolean, userId: string): Promise<BookOcrSettingRow | undefined> {
      return executor
        .insertInto('book_ocr_settings')
        .values({ book_id: book.id, custodian_unit_id: book.custodian_unit_id, enabled, version: 2, updated_by: userId })
        .onConflict((oc) => oc.column('book_id').doNothing())
        .returningAll()
        .executeTakeFirst()
    },

    async updateSetting(executor: Executor, bookId: string, version: number, enabled: boolean, userId: string): Promise<BookOcrSettingRow | undefined> {
      return executor
        .updateTable('book_ocr_settings')
        .set({ enabled, version: version + 1, updated_by: userId, updated_at: new Date() })
        .where('book_id', '=', bookId)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst()
    },

    /**
     * Ready pages of the book not read yet: no read, or a read of another image (rendered again).
     * Blank pages and covers have nothing to read; a page already queued or that failed is left
     * (a failed page is read again on request).
     */
    async unreadPages(bookId: string, executor: Executor = db): Promise<string[]> {
      const rows = await executor
        .selectFrom('book_pages as p')
        .leftJoin('page_ocr as o', 'o.page_id', 'p.id')
        .select('p.id')
        .where('p.book_id', '=', bookId)
        .where('p.status', '=', 'ready')
        .where('p.kind', '=', 'page')
        .where('p.base_sha256', 'is not', null)
        .where((eb) => eb.or([eb('o.page_id', 'is', null), eb.and([eb('o.status', '=', 'done'), eb('o.image_sha256', 'is distinct from', eb.ref('p.base_sha256'))])]))
        .orderBy('p.position')
        .execute()
      return rows.map((r) => r.id)
    },

    /** Marks pages queued by `jobId` (a page read twice keeps one row). */
    async markPending(executor: Executor, pages: readonly { id: string; book_id: string; custodian_unit_id: string }[], jobId: string): Promise<void> {
      if (pages.length === 0) return
      await executor
        .insertInto('page_ocr')
        .values(pages.map((p) => ({ page_id: p.id, book_id: p.book_id, custodian_unit_id: p.custodian_unit_id, status: 'pending' as const, job_id: jobId, entries: '[]' })))
        .onConflict((oc) => oc.column('page_id').doUpdateSet({ status: 'pending', job_id: jobId, error: null, updated_at: new Date() }))
        .execute()
    },

    async saveRead(page: OcrPage, jobId: string, read: PageRead): Promise<void> {
      const values = {
        status: 'done' as const, engine: read.engine, image_sha256: read.imageSha256, ms: read.ms, confidence: read.confidence,
        entries: JSON.stringify(read.entries), error: null, job_id: jobId, read_at: new Date(), updated_at: new Date(),
      }
      await db
        .insertInto('page_ocr')
        .values({ page_id: page.id, book_id: page.book_id, custodian_unit_id: page.custodian_unit_id, ...values })
        .onConflict((oc) => oc.column('page_id').doUpdateSet(values))
        .execute()
    },

    async saveFailure(page: OcrPage, jobId: string, error: string): Promise<void> {
      const values = { status: 'failed' as const, error: error.slice(0, 1000), job_id: jobId, updated_at: new Date() }
      await db
        .insertInto('page_ocr')
        .values({ page_id: page.id, book_id: page.book_id, custodian_unit_id: page.custodian_unit_id, entries: '[]', ...values })
        .onConflict((oc) => oc.column('page_id').doUpdateSet(values))
        .execute()
    },

    /** A page the job will not read after all (book turned off, page gone from the ready state): no longer pending. */
    async dropPending(pageIds: readonly string[], executor: Executor = db): Promise<void> {
      if (pageIds.length === 0) return
      await executor.deleteFrom('page_ocr').where('page_id', 'in', pageIds).where('status', '=', 'pending').execute()
    },

    async dropPendingOfBook(executor: Executor, bookId: string): Promise<void> {
      await executor.deleteFrom('page_ocr').where('book_id', '=', bookId).where('status', '=', 'pending').execute()
    },

    /** A job that failed or was cancelled: its pages still pending say so instead of waiting forever. */
    async failPendingOfJob(jobId: string, message: string): Promise<void> {
      await db.updateTable('page_ocr').set({ status: 'failed', error: message, updated_at: new Date() }).where('job_id', '=', jobId).where('status', '=', 'pending').execute()
    },

    async bookFigures(bookId: string): Promise<{ pagesRead: number; meanConfidence: number | null }> {
      const row = await db
        .selectFrom('page_ocr')
        .select([sql<string>`count(*)`.as('pages'), sql<number | null>`avg(confidence)`.as('mean')])
        .where('book_id', '=', bookId)
        .where('status', '=', 'done')
        .executeTakeFirst()
      const mean = row?.mean === null || row?.mean === undefined ? null : Math.round(Number(row.mean) * 10) / 10
      return { pagesRead: Number(row?.pages ?? 0), meanConfidence: mean }
    },
  }
}
export type OcrRepository = ReturnType<typeof createOcrRepository>
