/**
 * The import as a background job. Rows are written in batches; each batch's entries, rejected rows,
 * audit row and the job's checkpoint are committed in ONE transaction, so a server killed at any
 * moment resumes after the last committed row (nothing doubled, nothing lost). A failed or
 * cancelled import removes every entry it wrote (they carry its id): never half a file.
 */
import type { Kysely, Transaction } from 'kysely'
import { z } from 'zod'
import { INITIAL_ENTRY_STATUS, isBookTypeCode, type BookTypeCode } from '@hts/domain'
import type { Database } from '../../db/schema'
import { recordAudit, type Actor } from '../audit'
import type { FileStore } from '../files'
import { defineJob, jobKind, saveJobProgress, type JobHandler, type JobRow, type TypedJob, type TypedJobContext } from '../jobs'
import { createBookIfAbsent, deleteBookIfEmpty } from '../books'
import { DUPLICATES_SCAN_JOB } from '../duplicates'
import { deleteImportedEntries, insertImportedEntries } from '../entries'
import type { JobsService } from '../jobs'
import { dateKey, numberKey } from './numbering-keys'
import { ImportOptions, ImportProgress, initialProgress, matchBook } from './options'
import { pipelineBatches } from './pipeline'
import { createImportsRepository, type TargetBook } from './repository'
import { pipelineColumns, type Accepted, type JudgedBatch, type PipelineInit } from './row-pipeline'
import { addNotes } from './rows'
import { StoredAnalysis } from './stored'

const ImportJobParams = z.object({ importId: z.guid(), fileName: z.string() })
type ImportJobParams = z.infer<typeof ImportJobParams>
/** {} when queued; the whole ImportProgress from the first checkpoint on. */
const ImportJobProgress = ImportProgress.partial()
export const IMPORT_JOB = jobKind('import.entries', 'import.run', ImportJobParams, ImportJobProgress)
type ImportJob = TypedJob<ImportJobParams, z.infer<typeof ImportJobProgress>>
/** Rows per transaction: large enough for multi-row INSERTs, small enough to keep PGlite free for others. */
const BATCH_ROWS = Number(process.env.IMPORT_BATCH_ROWS ?? 500)

const saveProgress = (executor: Kysely<Database>, job: JobRow, progress: ImportProgress) => saveJobProgress(executor, IMPORT_JOB, job, progress)

export function countsOf(progress: ImportProgress) {
  const { rowsTotal, rowsRead, accepted, drafts, rejected, skipped, warnings, warningRows, notes, booksCreated, booksRemoved } = progress
  // Books created and kept: one created for a volume that took no row was removed again (removeEmptyBooks).
  return { rowsTotal, rowsRead, accepted, drafts, rejected, skipped, warnings, warningRows, notes, booksCreated: booksCreated.length - booksRemoved.length, booksRemoved: booksRemoved.length }
}

/** Rows deleted per statement when an import is undone: PGlite stays available to others in between. */
const ROLLBACK_CHUNK = 2000

/**
 * Removes the books this import created that hold nothing (the volume's rows were all set aside, or
 * the import was undone), in the caller's transaction; returns every removed id, earlier ones included.
 * A book already gone counts as removed, so a rerun after a crash counts the same.
 */
async function removeEmptyBooks(trx: Transaction<Database>, actor: Actor | null, importId: string, created: readonly string[], removed: readonly string[], reason: string): Promise<string[]> {
  const gone = [...removed]
  for (const bookId of created) {
    if (gone.includes(bookId)) continue
    const result = await deleteBookIfEmpty(trx, actor, bookId, reason, { importId })
    if (result.deleted || result.missing) gone.push(bookId)
  }
  return gone
}

