/**
 * Background job 'population.import': reads the uploaded extract row by row (never whole), loads
 * it in batches into its own table, indexes it, counts value frequencies, then makes it the unit's
 * active extract in place of the previous one (see loader.ts). Rows that cannot be loaded are reported by row number; the others load. A job
 * interrupted or cancelled half-way removes what it loaded (the previous extract stays active).
 */
import type { CellInput } from '@hts/domain'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit'
import type { FileStore } from '../files'
import { readRows } from '../imports'
import { defineJob, jobKind, type JobHandler, type TypedJob } from '../jobs'
import { POPULATION_FIELD_KEYS, type ColumnMapping } from './fields'
import { activateExtract, createExtractTable, createRowWriter, dropExtractRows, finishExtractTable } from './loader'
import { toPopulationRow, type PopulationInput } from './rows'
import type { UploadStore } from './uploads'

const MAX_ERRORS = 500

export const PopulationImportParams = z.object({
  extractId: z.guid(),
  uploadId: z.string().min(1),
  userId: z.guid(),
  headerRow: z.number().int().min(0),
  /** Column index by field. */
  mapping: z.partialRecord(z.enum(POPULATION_FIELD_KEYS), z.number().int().min(0)) satisfies z.ZodType<ColumnMapping>,
})
export type PopulationImportParams = z.infer<typeof PopulationImportParams>

export const POPULATION_IMPORT_JOB = jobKind('population.import', 'population.import', PopulationImportParams)

async function failExtract(db: Kysely<Database>, job: TypedJob<PopulationImportParams, object>): Promise<void> {
  const { extractId } = job.params
  await db.updateTable('population_extracts').set({ status: 'failed' }).where('id', '=', extractId).where('status', '=', 'loading').execute()
  await dropExtractRows(db, extractId)
}

export function createPopulationImportJob(uploads: UploadStore, files: FileStore): JobHandler {
  return defineJob({
    ...POPULATION_IMPORT_JOB,
    onInterrupted: 'fail',
    cleanup: failExtract,
    async run(ctx) {
      const { params } = ctx
      const extract = await ctx.db.selectFrom('population_extracts').selectAll().where('id', '=', params.extractId).executeTakeFirstOrThrow()
      // From the shared file store: the instance running the load need not be the one that received the upload.
      const upload = await uploads.find(params.uploadId)
      if (!upload) throw new Error('Tệp đã tải lên không còn (đã quá hạn hoặc đã nạp): tải tệp lên lại rồi nạp lại')
      const errors: Array<{ row: number; message: string }> = []
      let [read, rejected] = [0, 0]
      // A retry after a failure starts from an empty table.
      await dropExtractRows(ctx.db, extract.id)
      const table = await createExtractTable(ctx.db, extract.id)
      const writer = createRowWriter(ctx.db, table, extract.id, async (loaded) => {
        await ctx.progress({ read, loaded, rejected, phase: 'loading' })
        await ctx.checkpoint()
      })
      const copy = await files.localCopy(upload.sha256)
      try {
        for await (const row of readRows(copy.path, upload.format)) {
          if (row.rowNumber <= params.headerRow) continue
          if (row.cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue
          read++
          const input: PopulationInput = {}
          for (const key of POPULATION_FIELD_KEYS) {
            const index = params.mapping[key]
            if (index !== undefined) input[key] = row.cells[index] as CellInput
          }
          const result = toPopulationRow(input, row.rowNumber)
          if (result.ok) {
            for (const warning of result.warnings) if (errors.length < MAX_ERRORS) errors.push({ row: row.rowNumber, message: warning })
            await writer.add(result.row)
          } else {
            rejected++
            if (errors.length < MAX_ERRORS) errors.push({ row: row.rowNumber, message: result.message })
          }
        }
      } finally {
        await copy.release()
      }
      const loaded = await writer.finish()
      if (loaded === 0) throw new Error('Tệp không có dòng dữ liệu dân cư nào nạp được: kiểm tra cách chọn cột họ tên và ngày sinh')
      await ctx.progress({ phase: 'indexing' })
      await finishExtractTable(ctx.db, extract.id, () => ctx.checkpoint())
      const replaced = await activateExtract(ctx.db, extract.id, extract.unit_id, { rowCount: loaded, rejectedCount: rejected, errors })
      const user = await ctx.db.selectFrom('users').select(['id', 'unit_id']).where('id', '=', params.userId).executeTakeFirst()
      await recordAudit(ctx.db, user ? { id: user.id, unitId: user.unit_id } : null, {
        action: 'population.import',
        entityType: 'population_extract',
        entityId: extract.id,
        details: { unitId: extract.unit_id, source: extract.source, extractDate: extract.extract_date, uploadId: upload.id, loaded, rejected, replaced },
      })
      await ctx.progress({ phase: 'cleanup' })
      for (const old of replaced) await dropExtractRows(ctx.db, old)
      // Loaded: the upload is not needed any more (its bytes stay if another row uses the same content).
      await uploads.release(params.uploadId)
      return { loaded, rejected, replaced }
    },
  })
}
