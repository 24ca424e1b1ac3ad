/**
 * Handover batches (chuyển giao, issue 11): a book's approved entries handed over at once as the MOJ
 * Excel with a manifest. The entries module takes the transition and writes the revisions; this
 * module keeps the batch, its manifest and its package, scopes and audits.
 */
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Kysely } from 'kysely'
import {
  findTransition, getBookType, isBookTypeCode,
  type HandoverBatchDetail, type HandoverCreate, type UnitHandoverCreate, type UnitHandoverReady, type UnitHandoverResult,
} from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, notFound, refused, unprocessable } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow, BooksService } from '../books'
import { bookReviewCounts, handOverEntries, revisionFields, revisionsAfter } from '../entries'
import { missingScansText, packageBaseName, pageImagesByEntry } from '../exports'
import type { FileStore } from '../files'
import type { JobsService } from '../jobs'
import type { UnitsService } from '../units'
import { fullNamesOf } from '../users'
import { buildPackage, fieldsSha256, packageZipStream, parseManifest, soNumber } from './package'
import { HANDOVER_PDFS_JOB } from './pdf-job'
import { presentBatch, presentManifestEntry, presentPdfs, presentPending } from './presenter'
import { createHandoverRepository, type BatchRow } from './repository'

export const BATCH_NOT_FOUND = 'Không tìm thấy đợt chuyển giao'
export const NOTHING_APPROVED = 'Sổ chưa có trường hợp nào đã phê duyệt để chuyển giao: phê duyệt các trường hợp đã kiểm tra trước'
const NOTHING_APPROVED_IN_UNIT = 'Đơn vị chưa có trường hợp nào đã phê duyệt để chuyển giao: phê duyệt các trường hợp đã kiểm tra trước'
const NOT_HANDOVER_ROLE = 'Vai trò của bạn không được chuyển giao trường hợp'
const withErrors = (n: number) =>
  `${n} trường hợp đã phê duyệt nay còn lỗi theo quy tắc kiểm tra nên chưa chuyển giao được: sửa các lỗi đó rồi chuyển giao lại`

function bookTypeOf(book: BookRow) {
  if (!isBookTypeCode(book.book_type)) throw new Error(`book type ${book.book_type}`)
  return book.book_type
}