async function runImport(ctx: TypedJobContext<ImportJobParams, z.infer<typeof ImportJobProgress>>, db: Kysely<Database>, files: FileStore, jobs: JobsService): Promise<Record<string, unknown>> {
  const repo = createImportsRepository(db)
  const { importId } = ctx.params
  const imp = await repo.findById(importId)
  if (!imp || !imp.analysis || !isBookTypeCode(imp.book_type)) throw new Error('Không tìm thấy lần nhập này hoặc tệp chưa được phân tích')
  const bookType: BookTypeCode = imp.book_type
  const analysis = StoredAnalysis.parse(imp.analysis)
  const options = ImportOptions.parse(imp.options)
  const target = options.target
  const actor = imp.created_by ? { id: imp.created_by, unitId: imp.unit_id } : null
  const progress: ImportProgress = { ...initialProgress(analysis.rowCount), ...ctx.saved }

  // 1. Books: the chosen one, or the volumes the rows name (missing ones created once, if the user confirmed).
  let fixed: TargetBook | undefined
  let books: TargetBook[] = []
  if (target.bookId) {
    fixed = (await repo.booksOf(target.custodianUnitId, bookType)).find((b) => b.id === target.bookId)
    if (!fixed) throw new Error('Quyển sổ đã chọn không còn trong đơn vị lưu giữ')
  } else {
    books = await repo.booksOf(target.custodianUnitId, bookType)
    if (progress.phase === 'books') {
      const missing = options.missingBooks === 'create' ? analysis.routes.filter((r) => !matchBook(books, r, target.issuingAuthority)) : []
      await db.transaction().execute(async (trx) => {
        for (const route of missing) {
          const id = await createBookIfAbsent(trx, actor, { bookType, volume: route.label, year: route.year, issuingAuthority: target.issuingAuthority, custodianUnitId: target.custodianUnitId }, importId)
          if (id) progress.booksCreated.push(id)
        }
        progress.phase = 'rows'
        await saveProgress(trx, ctx.job, progress)
      })
      books = await repo.booksOf(target.custodianUnitId, bookType)
    }
  }
  // 2. Rows, judged in a worker one batch ahead; each batch written in one transaction with the checkpoint.
  const unnumbered = new Map<string, Map<string, number>>()
  const flush = async (current: JudgedBatch) => {
    await ctx.checkpoint()
    for (const entry of current.entries) {
      if (entry.contentKey && !unnumbered.has(entry.bookId)) unnumbered.set(entry.bookId, await repo.unnumberedContentCounts(entry.bookId, importId))
    }
    await db.transaction().execute(async (trx) => {
      const keys = current.entries.flatMap((e) => (e.derived.so === null ? [] : [{ bookId: e.bookId, year: e.derived.registration_year, so: e.derived.so }]))
      const existing = await repo.existingNumbers(trx, keys)
      const toInsert: Accepted[] = []
      const rejections = [...current.rejections]
      let skipped = 0
      for (const e of current.entries) {
        const key = numberKey(e.bookId, e.derived)
        const known = key ? existing.get(key) : undefined
        if (known?.dates.has(dateKey(e.derived))) skipped++
        else if (known) {
          // The same number in the same year with another date: two different entries cannot share it.
          rejections.push({ rowNumber: e.rowNumber, cells: e.cells, errors: [{ field: 'so', message: `Số ${e.derived.so} năm ${e.derived.registration_year} đã có trong sổ với ngày đăng ký ${known.shown || 'khác'}: kiểm tra lại số hoặc ngày đăng ký` }] })
        } else if (!key && (e.occurrence ?? 1) <= (unnumbered.get(e.bookId)?.get(e.contentKey ?? '') ?? 0)) skipped++
        else toInsert.push(e)
      }
      const ids = await insertImportedEntries(trx, bookType, toInsert, imp.created_by, importId, actor)
      const warned = toInsert.filter((e) => e.warningIssues.length > 0)
      if (warned.length > 0) {
        await trx
          .insertInto('import_warnings')
          .values(warned.map((e) => ({ import_id: importId, row_number: e.rowNumber, warnings: JSON.stringify(e.warningIssues) })))
          .onConflict((oc) => oc.columns(['import_id', 'row_number']).doNothing())
          .execute()
      }
      if (rejections.length > 0) {
        await trx
          .insertInto('import_rejections')
          .values(rejections.map((r) => ({ import_id: importId, row_number: r.rowNumber, cells: r.cells, errors: JSON.stringify(r.errors) })))
          .onConflict((oc) => oc.columns(['import_id', 'row_number']).doNothing())
          .execute()
      }
      progress.rowsRead += current.rowsRead
      progress.accepted += toInsert.length
      progress.drafts += toInsert.filter((e) => e.status === INITIAL_ENTRY_STATUS).length
      progress.rejected += rejections.length
      progress.skipped += skipped
      // The rows written only: a row skipped as already in the book brings no warning of this import.
      progress.warnings += toInsert.reduce((n, e) => n + e.warningIssues.length, 0)
      progress.warningRows += warned.length
      addNotes(progress.notes, current.notes)
      progress.checkpoint = current.lastRow
      if (current.firstRow !== null) {
        await recordAudit(trx, actor, {
          action: 'import.batch',
          entityType: 'import',
          entityId: importId,
          details: { rows: [current.firstRow, current.lastRow], entryIds: ids, rejected: rejections.length, skipped },
        })
      }
      await saveProgress(trx, ctx.job, progress)
    })
  }

  const copy = await files.localCopy(imp.file_sha256)
  try {
    const init: PipelineInit = {
      filePath: copy.path,
      format: imp.file_format,
      sheetName: analysis.sheetName,
      bookType,
      headerRowNumber: analysis.headerRowNumber,
      headers: analysis.headers,
      columns: pipelineColumns(analysis.columns, bookType),
      dataColumns: analysis.columns.filter((c) => c.status !== 'ignored').map((c) => c.index),
      target,
      allowIncomplete: options.allowIncomplete,
      books: fixed ? [fixed] : books,
      checkpoint: progress.checkpoint,
      batchRows: BATCH_ROWS,
    }
    for await (const batch of pipelineBatches(init)) await flush(batch)
  } finally {
    await copy.release()
  }

  // 3. Done: books created for volumes that took no row go again, and the import keeps its counts (one transaction).
  const counts = await db.transaction().execute(async (trx) => {
    progress.booksRemoved = await removeEmptyBooks(trx, actor, importId, progress.booksCreated, progress.booksRemoved, 'import.empty')
    progress.phase = 'done'
    // The rows are in: the books that took some are checked against the unit's registers for the same
    // event keyed before (warnings for the duplicate review list, never a block on the import), one
    // scan per unit keeping them, so a file of 40 volumes queues one job, not 40.
    const touched = await trx.selectFrom('entries').select(['book_id', 'custodian_unit_id']).distinct().where('import_id', '=', importId).execute()
    const byUnit = new Map<string, string[]>()
    for (const book of touched) byUnit.set(book.custodian_unit_id, [...(byUnit.get(book.custodian_unit_id) ?? []), book.book_id])
    const duplicateScans: string[] = []
    for (const [unitId, bookIds] of byUnit) {
      duplicateScans.push(await jobs.enqueue(trx, DUPLICATES_SCAN_JOB, { unitId, createdBy: imp.created_by, params: { unitId, bookIds } }))
    }
    const counts = { ...countsOf(progress), duplicateScans }
    await trx.updateTable('imports').set({ counts: JSON.stringify(counts), updated_at: new Date() }).where('id', '=', importId).execute()
    await recordAudit(trx, actor, { action: 'import.finish', entityType: 'import', entityId: importId, details: counts })
    await saveProgress(trx, ctx.job, progress)
    return counts
  })
  jobs.wake()
  return counts
}

