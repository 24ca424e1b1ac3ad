import type { Kysely } from 'kysely'
import { BOOK_REPEATED_KEYS, bookVotes, getBookType, placePartVotes, settlePlaceFields, settleRepeatedFields, type BookOcrUpdate, type BookOcrView, type OcrEntryProposal, type PageOcrView } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, forbidden, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow, BooksService } from '../books'
import { ocrAccuracyOfBook, recentValuesOfBook } from '../entries'
import type { FileStore } from '../files'
import type { JobHandler, JobsService } from '../jobs'
import { createTesseractEngine, type OcrEngine } from './engine'
import { createOcrJobHandler } from './job'
import { mayReadProposals, ocrAvailable, ocrEnabled, suggestOff } from './policy'
import { presentPageOcr, storedEntries } from './presenter'
import { queueReads, queueUnreadPages } from './queue'
import { createOcrRepository, type OcrPage } from './repository'

const PAGE_NOT_FOUND = 'Không tìm thấy trang ảnh này'
/** Pages either side whose reads settle a page's repeated header values. */
const NEARBY_PAGES = 25
const STALE_SETTING = 'Cài đặt OCR của sổ vừa được người khác thay đổi. Tải lại rồi thử lại.'

export interface OcrServiceDeps {
  books: BooksService
  jobs: JobsService
  files: FileStore
  /** Tests pass a stand-in; the server reads with Tesseract. */
  engine?: OcrEngine
}

