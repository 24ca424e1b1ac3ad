/**
 * Row bands of handwritten books (issue 16 part 1). This module owns `book_band_layouts`: a book's
 * layout (first band, band height, bands per page, the columns and the field each holds) and its
 * pages' corrections. It reads `book_pages` (the scans module's) only to find a page's book and image,
 * and detects the ruled lines of a page image for the workbench to snap its marks to.
 */
import type { Kysely } from 'kysely'
import { bandLayoutProblem, getBookType, type BandCorrectionBody, type BandLayoutBody, type BookBandLayoutView, type PageBandCorrection, type PageRulesView } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow, BooksService } from '../books'
import type { FileStore } from '../files'
import { fullNamesOf } from '../users'
import { mayMarkBands } from './policy'
import { presentBandLayout, presentRules } from './presenter'
import { findBandLayout, findPageImage, saveBandLayout, saveCorrections, type StoredBandLayout } from './repository'
import { detectRules, type DetectedRules } from './rules'

const PAGE_NOT_FOUND = 'Không tìm thấy trang ảnh này'
export const STALE_LAYOUT = 'Dải dòng của sổ vừa được người khác đánh dấu lại: tải lại rồi đánh dấu lại nếu cần'
export const NO_LAYOUT = 'Sổ chưa được đánh dấu dòng: đánh dấu dải dòng và các cột ở trang đầu trước'
const RULES_CACHE = 64

export function createBandsService(db: Kysely<Database>, books: BooksService, store: FileStore) {
  // Detected rules by image hash: a page image never changes under its hash, and the workbench asks per page shown.
  const rulesCache = new Map<string, DetectedRules>()

  async function view(user: AuthUser, bookId: string, stored: StoredBandLayout | undefined): Promise<BookBandLayoutView> {
    const names = stored?.updatedBy ? await fullNamesOf(db, [stored.updatedBy]) : new Map<string, string>()
    return presentBandLayout(bookId, stored, names, mayMarkBands(user))
  }

  async function pageInScope(user: AuthUser, pageId: string) {
    const page = await findPageImage(db, pageId)
    const book = page ? await books.findInScope(user, page.book_id) : undefined
    if (!page || !book) throw notFound(PAGE_NOT_FOUND)
    return { page, book }
  }

  /** Column keys must be fields of the book's type: a typo would show a crop beside no field. */
  function checkColumns(book: BookRow, body: BandLayoutBody): void {
    const catalog = getBookType(book.book_type)
    const unknown = body.layout.columns.map((c) => c.key).filter((key) => !catalog.fields.some((f) => f.key === key))
    if (unknown.length > 0) throw new HttpError(400, 'validation', `Cột gán cho ô không có trong biểu mẫu của loại sổ này: ${unknown.join(', ')}`, { fieldErrors: { columns: 'Chọn ô của biểu mẫu cho mỗi cột' } })
    const problem = bandLayoutProblem(body.layout)
    if (problem) throw new HttpError(400, 'validation', problem, { fieldErrors: { layout: problem } })
  }

  return {
    async getLayout(user: AuthUser, bookId: string): Promise<BookBandLayoutView> {
      const book = await books.getInScope(user, bookId)
      return view(user, book.id, await findBandLayout(db, book.id))
    },

    /** Marks (or marks again) the book's bands; `version` is the one read, 409 when someone saved in between. */
    async setLayout(user: AuthUser, bookId: string, body: BandLayoutBody): Promise<BookBandLayoutView> {
      const book = await books.getInScope(user, bookId)
      checkColumns(book, body)
      const stored = await db.transaction().execute(async (trx) => {
        const before = await findBandLayout(trx, book.id, true)
        if ((before?.version ?? 0) !== body.version || !(await saveBandLayout(trx, book.id, body.layout, body.version, user.id))) {
          throw conflict(STALE_LAYOUT, { currentVersion: before?.version ?? 0 })
        }
        await recordAudit(trx, actorOf(user), {
          action: 'book.bandLayout',
          entityType: 'book',
          entityId: book.id,
          details: { version: body.version + 1, before: before?.layout ?? null, after: body.layout },
        })
        return findBandLayout(trx, book.id)
      })
      return view(user, book.id, stored)
    },

    /** A page's own correction (shift, height scale), or none when dy is 0 and scale 1. */
    async setCorrection(user: AuthUser, pageId: string, body: BandCorrectionBody): Promise<BookBandLayoutView> {
      const { page, book } = await pageInScope(user, pageId)
      const stored = await db.transaction().execute(async (trx) => {
        const before = await findBandLayout(trx, book.id, true)
        if (!before) throw conflict(NO_LAYOUT)
        const correction: PageBandCorrection = { pageId: page.id, dy: body.dy, ...(body.scale !== undefined && body.scale !== 1 && { scale: body.scale }) }
        const neutral = correction.dy === 0 && correction.scale === undefined
        const corrections = [...before.corrections.filter((c) => c.pageId !== page.id), ...(neutral ? [] : [correction])]
        await saveCorrections(trx, book.id, corrections, user.id)
        await recordAudit(trx, actorOf(user), {
          action: 'page.bandCorrection',
          entityType: 'page',
          entityId: page.id,
          details: { bookId: book.id, position: page.position, before: before.corrections.find((c) => c.pageId === page.id) ?? null, after: neutral ? null : correction },
        })
        return findBandLayout(trx, book.id)
      })
      return view(user, book.id, stored)
    },

    /** The ruled lines of the page's display image (positions as fractions), for the marks to snap to. */
    async rules(user: AuthUser, pageId: string): Promise<PageRulesView> {
      const { page, book } = await pageInScope(user, pageId)
      const sha256 = page.image_sha256
      if (page.status !== 'ready' || !sha256) throw new HttpError(409, 'page_not_ready', `Trang ${page.position} chưa có ảnh: thử lại sau ít giây`)
      let rules = rulesCache.get(sha256)
      if (!rules) {
        rules = await detectRules(await store.get(sha256))
        rulesCache.set(sha256, rules)
        if (rulesCache.size > RULES_CACHE) rulesCache.delete(rulesCache.keys().next().value ?? sha256)
      }
      // The image is read (for lines only; nothing of it leaves): audited like a view of the page.
      await recordAudit(db, actorOf(user), { action: 'page.rules', entityType: 'page', entityId: page.id, details: { bookId: book.id, position: page.position } })
      return presentRules(page.id, rules)
    },
  }
}
export type BandsService = ReturnType<typeof createBandsService>