/** Removes what a failed or cancelled import wrote (in chunks: PGlite stays available to others). */
export async function rollbackImport(db: Kysely<Database>, job: ImportJob): Promise<void> {
  const { importId } = job.params
  // The runner hands over the progress it last saw itself; the batches commit theirs beside the rows, so
  // the books this import created are read from the job's row.
  const stored = await db.selectFrom('jobs').select('progress').where('id', '=', job.row.id).executeTakeFirst()
  const saved = ImportJobProgress.safeParse(stored?.progress)
  const progress = saved.success ? saved.data : job.progress
  let removed = 0
  for (;;) {
    const n = await db.transaction().execute((trx) => deleteImportedEntries(trx, importId, ROLLBACK_CHUNK, null))
    if (n === 0) break
    removed += n
  }
  for (;;) {
    const chunk = db.selectFrom('import_warnings').select('row_number').where('import_id', '=', importId).limit(ROLLBACK_CHUNK)
    const deleted = await db.deleteFrom('import_warnings').where('import_id', '=', importId).where('row_number', 'in', chunk).executeTakeFirst()
    if (Number(deleted.numDeletedRows) === 0) break
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('import_rejections').where('import_id', '=', importId).execute()
    const created = progress.booksCreated ?? []
    const booksRemoved = await removeEmptyBooks(trx, null, importId, created, progress.booksRemoved ?? [], 'import.rollback')
    const counts = { rolledBack: true, removed, warningRows: 0, booksCreated: created.length - booksRemoved.length, booksRemoved: booksRemoved.length }
    await trx.updateTable('imports').set({ counts: JSON.stringify(counts), updated_at: new Date() }).where('id', '=', importId).execute()
    await recordAudit(trx, null, { action: 'import.rollback', entityType: 'import', entityId: importId, details: { removed, jobId: job.row.id, booksRemoved } })
  })
}

export function createImportJobHandler(db: Kysely<Database>, files: FileStore, jobs: JobsService): JobHandler {
  return defineJob({
    ...IMPORT_JOB,
    onInterrupted: 'resume',
    run: (ctx) => runImport(ctx, db, files, jobs),
    cleanup: (database, job) => rollbackImport(database, job),
  })
}
