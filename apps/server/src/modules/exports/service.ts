import { PassThrough, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Kysely } from 'kysely'
import yazl from 'yazl'
import { foldKey, type BookTypeCode } from '@hts/domain'
import type { Database } from '../../db/schema'
import { HttpError, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BooksService } from '../books'
import type { FileStore } from '../files'
import type { JobsService } from '../jobs'
import type { UnitsService } from '../units'
import { bookContext } from '../entries'
import { bookTypeOf, writeBookExcel, writeBookPdfZip } from './book-package'
import { LIST_EXPORT_MAX, listEntryIds, writeEntryList, type EntryListFilter } from './entries-list'
import { MISSING_FOR_MOJ_FILE, missingForMoj, missingForMojText } from './missing-for-moj'
import { packageBaseName } from './places'
import { EXPORT_UNIT_JOB, missingScansText, UnitExportResult, type UnitExportParams } from './unit-job'


export interface ExportDeps {
  db: Kysely<Database>
  /** Where the entries of a book or a list are read: the replica when DATABASE_READ_URL is set (audit rows and jobs stay on `db`). */
  reads?: Kysely<Database>
  units: UnitsService
  books: BooksService
  jobs: JobsService
  files: FileStore
}

/** A download: its name and a function that streams it (called once the response starts). */
export interface Download {
  fileName: string
  write(out: Writable): Promise<void>
}

export function createExportsService({ db, reads = db, units, books, jobs, files }: ExportDeps) {
  return {
    /** The book's MOJ Excel ({commune}_{district}_{province}.{TYPE}.{year}.{volume}.xlsx). */
    async bookExcel(user: AuthUser, bookId: string): Promise<Download> {
      const book = await books.getInScope(user, bookId)
      const base = await packageBaseName(db, book)
      return {
        fileName: `${base}.xlsx`,
        write: async (out) => {
          const ids = await writeBookExcel(reads, book, out)
          await recordAudit(db, actorOf(user), { action: 'export.book', entityType: 'book', entityId: book.id, details: { format: 'xlsx', entryIds: ids } })
        },
      }
    },

    /** The flat zip of entry PDFs ({base}.zip). */
    async bookPdfZip(user: AuthUser, bookId: string): Promise<Download> {
      const book = await books.getInScope(user, bookId)
      const base = await packageBaseName(db, book)
      return {
        fileName: `${base}.zip`,
        write: async (out) => {
          const result = await writeBookPdfZip(reads, files, book, out)
          await recordAudit(db, actorOf(user), { action: 'export.book', entityType: 'book', entityId: book.id, details: { format: 'pdf-zip', pdfs: result.pdfs, missing: result.missing.length } })
        },
      }
    },

    /**
     * Both files of the package in one download, plus the list of entries without scans. Both are
     * streamed straight into the outer zip (no temporary files): the Excel first, then the PDFs.
     */
    async bookPackage(user: AuthUser, bookId: string): Promise<Download> {
      const book = await books.getInScope(user, bookId)
      const base = await packageBaseName(db, book)
      return {
        fileName: `${base}.package.zip`,
        write: async (out) => {
          const zip = new yazl.ZipFile()
          const done = pipeline(zip.outputStream, out)
          const xlsx = new PassThrough()
          const pdfZip = new PassThrough()
          zip.addReadStream(xlsx, `${base}.xlsx`)
          zip.addReadStream(pdfZip, `${base}.zip`, { compress: false })
          const missing = missingForMoj(bookTypeOf(book), bookContext(book))
          const [ids, pdfs] = await Promise.all([writeBookExcel(reads, book, xlsx, missing), writeBookPdfZip(reads, files, book, pdfZip)])
          if (pdfs.missing.length > 0) zip.addBuffer(Buffer.from(missingScansText([{ base, missing: pdfs.missing }]), 'utf8'), 'THIEU_BAN_QUET.txt')
          const lacking = missingForMojText([{ base, entries: ids.length, columns: missing.columns() }])
          if (lacking) zip.addBuffer(Buffer.from(lacking, 'utf8'), MISSING_FOR_MOJ_FILE)
          zip.end()
          await done
          await recordAudit(db, actorOf(user), { action: 'export.book', entityType: 'book', entityId: book.id, details: { format: 'package', entryIds: ids, missingScans: pdfs.missing.length } })
        },
      }
    },

    /** Any filtered list to Excel for officers (scope: the user's units; audited with the ids). */
    async entryList(user: AuthUser, filter: Omit<EntryListFilter, 'unitIds'> & { unitId?: string | undefined }): Promise<Download> {
      const scope = await units.scopeOf(user.unitId)
      if (filter.unitId && !scope.has(filter.unitId)) throw notFound('Không tìm thấy đơn vị này')
      if (filter.bookId) await books.getInScope(user, filter.bookId)
      const unitIds = filter.unitId ? [...(await units.scopeOf(filter.unitId))].filter((id) => scope.has(id)) : [...scope]
      const ids = await listEntryIds(reads, { ...filter, unitIds }, filter.q ? foldKey(filter.q) : undefined)
      if (ids.length > LIST_EXPORT_MAX) {
        throw new HttpError(422, 'too_many', `Danh sách có hơn ${LIST_EXPORT_MAX.toLocaleString('vi-VN')} trường hợp: lọc thêm (theo sổ, năm, loại) hoặc dùng xuất gói theo đơn vị.`)
      }
      let singleType: BookTypeCode | undefined = filter.bookType
      if (!singleType && filter.bookId) singleType = (await books.getInScope(user, filter.bookId)).book_type as BookTypeCode
      return {
        fileName: `danh-sach-truong-hop-${new Date().toISOString().slice(0, 10)}.xlsx`,
        write: async (out) => {
          await writeEntryList(out, reads, ids, singleType)
          await recordAudit(db, actorOf(user), { action: 'export.entries', entityType: 'entry', entityId: null, details: { filter, entryIds: ids } })
        },
      }
    },

    /** Queues the per-unit export of all its books (MOJ packages in one zip). */
    async startUnitExport(user: AuthUser, params: UnitExportParams): Promise<string> {
      if (!(await units.scopeOf(user.unitId)).has(params.unitId)) throw notFound('Không tìm thấy đơn vị này')
      const jobId = await db.transaction().execute(async (trx) => {
        const id = await jobs.enqueue(trx, EXPORT_UNIT_JOB, { unitId: params.unitId, createdBy: user.id, params })
        await recordAudit(trx, actorOf(user), { action: 'export.unit.start', entityType: 'job', entityId: id, details: { ...params } })
        return id
      })
      jobs.wake()
      return jobId
    },

    async unitExportFile(user: AuthUser, jobId: string) {
      const job = await jobs.getInScope(user, jobId)
      if (job.kind !== EXPORT_UNIT_JOB.kind) throw notFound('Không tìm thấy tệp xuất này')
      const parsed = UnitExportResult.safeParse(job.result)
      const result = parsed.success ? parsed.data : undefined
      if (job.status !== 'succeeded' || !result) throw new HttpError(409, 'not_ready', 'Tệp xuất chưa sẵn sàng: chờ tác vụ hoàn thành rồi tải lại.')
      await recordAudit(db, actorOf(user), { action: 'export.unit.download', entityType: 'job', entityId: job.id, details: { sha256: result.sha256 } })
      return { fileName: result.fileName, stream: await files.stream(result.sha256) }
    },
  }
}
export type ExportsService = ReturnType<typeof createExportsService>
