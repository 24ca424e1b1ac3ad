import fs from 'node:fs'
import type { Readable } from 'node:stream'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow } from '../books'
import { spoolToFile } from '../files'
import type { FileStore } from '../files'
import { jobKind, saveJobProgress, setJobParams, type JobsService } from '../jobs'
import { ACCEPTED_TYPES, inspectScan, type ScanMimeType } from './inspect'
import type { PdfRenderer } from './pdf-renderer'
import { createScansRepository } from './repository'

const ScansJobParams = z.object({ bookId: z.guid(), uploadIds: z.array(z.guid()) })
/** Pages to render in all, counted when queued; a resumed run keeps the total and counts what is still pending. */
const ScansJobProgress = z.object({ pagesTotal: z.number().int(), pagesDone: z.number().int(), pagesFailed: z.number().int() }).partial()
export const SCANS_JOB = jobKind('scans.process', 'scan.manage', ScansJobParams, ScansJobProgress)

/** A file part as received: spooled to local disk and hashed while the request streamed in. */
export interface ReceivedFile {
  fileName: string
  tempPath: string
  sha256: string
  size: number
  /** The part was longer than the size limit (the rest was dropped). */
  truncated: boolean
}

export interface FileResult {
  fileName: string
  status: 'accepted' | 'duplicate' | 'rejected'
  /** Vietnamese: why it was refused, or what the duplicate is. */
  message: string | null
  sha256: string | null
  size: number
  mimeType: ScanMimeType | null
  pageCount: number | null
  uploadId: string | null
  firstPosition: number | null
  lastPosition: number | null
  /** The same bytes were already in the file store (from any book): nothing new was written. */
  alreadyStored: boolean
}

export interface UploadOptions {
  maxBytes: number
  tempDir: string
}