export function createHandoverService(db: Kysely<Database>, units: UnitsService, books: BooksService, files: FileStore, jobs: JobsService) {
  const repo = createHandoverRepository(db)

  /** The batch and its book when the book is in the user's scope; otherwise 404, as if it did not exist. */
  async function batchInScope(user: AuthUser, batchId: string): Promise<{ batch: BatchRow; book: BookRow }> {
    const batch = await repo.findBatch(batchId)
    const book = batch ? await books.findInScope(user, batch.book_id) : undefined
    if (!batch || !book) throw notFound(BATCH_NOT_FOUND)
    return { batch, book }
  }

  async function detail(batch: BatchRow): Promise<HandoverBatchDetail> {
    const rows = await repo.manifestOf(batch.id)
    const fields = new Map<string, Record<string, string>>()
    for await (const r of revisionFields(db, rows.map((row) => ({ entryId: row.entry_id, version: row.version })))) fields.set(r.entryId, r.fields)
    const names = await fullNamesOf(db, batch.created_by ? [batch.created_by] : [])
    return { ...presentBatch(batch, names), entries: rows.map((row) => presentManifestEntry(row, fields.get(row.entry_id))) }
  }

  /** The unit's books with approved entries, when the unit is in the user's scope (404 otherwise). */
  async function readyOfUnit(user: AuthUser, unitId: string) {
    const unit = (await units.scopeOf(user.unitId)).has(unitId) ? await units.findById(unitId) : undefined
    if (!unit) throw notFound('Không tìm thấy đơn vị này')
    const books = (await repo.readyBooksOfUnit(unit.id)).map((b) => ({
      bookId: b.id, bookType: b.book_type, bookTypeLabel: isBookTypeCode(b.book_type) ? getBookType(b.book_type).label : b.book_type,
      volume: b.volume, year: b.year, ready: b.ready,
    }))
    return { unit, books, total: books.reduce((n, b) => n + b.ready, 0) }
  }

  const service = {
    /**
     * One transaction: the entries handed over (with their revisions and audit), the package built
     * from those revisions and kept, the batch and its manifest recorded. A refusal writes nothing.
     */
    async create(user: AuthUser, bookId: string, input: HandoverCreate) {
      const book = await books.getInScope(user, bookId)
      const actor = { ...actorOf(user), role: user.role }
      const batchId = randomUUID()
      const createdAt = new Date()
      const baseName = await packageBaseName(db, book)
      const note = input.note || null
      const created = await db.transaction().execute(async (trx) => {
        const result = await handOverEntries(trx, actor, book, undefined, { expectedCount: input.expectedCount, batchId })
        if (result.handedOver.length === 0) throw unprocessable(result.skippedWithErrors.length > 0 ? withErrors(result.skippedWithErrors.length) : NOTHING_APPROVED)
        const entries = result.handedOver.map((e) => ({ entryId: e.id, version: e.version, sha256: fieldsSha256(e.fields) }))
        // The pages as they are at the handover: the manifest names them, the PDFs are built from them.
        const pages = await pageImagesByEntry(trx, book.id)
        const built = await buildPackage(trx, {
          batchId,
          book: { id: book.id, type: bookTypeOf(book), volume: book.volume, year: book.year, issuingAuthority: book.issuing_authority },
          unit: { id: book.custodian_unit_id, name: book.custodian_unit_name },
          createdBy: { id: user.id, name: user.fullName },
          createdAt,
          note,
          excelFileName: `${baseName}.xlsx`,
          pdfZipFileName: `${baseName}.zip`,
          entries,
          pages,
        })
        const excel = await files.put(built.excel)
        const manifest = await files.put(built.manifest)
        await repo.insertBatch(trx, {
          id: batchId, book_id: book.id, custodian_unit_id: book.custodian_unit_id, created_by: user.id, created_at: createdAt,
          entry_count: entries.length, excel_sha256: excel.sha256, manifest_sha256: manifest.sha256, note, pdfs_expected: built.pdfsExpected,
        }, entries.map((e, i) => ({ batch_id: batchId, entry_id: e.entryId, position: i + 1, version: e.version, fields_sha256: e.sha256 })))
        // The PDFs follow in the background, queued with the batch: a handover that commits always gets them.
        if (built.pdfsExpected > 0) await repo.setPdfJob(trx, batchId, await jobs.enqueue(trx, HANDOVER_PDFS_JOB, { unitId: book.custodian_unit_id, createdBy: user.id, params: { batchId } }), null)
        await recordAudit(trx, actor, {
          action: 'handover.create',
          entityType: 'handover_batch',
          entityId: batchId,
          details: { bookId: book.id, entryCount: entries.length, excelSha256: excel.sha256, manifestSha256: manifest.sha256, pdfsExpected: built.pdfsExpected, skippedWithErrors: result.skippedWithErrors },
        })
        return { batch: await repo.findBatch(batchId, trx), skippedWithErrors: result.skippedWithErrors.length }
      })
      if (!created.batch) throw new Error(`handover ${batchId} not found after insert`)
      jobs.wake()
      return { ...(await detail(created.batch)), skippedWithErrors: created.skippedWithErrors }
    },

    async list(user: AuthUser, bookId: string) {
      const book = await books.getInScope(user, bookId)
      const rows = await repo.batchesOfBook(book.id)
      const { counts } = await bookReviewCounts(db, book.id, user.id)
      const names = await fullNamesOf(db, rows.flatMap((r) => (r.created_by ? [r.created_by] : [])))
      return { ready: counts.approved ?? 0, canHandOver: findTransition('approved', 'handOver', user.role) !== undefined, items: rows.map((r) => presentBatch(r, names)) }
    },

    async get(user: AuthUser, batchId: string) {
      return detail((await batchInScope(user, batchId)).batch)
    },

    /**
     * Entries handed over and changed since (a correction with its reason): they go into the next
     * batch once approved again. Citizens' names: audited with the ids shown.
     */
    async pending(user: AuthUser, bookId: string) {
      const book = await books.getInScope(user, bookId)
      const rows = (await repo.pendingOfBook(book.id))
        .sort((a, b) => (a.registration_year ?? 0) - (b.registration_year ?? 0) || (a.so ?? 0) - (b.so ?? 0) || a.entry_id.localeCompare(b.entry_id))
      const next = await revisionsAfter(db, rows.map((r) => ({ entryId: r.entry_id, version: r.handed_version })))
      const names = await fullNamesOf(db, [...next.values()].flatMap((n) => (n.changedBy ? [n.changedBy] : [])))
      await recordAudit(db, actorOf(user), { action: 'handover.pending', entityType: 'book', entityId: book.id, details: { returned: rows.map((r) => r.entry_id) } })
      return { items: rows.map((r) => presentPending(r, next.get(r.entry_id), names)) }
    },

    /**
     * The kept package zipped: the Excel and the manifest as handed over, the zip of entry PDFs and the
     * list of entries without a scan. Every download audited. While the PDFs are being built: 409.
     */
    async packageZip(user: AuthUser, batchId: string): Promise<{ fileName: string; body: Readable }> {
      const { batch } = await batchInScope(user, batchId)
      const pdfs = presentPdfs(batch)
      if (pdfs.status === 'building') throw conflict(`Đang tạo các tệp PDF của đợt chuyển giao (${pdfs.done}/${pdfs.expected} trường hợp). Vui lòng tải lại sau ít phút.`, { pdfs })
      if (pdfs.status === 'failed') throw conflict(`Chưa tạo được các tệp PDF của đợt chuyển giao (${pdfs.error ?? ''}). Bấm "Tạo lại tệp PDF" rồi tải lại.`, { pdfs })
      const [excel, manifestBytes] = await Promise.all([files.get(batch.excel_sha256), files.get(batch.manifest_sha256)])
      const manifest = parseManifest(manifestBytes)
      // A v1 manifest (before PDFs) says nothing of pages: no list of missing scans for it.
      const missing = manifest.format === 'hts.handover/1' ? [] : manifest.entries.filter((e) => !e.pdf)
      const base = manifest.excel.fileName.replace(/\.xlsx$/, '')
      const missingScans = missing.length > 0 ? missingScansText([{ base, missing: missing.map((e) => ({ so: soNumber(e.so), ngayDangKy: e.ngayDangKy })) }]) : null
      await recordAudit(db, actorOf(user), {
        action: 'handover.download',
        entityType: 'handover_batch',
        entityId: batch.id,
        details: { bookId: batch.book_id, entryIds: manifest.entries.map((e) => e.id), excelSha256: batch.excel_sha256, manifestSha256: batch.manifest_sha256, pdfZipSha256: batch.pdf_zip_sha256 },
      })
      const day = batch.created_at.toISOString().slice(0, 10)
      const pdfZip = batch.pdf_zip_sha256 && manifest.pdfZip
        ? { fileName: manifest.pdfZip.fileName, size: batch.pdf_zip_size ?? 0, stream: await files.stream(batch.pdf_zip_sha256) }
        : null
      const body = packageZipStream({ excelFileName: manifest.excel.fileName, excel, manifest: manifestBytes, pdfZip, missingScans }, batch.created_at)
      return { fileName: `${base}.chuyengiao.${day}.${batch.id.slice(0, 8)}.zip`, body }
    },

    /** Builds the PDFs again after the job failed or was cancelled (nothing else of the batch changes). */
    async rebuildPdfs(user: AuthUser, batchId: string) {
      const { batch } = await batchInScope(user, batchId)
      const status = presentPdfs(batch).status
      if (status !== 'failed') throw conflict(status === 'building' ? 'Các tệp PDF đang được tạo' : 'Đợt chuyển giao này không cần tạo lại tệp PDF')
      await db.transaction().execute(async (trx) => {
        const jobId = await jobs.enqueue(trx, HANDOVER_PDFS_JOB, { unitId: batch.custodian_unit_id, createdBy: user.id, params: { batchId } })
        // Two clicks at once: the second finds the job changed and queues nothing (its transaction is undone).
        if (!(await repo.setPdfJob(trx, batchId, jobId, batch.pdf_job_id))) throw conflict('Các tệp PDF đang được tạo')
        await recordAudit(trx, actorOf(user), { action: 'handover.pdfs.rebuild', entityType: 'handover_batch', entityId: batchId, details: { jobId } })
      })
      jobs.wake()
      return detail((await batchInScope(user, batchId)).batch)
    },

    async unitReady(user: AuthUser, unitId: string): Promise<UnitHandoverReady> {
      const { unit, books, total } = await readyOfUnit(user, unitId)
      return { unitId: unit.id, unitName: unit.name, canHandOver: findTransition('approved', 'handOver', user.role) !== undefined, total, books }
    },

    /**
     * A unit's handover: one batch per book with approved entries, each book in its own transaction
     * (a book refused, e.g. its entries now have errors, does not undo the others: it is listed with the
     * reason and a retry hands over what is left). The total the officer saw is checked first.
     */
    async createForUnit(user: AuthUser, input: UnitHandoverCreate): Promise<UnitHandoverResult> {
      const { books, total } = await readyOfUnit(user, input.unitId)
      if (findTransition('approved', 'handOver', user.role) === undefined) throw refused(NOT_HANDOVER_ROLE)
      if (total === 0) throw unprocessable(NOTHING_APPROVED_IN_UNIT)
      if (total !== input.expectedCount) throw conflict(`Số trường hợp đã phê duyệt của đơn vị đã thay đổi (${total}, không phải ${input.expectedCount}): xem lại danh sách rồi chuyển giao.`)
      const result: UnitHandoverResult = { handedOver: 0, batches: [], refused: [] }
      for (const book of books) {
        try {
          const batch = await service.create(user, book.bookId, { expectedCount: book.ready, note: input.note })
          result.batches.push(batch)
          result.handedOver += batch.entryCount
        } catch (error) {
          if (!(error instanceof HttpError) || error.statusCode >= 500) throw error
          result.refused.push({ ...book, message: error.message })
        }
      }
      return result
    },
  }
  return service
}
export type HandoverService = ReturnType<typeof createHandoverService>
