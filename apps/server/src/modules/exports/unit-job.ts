/**
 * Background job 'export.unit': every book kept by a unit (and the units below it) as MOJ packages
 * in one zip: for each book {base}.xlsx and {base}.zip side by side, plus a list of entries that
 * have no scanned page. The zip goes to the file store; the job's result says where.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Kysely } from 'kysely'
import yazl from 'yazl'
import { asciiCompact } from '@hts/domain'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit/service'
import type { FileStore } from '../files/store'
import type { JobContext, JobHandler } from '../jobs/runner'
import { createUnitsRepository } from '../units/repository'
import { writeBookExcel, writeBookPdfZip, writeToFile, type PackageBook } from './book-package'
import { packageBaseName } from './places'

export const EXPORT_UNIT_JOB_KIND = 'export.unit'

export interface UnitExportParams {
  unitId: string
  bookType?: string | null
  year?: number | null
}

export function missingScansText(lines: { base: string; missing: { so: number | null; ngayDangKy: string | null }[] }[]): string {
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
  return query.orderBy('book_type').orderBy('year').orderBy('volume').execute()
}

async function runUnitExport(ctx: JobContext, files: FileStore, tmpRoot: string) {
  const db = ctx.db
  const params = ctx.job.params as unknown as UnitExportParams
  const unit = await db.selectFrom('administrative_units').selectAll().where('id', '=', params.unitId).executeTakeFirstOrThrow()
  const books = await booksToExport(db, await createUnitsRepository(db).descendantIds(params.unitId), params)
  const dir = path.join(tmpRoot, `export-${ctx.job.id}`)
  await fs.promises.mkdir(dir, { recursive: true })
  const actor = ctx.job.created_by ? { id: ctx.job.created_by, unitId: ctx.job.unit_id } : null
  try {
    const zip = new yazl.ZipFile()
    const zipPath = path.join(dir, 'all.zip')
    const written = pipeline(zip.outputStream, fs.createWriteStream(zipPath))
    const missing: { base: string; missing: { so: number | null; ngayDangKy: string | null }[] }[] = []
    let entries = 0
    let pdfs = 0
    const bases = new Map<string, number>()
    for (const [index, book] of books.entries()) {
      await ctx.checkpoint()
      let base = await packageBaseName(db, book)
      // Two books with the same name (different offices, same volume): keep both.
      const seen = (bases.get(base) ?? 0) + 1
      bases.set(base, seen)
      if (seen > 1) base = `${base}_${seen}`
      const xlsx = path.join(dir, `${index}.xlsx`)
      const pdfZip = path.join(dir, `${index}.zip`)
      let ids: string[] = []
      await writeToFile(xlsx, async (out) => {
        ids = await writeBookExcel(db, book, out)
      })
      const result = { pdfs: 0, missing: [] as { so: number | null; ngayDangKy: string | null }[] }
      await writeToFile(pdfZip, async (out) => Object.assign(result, await writeBookPdfZip(db, files, book, out, () => ctx.checkpoint())))
      zip.addFile(xlsx, `${base}.xlsx`)
      zip.addFile(pdfZip, `${base}.zip`, { compress: false })
      missing.push({ base, missing: result.missing })
      entries += ids.length
      pdfs += result.pdfs
      await recordAudit(db, actor, { action: 'export.book', entityType: 'book', entityId: book.id, details: { jobId: ctx.job.id, entryIds: ids, pdfs: result.pdfs } })
      await ctx.progress({ booksTotal: books.length, booksDone: index + 1, entries, pdfs })
    }
    zip.addBuffer(Buffer.from(missingScansText(missing), 'utf8'), 'THIEU_BAN_QUET.txt')
    zip.end()
    await written
    const stored = await files.putFile(zipPath)
    const fileName = `${asciiCompact(unit.name)}.MOJ.${new Date().toISOString().slice(0, 10)}.zip`
    return { sha256: stored.sha256, size: stored.size, fileName, books: books.length, entries, pdfs }
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true })
  }
}

export function createUnitExportJobHandler(files: FileStore, tmpRoot: string): JobHandler {
  return {
    kind: EXPORT_UNIT_JOB_KIND,
    // A half-written zip is worth nothing: after a restart the job fails and is run again.
    onInterrupted: 'fail',
    run: (ctx) => runUnitExport(ctx, files, tmpRoot),
    async cleanup(_db, job) {
      await fs.promises.rm(path.join(tmpRoot, `export-${job.id}`), { recursive: true, force: true })
    },
  }
}