/** Per-file limit from MAX_UPLOAD_MB (default 300 MB: a scanned 300-page register as one PDF); spooled next to the store. */
export function scanUploadOptions(store: FileStore, env: NodeJS.ProcessEnv = process.env): UploadOptions {
  const mb = Number(env.MAX_UPLOAD_MB ?? 300)
  return { maxBytes: Math.max(1024, Math.floor((Number.isFinite(mb) && mb > 0 ? mb : 300) * 1024 * 1024)), tempDir: store.tempDir }
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

export function createScanUploads(db: Kysely<Database>, store: FileStore, jobs: JobsService, pdf: PdfRenderer, options: UploadOptions) {
  const repo = createScansRepository(db)

  return {
    async receive(fileName: string, stream: Readable & { truncated?: boolean }): Promise<ReceivedFile> {
      const spooled = await spoolToFile(stream, options.tempDir)
      return { fileName: fileName.normalize('NFC'), tempPath: spooled.path, sha256: spooled.sha256, size: spooled.size, truncated: stream.truncated === true }
    },

    /** Discards spooled files when the request failed before ingest. */
    async discard(files: ReceivedFile[]): Promise<void> {
      await Promise.all(files.map((f) => fs.promises.rm(f.tempPath, { force: true })))
    },

    /**
     * Checks every file on its own (one bad file never stops the others), stores the good ones,
     * appends their pages to the book in upload order and queues the rendering job.
     */
    async ingest(user: AuthUser, book: BookRow, files: ReceivedFile[]) {
      const results: FileResult[] = []
      const accepted: Array<{ file: ReceivedFile; result: FileResult }> = []
      const earlier = new Map((await repo.uploadsWithHashes(book.id, files.map((f) => f.sha256))).map((u) => [u.sha256, u]))
      const earlierPositions = await repo.positionsOfUploads([...earlier.values()].map((u) => u.id))
      const seen = new Map<string, string>()
      try {
        for (const file of files) {
          const result: FileResult = {
            fileName: file.fileName, status: 'rejected', message: null, sha256: file.sha256, size: file.size,
            mimeType: null, pageCount: null, uploadId: null, firstPosition: null, lastPosition: null, alreadyStored: false,
          }
          results.push(result)
          if (file.truncated) {
            result.message = `Tệp "${file.fileName}" lớn hơn mức cho phép ${megabytes(options.maxBytes)}. Hãy chia nhỏ hoặc giảm độ phân giải rồi tải lại.`
            result.size = Math.max(file.size, options.maxBytes)
            continue
          }
          if (file.size === 0) {
            result.message = `Tệp "${file.fileName}" rỗng (0 byte).`
            continue
          }
          const before = earlier.get(file.sha256)
          if (before) {
            const at = earlierPositions.get(before.id)
            Object.assign(result, {
              status: 'duplicate', uploadId: before.id, mimeType: before.mime_type as ScanMimeType, pageCount: before.page_count,
              firstPosition: at?.first ?? null, lastPosition: at?.last ?? null, alreadyStored: true,
              message: `Tệp "${file.fileName}" đã được tải lên sổ này (tệp "${before.file_name}"${at ? `, trang ${at.first}-${at.last}` : ''}); không thêm lại.`,
            })
            continue
          }
          const twin = seen.get(file.sha256)
          if (twin !== undefined) {
            Object.assign(result, { status: 'duplicate', alreadyStored: true, message: `Tệp "${file.fileName}" giống hệt tệp "${twin}" trong cùng lần tải; chỉ nhận một lần.` })
            continue
          }
          const inspection = await inspectScan(file.tempPath, pdf)
          if (!inspection.ok) {
            result.message = `Tệp "${file.fileName}": ${inspection.reason}`
            continue
          }
          seen.set(file.sha256, file.fileName)
          Object.assign(result, { status: 'accepted', mimeType: inspection.mimeType, pageCount: inspection.pageCount })
          accepted.push({ file, result })
        }
        for (const { file, result } of accepted) {
          const stored = await store.putFile(file.tempPath, { sha256: file.sha256, size: file.size })
          result.alreadyStored = stored.existed
        }
      } finally {
        await pdf.close().catch(() => {})
        await Promise.all(files.map((f) => fs.promises.rm(f.tempPath, { force: true })))
      }

      const pagesAdded = accepted.reduce((n, a) => n + (a.result.pageCount ?? 0), 0)
      const jobId = accepted.length === 0 ? null : await db.transaction().execute(async (trx) => {
        let position = await repo.lockAndLastPosition(trx, book.id)
        const id = await jobs.enqueue(trx, SCANS_JOB, { unitId: book.custodian_unit_id, createdBy: user.id, params: { bookId: book.id, uploadIds: [] } })
        const uploadIds: string[] = []
        for (const { file, result } of accepted) {
          const upload = await trx
            .insertInto('scan_uploads')
            .values({
              book_id: book.id, custodian_unit_id: book.custodian_unit_id, file_name: file.fileName, sha256: file.sha256,
              size: file.size, mime_type: result.mimeType ?? 'application/octet-stream', page_count: result.pageCount ?? 0,
              job_id: id, created_by: user.id,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          uploadIds.push(upload.id)
          const count = result.pageCount ?? 0
          result.uploadId = upload.id
          result.firstPosition = position + 1
          result.lastPosition = position + count
          // A few hundred rows per statement keeps each insert short on PGlite.
          for (let start = 0; start < count; start += 500) {
            const rows = []
            for (let page = start + 1; page <= Math.min(count, start + 500); page++) {
              rows.push({ book_id: book.id, custodian_unit_id: book.custodian_unit_id, position: position + page, upload_id: upload.id, source_page: page })
            }
            await trx.insertInto('book_pages').values(rows).execute()
          }
          position += count
        }
        await setJobParams(trx, SCANS_JOB, id, { bookId: book.id, uploadIds })
        await saveJobProgress(trx, SCANS_JOB, id, { pagesTotal: pagesAdded, pagesDone: 0, pagesFailed: 0 })
        await recordAudit(trx, { id: user.id, unitId: user.unitId, ip: user.ip }, {
          action: 'scan.upload',
          entityType: 'book',
          entityId: book.id,
          details: { jobId: id, files: results.map((r) => ({ fileName: r.fileName, status: r.status, sha256: r.sha256, pages: r.pageCount, uploadId: r.uploadId })) },
        })
        return id
      })
      if (jobId) jobs.wake()
      else {
        await recordAudit(db, { id: user.id, unitId: user.unitId, ip: user.ip }, {
          action: 'scan.upload', entityType: 'book', entityId: book.id,
          details: { jobId: null, files: results.map((r) => ({ fileName: r.fileName, status: r.status, sha256: r.sha256 })) },
        })
      }
      return { jobId, pagesAdded, results, acceptedTypes: Object.values(ACCEPTED_TYPES) }
    },
  }
}
export type ScanUploads = ReturnType<typeof createScanUploads>