export function createOcrService(db: Kysely<Database>, { books, jobs, files, engine = createTesseractEngine() }: OcrServiceDeps) {
  const repo = createOcrRepository(db)

  /** The page and its book when the book is in the user's scope; 404 otherwise (the same as not existing). */
  async function pageInScope(user: AuthUser, pageId: string): Promise<{ page: OcrPage; book: BookRow }> {
    if (!mayReadProposals(user)) throw forbidden()
    const page = await repo.findPage(pageId)
    const book = page ? await books.findInScope(user, page.book_id) : undefined
    if (!page || !book) throw notFound(PAGE_NOT_FOUND)
    return { page, book }
  }

  async function bookView(book: BookRow): Promise<BookOcrView> {
    const setting = await repo.setting(book.id)
    const figures = await repo.bookFigures(book.id)
    const accuracy = await ocrAccuracyOfBook(db, book.id)
    return {
      bookId: book.id,
      available: ocrAvailable(book),
      enabled: ocrEnabled(book, setting),
      pagesRead: figures.pagesRead,
      meanConfidence: figures.meanConfidence,
      suggestOff: suggestOff(figures.pagesRead, figures.meanConfidence),
      fieldsProposed: accuracy.proposed,
      fieldsKept: accuracy.kept,
      version: setting?.version ?? 1,
    }
  }

  /**
   * The page's blocks with the header values that repeat through the book, and the parts of its
   * places, settled against its nearby reads and keyed entries.
   */
  async function settledAgainstBook(page: OcrPage, book: BookRow, entries: OcrEntryProposal[]): Promise<OcrEntryProposal[]> {
    const reads = (await repo.readsNear(page, NEARBY_PAGES)).map((stored) => storedEntries({ entries: stored }))
    const placeKeys = new Set(getBookType(book.book_type).fields.filter((f) => f.kind === 'place').map((f) => f.key))
    const keyed = await recentValuesOfBook(db, page.book_id, [...new Set([...BOOK_REPEATED_KEYS, ...placeKeys])])
    const settled = settleRepeatedFields(entries, bookVotes(reads, keyed))
    return settlePlaceFields(settled, placeKeys, placePartVotes(reads, keyed, placeKeys))
  }


  return {
    jobHandler: createOcrJobHandler(db, files, engine) satisfies JobHandler,
    /** Stops the engine's worker (server close). */
    close: () => engine.close(),

    /** What OCR read on the page. Proposals are personal data: a read that returns any is audited. */
    async page(user: AuthUser, pageId: string): Promise<PageOcrView> {
      const { page, book } = await pageInScope(user, pageId)
      const row = await repo.findRead(page.id)
      const read = presentPageOcr(page.id, row, ocrEnabled(book, await repo.setting(book.id)))
      const view = read.entries.length > 0 ? { ...read, entries: await settledAgainstBook(page, book, read.entries) } : read
      if (view.entries.length > 0) {
        await recordAudit(db, actorOf(user), {
          action: 'page.ocr.read', entityType: 'page', entityId: page.id,
          details: { bookId: book.id, entries: view.entries.length, fields: view.entries.reduce((n, e) => n + e.fields.length, 0) },
        })
      }
      return view
    },

    /** Queues the page to be read (again): a read that went wrong, a page turned upright. */
    async requestRead(user: AuthUser, pageId: string): Promise<PageOcrView> {
      const { page, book } = await pageInScope(user, pageId)
      if (!ocrAvailable(book)) throw conflict('Loại sổ này chưa có mẫu trang in trong danh mục: không đọc OCR được.')
      if (!ocrEnabled(book, await repo.setting(book.id))) throw conflict('OCR đang tắt cho sổ này. Bật OCR của sổ trước rồi đọc lại trang.')
      if (page.status !== 'ready' || !page.base_sha256) throw conflict('Trang này chưa xử lý xong ảnh, chưa đọc được. Thử lại sau ít giây.')
      if (page.kind !== 'page') throw conflict('Trang này được đánh dấu là trang trắng hoặc bìa: không có gì để đọc.')
      await db.transaction().execute(async (trx) => {
        const [jobId] = await queueReads(trx, jobs, book, [page.id], user.id, true)
        await recordAudit(trx, actorOf(user), { action: 'page.ocr.queue', entityType: 'page', entityId: page.id, details: { bookId: book.id, jobId: jobId ?? null } })
      })
      jobs.wake()
      return presentPageOcr(page.id, await repo.findRead(page.id), true)
    },

    /** The book's setting and what OCR achieved on it (figures only: no personal data, not audited). */
    async book(user: AuthUser, bookId: string): Promise<BookOcrView> {
      const book = await books.findInScope(user, bookId)
      if (!book) throw notFound('Không tìm thấy sổ này')
      return bookView(book)
    },

    /** Turns the book's OCR on or off (with the version read); turning it on queues its ready pages not read yet. */
    async updateBook(user: AuthUser, bookId: string, input: BookOcrUpdate): Promise<BookOcrView> {
      const book = await books.findInScope(user, bookId)
      if (!book) throw notFound('Không tìm thấy sổ này')
      if (!ocrAvailable(book) && input.enabled) throw conflict('Loại sổ này chưa có mẫu trang in trong danh mục: không bật OCR được.')
      const queued = await db.transaction().execute(async (trx) => {
        const current = await repo.setting(book.id, trx)
        const before = ocrEnabled(book, current)
        const saved = (current?.version ?? 1) !== input.version
          ? undefined
          : current
            ? await repo.updateSetting(trx, book.id, input.version, input.enabled, user.id)
            : await repo.insertSetting(trx, book, input.enabled, user.id)
        if (!saved) return undefined
        const pages = input.enabled ? await queueUnreadPages(trx, jobs, [book.id], user.id) : 0
        // Pages still waiting are not read after all: they show as "off" at once.
        if (!input.enabled) await repo.dropPendingOfBook(trx, book.id)
        await recordAudit(trx, actorOf(user), {
          action: 'book.ocr.update', entityType: 'book', entityId: book.id,
          details: { enabled: [before, input.enabled], version: saved.version, pagesQueued: pages },
        })
        return pages
      })
      // Outside the transaction: on PGlite a read on `db` inside it would wait for the transaction's own connection.
      if (queued === undefined) throw conflict(STALE_SETTING, { current: await bookView(book) })
      if (queued > 0) jobs.wake()
      return bookView(book)
    },
  }
}
export type OcrService = ReturnType<typeof createOcrService>
