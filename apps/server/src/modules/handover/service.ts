/**
 * Handover batches (chuyển giao, issue 11): a book's approved entries handed over at once as the MOJ
 * Excel with a manifest. The entries module takes the transition and writes the revisions; this
 * module keeps the batch, its manifest and its package, scopes and audits.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { findTransition, HandoverManifest, isBookTypeCode, type HandoverBatchDetail, type HandoverCreate } from '@hts/domain'
import type { Database } from '../../db/schema'
import { notFound, unprocessable } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow, BooksService } from '../books'
import { bookReviewCounts, handOverEntries, revisionFields, revisionsAfter } from '../entries'
import { packageBaseName } from '../exports'
import type { FileStore } from '../files'
import { fullNamesOf } from '../users'
import { buildPackage, collect, fieldsSha256, writePackageZip } from './package'
import { presentBatch, presentManifestEntry, presentPending } from './presenter'
import { createHandoverRepository, type BatchRow } from './repository'

export const BATCH_NOT_FOUND = 'Không tìm thấy đợt chuyển giao'
export const NOTHING_APPROVED = 'Sổ chưa có trường hợp nào đã phê duyệt để chuyển giao: phê duyệt các trường hợp đã kiểm tra trước'
const withErrors = (n: number) =>
  `${n} trường hợp đã phê duyệt nay còn lỗi theo quy tắc kiểm tra nên chưa chuyển giao được: sửa các lỗi đó rồi chuyển giao lại`

function bookTypeOf(book: BookRow) {
  if (!isBookTypeCode(book.book_type)) throw new Error(`book type ${book.book_type}`)
  return book.book_type
}

export function createHandoverService(db: Kysely<Database>, books: BooksService, files: FileStore) {
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

  return {
    /**
     * One transaction: the entries handed over (with their revisions and audit), the package built
     * from those revisions and kept, the batch and its manifest recorded. A refusal writes nothing.
     */
    async create(user: AuthUser, bookId: string, input: HandoverCreate) {
      const book = await books.getInScope(user, bookId)
      const actor = { ...actorOf(user), role: user.role }
      const batchId = randomUUID()
      const createdAt = new Date()
      const excelFileName = `${await packageBaseName(db, book)}.xlsx`
      const note = input.note || null
      const created = await db.transaction().execute(async (trx) => {
        const result = await handOverEntries(trx, actor, book, undefined, { expectedCount: input.expectedCount, batchId })
        if (result.handedOver.length === 0) throw unprocessable(result.skippedWithErrors.length > 0 ? withErrors(result.skippedWithErrors.length) : NOTHING_APPROVED)
        const entries = result.handedOver.map((e) => ({ entryId: e.id, version: e.version, sha256: fieldsSha256(e.fields) }))
        const built = await buildPackage(trx, {
          batchId,
          book: { id: book.id, type: bookTypeOf(book), volume: book.volume, year: book.year, issuingAuthority: book.issuing_authority },
          unit: { id: book.custodian_unit_id, name: book.custodian_unit_name },
          createdBy: { id: user.id, name: user.fullName },
          createdAt,
          note,
          excelFileName,
          entries,
        })
        const excel = await files.put(built.excel)
        const manifest = await files.put(built.manifest)
        const batch = await repo.insertBatch(trx, {
          id: batchId, book_id: book.id, custodian_unit_id: book.custodian_unit_id, created_by: user.id, created_at: createdAt,
          entry_count: entries.length, excel_sha256: excel.sha256, manifest_sha256: manifest.sha256, note,
        }, entries.map((e, i) => ({ batch_id: batchId, entry_id: e.entryId, position: i + 1, version: e.version, fields_sha256: e.sha256 })))
        await recordAudit(trx, actor, {
          action: 'handover.create',
          entityType: 'handover_batch',
          entityId: batchId,
          details: { bookId: book.id, entryCount: entries.length, excelSha256: excel.sha256, manifestSha256: manifest.sha256, skippedWithErrors: result.skippedWithErrors },
        })
        return { batch, skippedWithErrors: result.skippedWithErrors.length }
      })
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

    /** The kept package (the Excel and the manifest as handed over), zipped; every download audited. */
    async packageZip(user: AuthUser, batchId: string): Promise<{ fileName: string; body: Buffer }> {
      const { batch } = await batchInScope(user, batchId)
      const [excel, manifestBytes] = await Promise.all([files.get(batch.excel_sha256), files.get(batch.manifest_sha256)])
      const raw: unknown = JSON.parse(manifestBytes.toString('utf8'))
      const manifest = HandoverManifest.parse(raw)
      const body = await collect((out) => writePackageZip(out, { excelFileName: manifest.excel.fileName, excel, manifest: manifestBytes }, batch.created_at))
      await recordAudit(db, actorOf(user), {
        action: 'handover.download',
        entityType: 'handover_batch',
        entityId: batch.id,
        details: { bookId: batch.book_id, entryIds: manifest.entries.map((e) => e.id), excelSha256: batch.excel_sha256, manifestSha256: batch.manifest_sha256 },
      })
      const day = batch.created_at.toISOString().slice(0, 10)
      return { fileName: `${manifest.excel.fileName.replace(/\.xlsx$/, '')}.chuyengiao.${day}.${batch.id.slice(0, 8)}.zip`, body }
    },
  }
}
export type HandoverService = ReturnType<typeof createHandoverService>
