import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { FileStore } from '../files'
import { defineJob, type JobHandler, type JobsService } from '../jobs'
import { queueUnreadPages } from '../ocr'
import type { PdfRenderer } from './pdf-renderer'
import { renderDisplay, renderImagePage, type Rendition } from './renditions'
import { createScansRepository, type PageRow } from './repository'
import { SCANS_JOB } from './upload'

const CANCELLED = 'Đã hủy xử lý trang này. Tải lại tệp hoặc chọn "Xử lý lại".'

/** Stores the base rendition, the displayed image and the thumbnail of one page and marks it ready. */
export async function savePageRenditions(db: Kysely<Database>, store: FileStore, page: PageRow, base: Rendition): Promise<void> {
  const baseStored = await store.put(base.data)
  const display = await renderDisplay(base.data, page.rotation)
  const image = await store.put(display.image.data)
  const thumb = await store.put(display.thumb)
  await db
    .updateTable('book_pages')
    .set({
      status: 'ready', error: null, base_sha256: baseStored.sha256, image_sha256: image.sha256, thumb_sha256: thumb.sha256,
      width: display.image.width, height: display.image.height, updated_at: new Date(),
    })
    .where('id', '=', page.id)
    .execute()
}

/**
 * Background job 'scans.process': renders the pending pages of the uploads it was given, one page
 * at a time (checkpoint between pages), so a 300-page PDF never blocks a request. Resumable: after
 * a restart it continues with the pages still pending; renditions are content-addressed, so a page
 * rendered twice is stored once. The pages ready at the end go to OCR (books whose OCR is on).
 */
export function createScansJobHandler(store: FileStore, pdf: PdfRenderer, jobs: JobsService): JobHandler {
  return defineJob({
    ...SCANS_JOB,
    onInterrupted: 'resume',
    async run(ctx) {
      const { uploadIds } = ctx.params
      const repo = createScansRepository(ctx.db)
      const pending = await repo.pendingPages(uploadIds)
      const total = ctx.saved.pagesTotal ?? pending.length
      let done = total - pending.length
      let failed = 0
      let current: { sha256: string; copy: { path: string; release(): Promise<void> } } | undefined
      try {
        for (const page of pending) {
          await ctx.checkpoint()
          if (current?.sha256 !== page.sha256) {
            await current?.copy.release()
            await pdf.close()
            current = undefined
            try {
              current = { sha256: page.sha256, copy: await store.localCopy(page.sha256) }
            } catch (error) {
              await markFailed(ctx.db, page.id, `Tệp gốc không đọc được: ${error instanceof Error ? error.message : String(error)}`)
              failed++
              continue
            }
          }
          try {
            const base = page.mime_type === 'application/pdf'
              ? await pdf.render(current.copy.path, page.source_page)
              : await renderImagePage(current.copy.path, page.source_page - 1)
            await savePageRenditions(ctx.db, store, page, base)
            done++
          } catch (error) {
            await markFailed(ctx.db, page.id, `Không dựng được ảnh của trang ${page.source_page} trong tệp gốc: ${error instanceof Error ? error.message : String(error)}`)
            failed++
          }
          await ctx.progress({ pagesTotal: total, pagesDone: done, pagesFailed: failed })
        }
      } finally {
        await current?.copy.release()
        await pdf.close().catch(() => {})
      }
      // Every ready page of the books not read yet (pages of an earlier, interrupted run included).
      if (await queueUnreadPages(ctx.db, jobs, pending.map((p) => p.book_id), ctx.job.created_by) > 0) jobs.wake()
      return { pagesTotal: total, pagesDone: done, pagesFailed: failed }
    },
    async cleanup(db, job) {
      const { uploadIds } = job.params
      if (uploadIds.length === 0) return
      await db
        .updateTable('book_pages')
        .set({ status: 'failed', error: CANCELLED, updated_at: new Date() })
        .where('upload_id', 'in', uploadIds)
        .where('status', '=', 'pending')
        .execute()
    },
  })
}

async function markFailed(db: Kysely<Database>, pageId: string, message: string): Promise<void> {
  await db.updateTable('book_pages').set({ status: 'failed', error: message.slice(0, 1000), updated_at: new Date() }).where('id', '=', pageId).execute()
}
