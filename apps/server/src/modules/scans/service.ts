import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { conflict, HttpError, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow } from '../books'
import type { BooksService } from '../books'
import { FileCorruptError, FileMissingError } from '../files'
import type { FileStore } from '../files'
import { saveJobProgress, type JobsService } from '../jobs'
import { createPdfRenderer } from './pdf-renderer'
import { presentPage } from './presenter'
import { createScansJobHandler } from './processing'
import { renderDisplay } from './renditions'
import { createScansRepository, type PageRow } from './repository'
import { createScanUploads, SCANS_JOB, type UploadOptions } from './upload'

const PAGE_NOT_FOUND = 'Không tìm thấy trang ảnh này'

export interface PagePatch {
  kind?: 'page' | 'blank' | 'cover' | undefined
  rotation?: 0 | 90 | 180 | 270 | undefined
  version?: number | undefined
}

/** A stored file that fails its hash check is a server-side problem the user must hear about plainly. */
function storeError(error: unknown): never {
  if (error instanceof FileCorruptError || error instanceof FileMissingError) {
    throw new HttpError(500, error instanceof FileCorruptError ? 'file_corrupt' : 'file_missing', error.message)
  }
  throw error
}

export function createScansService(db: Kysely<Database>, books: BooksService, jobs: JobsService, store: FileStore, options: UploadOptions) {
  const repo = createScansRepository(db)
  // Two workers: checking an upload never waits behind (or disturbs) the background rendering.
  const pdf = createPdfRenderer()
  const inspectPdf = createPdfRenderer()
  const uploads = createScanUploads(db, store, jobs, inspectPdf, options)

  /** The page and its book if the book is in the user's scope; 404 otherwise (same as not existing). */
  async function pageInScope(user: AuthUser, pageId: string): Promise<{ page: PageRow; book: BookRow }> {
    const page = await repo.findPage(pageId)
    const book = page ? await books.findInScope(user, page.book_id) : undefined
    if (!page || !book) throw notFound(PAGE_NOT_FOUND)
    return { page, book }
  }

  return {
    uploadOptions: options,
    jobHandler: createScansJobHandler(store, pdf, jobs),
    receive: uploads.receive,
    discard: uploads.discard,
    ingest: uploads.ingest,
    pageInScope,
    stop: async () => {
      await Promise.all([pdf.stop(), inspectPdf.stop()])
    },

    async listPages(user: AuthUser, book: BookRow) {
      const pages = await repo.listPages(book.id)
      await recordAudit(db, actorOf(user), { action: 'page.list', entityType: 'book', entityId: book.id, details: { pages: pages.length } })
      return pages.map(presentPage)
    },

    /**
     * The image bytes (verified against their hash) with the hash as ETag, or `notModified` when the
     * browser already holds this version. Every image sent is audited, thumbnails too (issue 14: a
     * thumbnail of a register page still shows names): page.view or page.thumbnail.
     */
    async image(user: AuthUser, pageId: string, which: 'image' | 'thumbnail', ifNoneMatch: string | undefined) {
      const { page, book } = await pageInScope(user, pageId)
      const sha256 = which === 'image' ? page.image_sha256 : page.thumb_sha256
      if (!sha256) {
        throw new HttpError(409, 'page_not_ready', page.status === 'failed'
          ? `Trang ${page.position} lỗi xử lý: ${page.error ?? ''}`
          : `Trang ${page.position} đang được xử lý, thử lại sau ít giây.`)
      }
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${sha256}"`)) {
        return { sha256, notModified: true as const }
      }
      const data = await store.get(sha256).catch(storeError)
      await recordAudit(db, actorOf(user), { action: which === 'image' ? 'page.view' : 'page.thumbnail', entityType: 'page', entityId: page.id, details: { bookId: book.id, position: page.position } })
      return { sha256, notModified: false as const, data }
    },

    /** Marks a page blank/cover/page and/or turns it (absolute rotation); the displayed image is re-derived from the unrotated base. */
    async updatePage(user: AuthUser, pageId: string, patch: PagePatch) {
      const { page, book } = await pageInScope(user, pageId)
      if (patch.version !== undefined && patch.version !== page.version) {
        throw conflict('Trang này vừa được người khác sửa. Tải lại danh sách trang rồi thử lại.', { current: presentPage(page) })
      }
      const turning = patch.rotation !== undefined && patch.rotation !== page.rotation
      if (turning && (page.status !== 'ready' || !page.base_sha256)) {
        throw conflict(`Trang ${page.position} chưa xử lý xong, chưa xoay được. Thử lại sau ít giây.`)
      }
      let renditions: { image_sha256: string; thumb_sha256: string; width: number; height: number } | undefined
      if (turning && page.base_sha256 && patch.rotation !== undefined) {
        const display = await renderDisplay(await store.get(page.base_sha256).catch(storeError), patch.rotation)
        const image = await store.put(display.image.data)
        const thumb = await store.put(display.thumb)
        renditions = { image_sha256: image.sha256, thumb_sha256: thumb.sha256, width: display.image.width, height: display.image.height }
      }
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('book_pages')
          .set({
            ...(patch.kind !== undefined && { kind: patch.kind }),
            ...(patch.rotation !== undefined && { rotation: patch.rotation }),
            ...renditions,
            version: page.version + 1,
            updated_at: new Date(),
          })
          .where('id', '=', page.id)
          .where('version', '=', page.version)
          .returningAll()
          .executeTakeFirst()
        if (!row) return undefined
        await recordAudit(trx, actorOf(user), {
          action: 'page.update', entityType: 'page', entityId: page.id,
          details: { bookId: book.id, position: page.position, kind: [page.kind, row.kind], rotation: [page.rotation, row.rotation] },
        })
        return row
      })
      if (!updated) throw conflict('Trang này vừa được người khác sửa. Tải lại danh sách trang rồi thử lại.')
      const [withEntries] = (await repo.listPages(book.id)).filter((p) => p.id === page.id)
      return presentPage(withEntries ?? updated)
    },

    /** New book order: `pageIds` must list every page of the book exactly once. */
    async reorder(user: AuthUser, book: BookRow, pageIds: string[]) {
      const current = await repo.listPages(book.id)
      const known = new Set(current.map((p) => p.id))
      const given = new Set(pageIds)
      if (given.size !== pageIds.length) throw new HttpError(400, 'validation', 'Danh sách trang có trang bị lặp lại.')
      if (given.size !== known.size || pageIds.some((id) => !known.has(id))) {
        throw conflict(`Danh sách trang không khớp với sổ (sổ có ${known.size} trang, gửi lên ${given.size}). Tải lại danh sách trang rồi sắp xếp lại.`)
      }
      await db.transaction().execute(async (trx) => {
        await repo.lockAndLastPosition(trx, book.id)
        await repo.setOrder(trx, book.id, pageIds)
        const moved = current.filter((p, index) => p.id !== pageIds[index]).length
        await recordAudit(trx, actorOf(user), { action: 'page.reorder', entityType: 'book', entityId: book.id, details: { moved, order: pageIds } })
      })
      return (await repo.listPages(book.id)).map(presentPage)
    },

    /**
     * Removes a page (e.g. a scan uploaded to the wrong book) and closes the gap in book order. A
     * page that entries are linked to is refused. The stored file stays (other books may use the same bytes).
     */
    async deletePage(user: AuthUser, pageId: string) {
      const { page, book } = await pageInScope(user, pageId)
      await db.transaction().execute(async (trx) => {
        await repo.lockAndLastPosition(trx, book.id)
        const linked = await trx.selectFrom('entry_pages').select('entry_id').where('page_id', '=', page.id).execute()
        if (linked.length > 0) {
          throw conflict(`Trang ${page.position} đang gắn với ${linked.length} trường hợp. Gắn các trường hợp đó sang trang khác trước khi xóa trang.`, { entryIds: linked.map((l) => l.entry_id) })
        }
        await trx.deleteFrom('book_pages').where('id', '=', page.id).execute()
        await trx.updateTable('book_pages').set((eb) => ({ position: eb('position', '-', 1) })).where('book_id', '=', book.id).where('position', '>', page.position).execute()
        const left = await trx.selectFrom('book_pages').select('id').where('upload_id', '=', page.upload_id).limit(1).executeTakeFirst()
        // An upload without pages is forgotten, so that uploading the same file again is not called a duplicate.
        if (!left) await trx.deleteFrom('scan_uploads').where('id', '=', page.upload_id).execute()
        await recordAudit(trx, actorOf(user), {
          action: 'page.delete', entityType: 'page', entityId: page.id,
          details: { bookId: book.id, position: page.position, uploadId: page.upload_id, sourcePage: page.source_page, imageSha256: page.image_sha256 },
        })
      })
      return (await repo.listPages(book.id)).map(presentPage)
    },

    /** Queues the failed pages of a book for rendering again (e.g. after a cancelled job). */
    async reprocess(user: AuthUser, book: BookRow) {
      return db.transaction().execute(async (trx) => {
        const pages = await trx.updateTable('book_pages').set({ status: 'pending', error: null, updated_at: new Date() })
          .where('book_id', '=', book.id).where('status', '=', 'failed').returning(['upload_id']).execute()
        if (pages.length === 0) return { jobId: null, pages: 0 }
        const uploadIds = [...new Set(pages.map((p) => p.upload_id))]
        const jobId = await jobs.enqueue(trx, SCANS_JOB, { unitId: book.custodian_unit_id, createdBy: user.id, params: { bookId: book.id, uploadIds } })
        await saveJobProgress(trx, SCANS_JOB, jobId, { pagesTotal: pages.length, pagesDone: 0, pagesFailed: 0 })
        await recordAudit(trx, actorOf(user), { action: 'page.reprocess', entityType: 'book', entityId: book.id, details: { jobId, pages: pages.length } })
        return { jobId, pages: pages.length }
      }).finally(() => jobs.wake())
    },

  }
}
export type ScansService = ReturnType<typeof createScansService>
