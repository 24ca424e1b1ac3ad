/**
 * Background job 'export.unit': every book kept by a unit (and the units below it) as MOJ packages
 * in one zip: for each book {base}.xlsx and {base}.zip side by side, plus a list of entries that
 * have no scanned page. The zip goes to the file store; the job's result says where. A restart of
 * the server in the middle resumes after the last book written (unit-job-manifest.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Kysely } from 'kysely'
import yazl from 'yazl'
import { z } from 'zod'
import { asciiCompact } from '@hts/domain'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit'
import type { FileStore } from '../files'
import { defineJob, jobKind, type JobHandler, type TypedJobContext } from '../jobs'
import { descendantUnitIds } from '../units'
import { bookContext } from '../entries'
import { bookTypeOf, writeBookExcel, writeBookPdfZip, writeToFile, type PackageBook } from './book-package'
import { MISSING_FOR_MOJ_FILE, missingForMoj, missingForMojText, type MissingForMojBook } from './missing-for-moj'
import { packageBaseName } from './places'
import { appendManifest, bookFiles, readManifest, syncFile, type DoneBook, type MissingScan } from './unit-job-manifest'

export const UnitExportParams = z.object({
  unitId: z.guid(),
  bookType: z.string().nullish(),
  year: z.number().int().nullish(),
})
export type UnitExportParams = z.infer<typeof UnitExportParams>

/** What the progress shows; never read back (a resumed run recomputes it from the manifest on disk). */
const UnitExportProgress = z.object({
  phase: z.enum(['books', 'zip']),
  booksTotal: z.number(),
  booksDone: z.number(),
  entries: z.number(),
  pdfs: z.number(),
  attempt: z.number(),
  reusedBooks: z.number(),
}).partial()

export const EXPORT_UNIT_JOB = jobKind('export.unit', 'export.run', UnitExportParams, UnitExportProgress)

/** A finished export's result: where its zip is. Read back when the zip is downloaded. */
export const UnitExportResult = z.object({
  sha256: z.string(),
  size: z.number(),
  fileName: z.string(),
  books: z.number(),
  entries: z.number(),
  pdfs: z.number(),
  attempt: z.number().optional(),
  reusedBooks: z.number().optional(),
})
export type UnitExportResult = z.infer<typeof UnitExportResult>

const jobDir = (tmpRoot: string, jobId: string) => path.join(tmpRoot, `export-${jobId}`)

export function missingScansText(lines: { base: string; missing: MissingScan[] }[]): string {
  const out = ['Các trường hợp chưa có bản quét (không có tệp PDF trong gói):', '']
  for (const { base, missing } of lines) {
    if (missing.length === 0) continue
    out.push(`${base}: ${missing.length} trường hợp`)
    for (const m of missing) out.push(`  - số ${m.so ?? '(không số)'}, ngày đăng ký ${m.ngayDangKy ?? '(không ghi)'}`)
  }
  return out.join('\r\n')
}

async function booksToExport(db: Kysely<Database>, unitIds: string[], params: UnitExportParams): Promise<PackageBook[]> {
  let query = db.selectFrom('books').selectAll().where('custodian_unit_id', 'in', unitIds)
  if (params.bookType) query = query.where('book_type', '=', params.bookType)
  if (params.year) query = query.where('year', '=', params.year)
  // The same order on every run: a resumed job names duplicate volumes as the first run did.
  return query.orderBy('book_type').orderBy('year').orderBy('volume').orderBy('id').execute()
}

/** A restart loop (the same book crashing the server each time) ends here instead of running forever. */
const MAX_ATTEMPTS = 5

/** The outer zip: each book's Excel and PDF zip under its package name, in the books' order. */
async function writeOuterZip(zipPath: string, dir: string, books: PackageBook[], done: ReadonlyMap<string, DoneBook>): Promise<void> {
  const zip = new yazl.ZipFile()
  const written = pipeline(zip.outputStream, fs.createWriteStream(zipPath))
  const lines: { base: string; missing: MissingScan[] }[] = []
  const gaps: MissingForMojBook[] = []
  for (const book of books) {
    const record = done.get(book.id)
    if (!record) throw new Error(`export: book ${book.id} has no files`)
    const files = bookFiles(dir, book.id)
    zip.addFile(files.xlsx, `${record.base}.xlsx`)
    zip.addFile(files.zip, `${record.base}.zip`, { compress: false })
    lines.push({ base: record.base, missing: record.missing })
    gaps.push({ base: record.base, entries: record.entries, columns: record.lacking ?? [] })
  }
  zip.addBuffer(Buffer.from(missingScansText(lines), 'utf8'), 'THIEU_BAN_QUET.txt')
  const lacking = missingForMojText(gaps)
  if (lacking) zip.addBuffer(Buffer.from(lacking, 'utf8'), MISSING_FOR_MOJ_FILE)
  zip.end()
  await written
}

