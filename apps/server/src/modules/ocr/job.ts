/**
 * Background job 'ocr.page': reads pages of one book with the OCR engine and stores, per page, the
 * entries anchored to the catalog's fields (the proposals the workbench shows). A page takes one to
 * a few seconds: never in a request. Resumable: a run restarted after a crash skips the pages it
 * already read (same image), and a page read twice keeps one row.
 */
import type { Kysely } from 'kysely'
import sharp from 'sharp'
import { z } from 'zod'
import { anchorPage, getBookType, isBookTypeCode, meanWordConfidence } from '@hts/domain'
import type { Database } from '../../db/schema'
import type { FileStore } from '../files'
import { defineJob, jobKind, type JobHandler } from '../jobs'
import type { OcrEngine } from './engine'
import { ocrEnabled } from './policy'
import { createOcrRepository, type OcrPage } from './repository'

const Params = z.object({
  bookId: z.guid(),
  pageIds: z.array(z.guid()).min(1).max(1000),
  /** Read again even a page already read from the same image (a keyer's "Đọc lại"). */
  force: z.boolean().optional(),
})
const Progress = z.object({ total: z.number(), done: z.number(), skipped: z.number(), failed: z.number() }).partial()

/** Keyers see the reads of their unit's pages in the jobs list (they are the ones waiting for them). */
export const OCR_PAGE_JOB = jobKind('ocr.page', 'entry.create', Params, Progress)

/** An original larger than this (a 600 dpi scan) is reduced to it: 300 dpi A4, print at 25-40 px, enough for Tesseract and twice as fast. */
const ORIGINAL_LONG_SIDE = 3600

export const OCR_STOPPED = 'Việc đọc trang này đã dừng. Bấm "Đọc lại" để đọc lại trang.'

export function createOcrJobHandler(db: Kysely<Database>, files: FileStore, engine: OcrEngine): JobHandler {
  const repo = createOcrRepository(db)

  /**
   * The page upright as displayed (the keyer turned it if it was scanned sideways). From the uploaded
   * image at its own resolution when there is one: the base rendition (1600 px) leaves the small print
   * of a register ~13 px high, and enlarging it again does not bring back what the reduction lost.
   * A PDF's page, or an original that cannot be read, is read from the base rendition.
   */
  async function imageOf(page: OcrPage & { base_sha256: string }): Promise<Buffer> {
    if (page.upload_mime_type.startsWith('image/')) {
      const original = await originalOf(page).catch((error: unknown) => {
        // The read goes on from the rendition (its small print is read worse): said in the log, not silent.
        console.error(`ocr: trang ${page.id}: không đọc được ảnh gốc (${error instanceof Error ? error.message : String(error)}), đọc từ ảnh đã dựng`)
        return undefined
      })
      if (original) return original
    }
    const base = await files.get(page.base_sha256)
    return page.rotation === 0 ? base : sharp(base).rotate(page.rotation).png({ compressionLevel: 1 }).toBuffer()
  }

  async function originalOf(page: OcrPage): Promise<Buffer> {
    const copy = await files.localCopy(page.upload_sha256)
    try {
      // As renderImagePage takes it (that page of a TIFF, upright per EXIF, on white), then turned as displayed.
      const upright = await sharp(copy.path, { page: page.source_page - 1, failOn: 'none', limitInputPixels: 400_000_000 })
        .autoOrient()
        .resize({ width: ORIGINAL_LONG_SIDE, height: ORIGINAL_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .png({ compressionLevel: 1 })
        .toBuffer()
      return page.rotation === 0 ? upright : await sharp(upright).rotate(page.rotation).png({ compressionLevel: 1 }).toBuffer()
    } finally {
      await copy.release()
    }
  }

  return defineJob({
    ...OCR_PAGE_JOB,
    onInterrupted: 'resume',
    async run(ctx) {
      const { bookId, pageIds, force } = ctx.params
      const book = await repo.findBook(bookId)
      if (!book || !isBookTypeCode(book.book_type)) throw new Error('Không tìm thấy sổ của các trang cần đọc')
      const bookType = getBookType(book.book_type)
      let done = 0
      let skipped = 0
      let failed = 0
      for (const pageId of pageIds) {
        await ctx.checkpoint()
        // Read again each time: the book may have been turned off while its pages waited.
        if (!ocrEnabled(book, await repo.setting(bookId))) {
          await repo.dropPending(pageIds)
          skipped += pageIds.length - done - skipped - failed
          break
        }
        const page = await repo.findPage(pageId)
        const previous = page && (await repo.findRead(page.id))
        if (!page || page.book_id !== bookId || page.status !== 'ready' || !page.base_sha256) {
          await repo.dropPending([pageId])
          skipped++
          continue
        }
        // Already read from this image by an earlier run (or another job): stored once.
        if (!force && previous?.status === 'done' && previous.image_sha256 === page.base_sha256 && previous.job_id !== ctx.job.id) {
          skipped++
          continue
        }
        if (previous?.status === 'done' && previous.job_id === ctx.job.id) {
          done++
          continue
        }
        try {
          const reading = await engine.read(await imageOf({ ...page, base_sha256: page.base_sha256 }))
          await repo.saveRead(page, ctx.job.id, {
            engine: engine.name,
            imageSha256: page.base_sha256,
            ms: reading.ms,
            confidence: meanWordConfidence(reading.lines),
            entries: anchorPage(reading.lines, bookType),
          })
          done++
        } catch (error) {
          await repo.saveFailure(page, ctx.job.id, `Không đọc được trang: ${error instanceof Error ? error.message : String(error)}`)
          failed++
        }
        await ctx.progress({ total: pageIds.length, done, skipped, failed })
      }
      await ctx.progress({ total: pageIds.length, done, skipped, failed })
      return { pages: pageIds.length, done, skipped, failed }
    },
    async cleanup(_db, job) {
      await repo.failPendingOfJob(job.row.id, OCR_STOPPED)
    },
  })
}
