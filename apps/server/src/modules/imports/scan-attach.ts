/**
 * Attaching scans from a zip of per-entry PDFs (an MOJ package's zip, or a contractor's): each PDF
 * whose name designates an entry of the book becomes scan pages of the book (through the scans
 * module, which stores, checks and renders them) linked to that entry. Files that match nothing
 * are listed with the reason; nothing is guessed.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { Kysely } from 'kysely'
import { PDFDocument } from 'pdf-lib'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BooksService } from '../books'
import { spoolToFile } from '../files'
import { attachEntryPages, MAX_PAGES_PER_ENTRY } from '../entries'
import type { ReceivedFile } from '../scans'
import { extractPdfs, matchPdf, SCAN_ZIP_LIMITS, type MatchEntry, type ZipPdf } from './scan-zip'

/** Where the PDFs go: the scans module's ingest (store, inspect, add pages, queue rendering). */
export interface ScanSink {
  ingest(user: AuthUser, book: Awaited<ReturnType<BooksService['getInScope']>>, files: ReceivedFile[]): Promise<{ jobId: string | null; results: { status: string; message: string | null; uploadId: string | null }[] }>
}

const INGEST_CHUNK = 100

async function pageCount(file: string): Promise<number | null> {
  try {
    return (await PDFDocument.load(await fs.promises.readFile(file), { ignoreEncryption: true, updateMetadata: false })).getPageCount()
  } catch {
    return null
  }
}

export function createScanAttach(db: Kysely<Database>, books: BooksService, sink: ScanSink, tmpDir: string) {
  return async function attach(user: AuthUser, bookId: string, upload: { stream: Readable; truncated: () => boolean }) {
    const book = await books.getInScope(user, bookId)
    await fs.promises.mkdir(tmpDir, { recursive: true })
    const work = await fs.promises.mkdtemp(path.join(tmpDir, 'scanzip-'))
    try {
      const zip = await spoolToFile(upload.stream, work).catch((error: unknown) => {
        throw (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : error
      })
      if (upload.truncated()) throw tooLarge()
      const { pdfs, skipped } = await extractPdfs(zip.path, path.join(work, 'pdf'))
      const entries: MatchEntry[] = await db.selectFrom('entries').select(['id', 'so', 'registration_date', 'registration_date_precision']).where('book_id', '=', book.id).execute()
      const withPages = new Set((await db.selectFrom('entry_pages').innerJoin('entries', 'entries.id', 'entry_pages.entry_id').select('entry_pages.entry_id').where('entries.book_id', '=', book.id).execute()).map((r) => r.entry_id))
      const unmatched: { name: string; reason: string }[] = []
      const matched: { pdf: ZipPdf; entry: MatchEntry }[] = []
      const taken = new Map<string, string>()
      for (const pdf of pdfs) {
        const result = matchPdf(book, entries, pdf.parsed)
        if ('reason' in result) unmatched.push({ name: pdf.name, reason: result.reason })
        else if (withPages.has(result.entry.id)) unmatched.push({ name: pdf.name, reason: 'Trường hợp này đã có trang ảnh: bỏ qua (gỡ ảnh cũ trong màn hình nhập nếu muốn thay)' })
        else if (taken.has(result.entry.id)) unmatched.push({ name: pdf.name, reason: `Cùng trường hợp với tệp "${taken.get(result.entry.id)}"` })
        else {
          const pages = await pageCount(pdf.tempPath)
          if (pages === null) unmatched.push({ name: pdf.name, reason: 'Tệp PDF bị hỏng, không đọc được' })
          else if (pages > MAX_PAGES_PER_ENTRY) unmatched.push({ name: pdf.name, reason: `Tệp có ${pages} trang; một trường hợp nằm trên tối đa ${MAX_PAGES_PER_ENTRY} trang` })
          else {
            taken.set(result.entry.id, pdf.name)
            matched.push({ pdf, entry: result.entry })
          }
        }
      }
      const links: { entryId: string; pageIds: string[]; file: string }[] = []
      const jobIds: string[] = []
      for (let i = 0; i < matched.length; i += INGEST_CHUNK) {
        const chunk = matched.slice(i, i + INGEST_CHUNK)
        const ingested = await sink.ingest(user, book, chunk.map(({ pdf }) => ({ fileName: path.basename(pdf.name), tempPath: pdf.tempPath, sha256: pdf.sha256, size: pdf.size, truncated: false })))
        if (ingested.jobId) jobIds.push(ingested.jobId)
        for (const [k, { pdf, entry }] of chunk.entries()) {
          const result = ingested.results[k]
          if (!result?.uploadId) {
            unmatched.push({ name: pdf.name, reason: result?.message ?? 'Không lưu được tệp' })
            continue
          }
          const pages = await db.selectFrom('book_pages').select('id').where('upload_id', '=', result.uploadId).orderBy('source_page').execute()
          links.push({ entryId: entry.id, pageIds: pages.map((p) => p.id), file: pdf.name })
        }
      }
      await db.transaction().execute(async (trx) => {
        for (const link of links) await attachEntryPages(trx, { id: link.entryId, book_id: book.id }, link.pageIds)
        await recordAudit(trx, { id: user.id, unitId: user.unitId, ip: user.ip }, {
          action: 'scan.attach.zip',
          entityType: 'book',
          entityId: book.id,
          details: { links, unmatched: unmatched.map((u) => u.name), jobIds },
        })
      })
      return { attached: links.length, unmatched, skipped, jobIds }
    } finally {
      await fs.promises.rm(work, { recursive: true, force: true })
    }
  }
}

const tooLarge = () => new HttpError(413, 'file_too_large', `Tệp nén lớn hơn ${Math.round(SCAN_ZIP_LIMITS.maxZipBytes / 1024 / 1024)} MB: chia thành nhiều tệp nén nhỏ hơn rồi tải lên lần lượt.`)
