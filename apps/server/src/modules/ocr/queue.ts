/**
 * Queuing page reads: when pages become ready (the scans module calls `queueUnreadPages` after
 * rendering) and when a book's OCR is turned on. One job per book and batch of pages; the pages
 * are marked pending in the same transaction as the job, so a page is never queued twice at once.
 */
import type { JobsService } from '../jobs'
import { OCR_PAGE_JOB } from './job'
import { ocrEnabled } from './policy'
import { createOcrRepository, type Executor, type OcrBook } from './repository'

const PAGES_PER_JOB = 500

/** Queues `pageIds` of `book` (already checked: ready, in the book); returns the job ids. */
export async function queueReads(executor: Executor, jobs: JobsService, book: OcrBook, pageIds: readonly string[], createdBy: string | null, force = false): Promise<string[]> {
  const repo = createOcrRepository(executor)
  const jobIds: string[] = []
  for (let i = 0; i < pageIds.length; i += PAGES_PER_JOB) {
    const batch = pageIds.slice(i, i + PAGES_PER_JOB)
    const jobId = await jobs.enqueue(executor, OCR_PAGE_JOB, { unitId: book.custodian_unit_id, createdBy, params: { bookId: book.id, pageIds: [...batch], ...(force && { force }) } })
    await repo.markPending(executor, batch.map((id) => ({ id, book_id: book.id, custodian_unit_id: book.custodian_unit_id })), jobId)
    jobIds.push(jobId)
  }
  return jobIds
}

/**
 * Queues the ready pages of the books that are not read yet, for books whose OCR is on; returns how
 * many pages were queued. Call `jobs.wake()` after the caller's transaction commits.
 */
export async function queueUnreadPages(executor: Executor, jobs: JobsService, bookIds: readonly string[], createdBy: string | null): Promise<number> {
  const repo = createOcrRepository(executor)
  let queued = 0
  for (const bookId of new Set(bookIds)) {
    const book = await repo.findBook(bookId)
    if (!book || !ocrEnabled(book, await repo.setting(bookId))) continue
    const pageIds = await repo.unreadPages(bookId)
    if (pageIds.length === 0) continue
    await queueReads(executor, jobs, book, pageIds, createdBy)
    queued += pageIds.length
  }
  return queued
}