/**
 * Books are written one by one into the job's directory, each recorded in its manifest once its
 * files are on disk and its export is audited. After a restart the job starts again (it is
 * 'resume'), keeps the books already written and goes on with the next; the progress it shows is
 * recomputed from what is really on disk, and says how many books were kept from the earlier run.
 */
async function runUnitExport(ctx: TypedJobContext<UnitExportParams, z.infer<typeof UnitExportProgress>>, files: FileStore, tmpRoot: string): Promise<UnitExportResult> {
  const { db, params } = ctx
  if (ctx.job.attempts > MAX_ATTEMPTS) throw new Error(`Tác vụ xuất đã bị gián đoạn ${MAX_ATTEMPTS} lần liên tiếp nên đã dừng. Hãy chạy lại; nếu vẫn lỗi, báo cho quản trị hệ thống.`)
  const unit = await db.selectFrom('administrative_units').selectAll().where('id', '=', params.unitId).executeTakeFirstOrThrow()
  const books = await booksToExport(db, await descendantUnitIds(db, params.unitId), params)
  const dir = jobDir(tmpRoot, ctx.job.id)
  await fs.promises.mkdir(dir, { recursive: true })
  const actor = ctx.job.created_by ? { id: ctx.job.created_by, unitId: ctx.job.unit_id } : null

  const done = await readManifest(dir, new Set(books.map((b) => b.id)))
  const reusedBooks = done.size
  const used = new Set([...done.values()].map((d) => d.base))
  const totals = () => ({
    booksTotal: books.length,
    booksDone: done.size,
    entries: [...done.values()].reduce((n, d) => n + d.entries, 0),
    pdfs: [...done.values()].reduce((n, d) => n + d.pdfs, 0),
  })
  // Honest from the first poll: what an earlier run left is counted only if its files are really there.
  const restart = ctx.job.attempts > 1 ? { attempt: ctx.job.attempts, reusedBooks } : {}
  await ctx.progress({ ...totals(), ...restart, phase: 'books' })

  for (const book of books) {
    if (done.has(book.id)) continue
    await ctx.checkpoint()
    const packageName = await packageBaseName(db, book)
    // Two books with the same name (different offices, same volume): keep both.
    let base = packageName
    for (let n = 2; used.has(base); n++) base = `${packageName}_${n}`
    used.add(base)
    const paths = bookFiles(dir, book.id)
    let ids: string[] = []
    const missing = missingForMoj(bookTypeOf(book), bookContext(book))
    await writeToFile(paths.xlsx, async (out) => {
      ids = await writeBookExcel(db, book, out, missing)
    })
    const result = { pdfs: 0, missing: [] as MissingScan[] }
    await writeToFile(paths.zip, async (out) => Object.assign(result, await writeBookPdfZip(db, files, book, out, () => ctx.checkpoint())))
    const record: DoneBook = { bookId: book.id, base, xlsxBytes: await syncFile(paths.xlsx), zipBytes: await syncFile(paths.zip), entries: ids.length, pdfs: result.pdfs, missing: result.missing, lacking: missing.columns() }
    // Audited before it counts as done: a crash in between exports (and audits) the book again, never unaudited.
    await recordAudit(db, actor, { action: 'export.book', entityType: 'book', entityId: book.id, details: { jobId: ctx.job.id, entryIds: ids, pdfs: result.pdfs } })
    await appendManifest(dir, record)
    done.set(book.id, record)
    await ctx.progress(totals())
  }

  await ctx.checkpoint()
  await ctx.progress({ phase: 'zip' })
  const zipPath = path.join(dir, 'all.zip')
  await writeOuterZip(zipPath, dir, books, done)
  const stored = await files.putFile(zipPath)
  const fileName = `${asciiCompact(unit.name)}.MOJ.${new Date().toISOString().slice(0, 10)}.zip`
  await fs.promises.rm(dir, { recursive: true, force: true })
  const { booksTotal, entries, pdfs } = totals()
  return { sha256: stored.sha256, size: stored.size, fileName, books: booksTotal, entries, pdfs, ...restart }
}

export function createUnitExportJobHandler(files: FileStore, tmpRoot: string): JobHandler {
  return defineJob({
    ...EXPORT_UNIT_JOB,
    // After a restart the job goes on from the books already on disk (see runUnitExport).
    onInterrupted: 'resume',
    run: (ctx) => runUnitExport(ctx, files, tmpRoot),
    // Failed or cancelled: nothing of it is kept. (A job stopped with the server keeps its directory.)
    async cleanup(_db, job) {
      await fs.promises.rm(jobDir(tmpRoot, job.row.id), { recursive: true, force: true })
    },
  })
}
