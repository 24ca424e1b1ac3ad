/**
 * Background job 'handover.pdfs': the zip of a handover batch's entry PDFs, one per entry with page
 * images, built from the pages its manifest names (never from what the entry's pages are now). A
 * book's PDFs run to hundreds of megabytes, so they are written to a temporary file and stored in
 * the file store; the batch records the zip's hash. The manifest fixes every name and page, so a
 * run interrupted by a restart simply starts again and makes the same zip.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit'
import { writePdfZip, writeToFile, type PdfOfEntry } from '../exports'
import type { FileStore } from '../files'
import { defineJob, jobKind, type JobHandler } from '../jobs'
import { parseManifest } from './package'
import { createHandoverRepository } from './repository'

const Params = z.object({ batchId: z.guid() })
const Progress = z.object({ expected: z.number(), done: z.number() }).partial()

export const HANDOVER_PDFS_JOB = jobKind('handover.pdfs', 'export.run', Params, Progress)

const tempPath = (tempDir: string, jobId: string) => path.join(tempDir, `handover-pdfs-${jobId}.zip`)

export function createHandoverPdfJobHandler(db: Kysely<Database>, files: FileStore): JobHandler {
  const repo = createHandoverRepository(db)
  return defineJob({
    ...HANDOVER_PDFS_JOB,
    onInterrupted: 'resume',
    async run(ctx) {
      const batch = await repo.findBatch(ctx.params.batchId)
      if (!batch) throw new Error('Không tìm thấy đợt chuyển giao')
      const manifest = parseManifest(await files.get(batch.manifest_sha256))
      const entries = manifest.entries.filter((e) => e.pdf && e.pages && e.pages.length > 0)
      let done = 0
      await ctx.progress({ expected: entries.length, done })
      async function* pdfs(): AsyncGenerator<PdfOfEntry> {
        for (const entry of entries) {
          yield { name: entry.pdf ?? '', images: entry.pages ?? [] }
          done++
          if (done % 20 === 0) await ctx.progress({ done })
        }
      }
      const zipPath = tempPath(files.tempDir, ctx.job.id)
      let written = 0
      await writeToFile(zipPath, async (out) => (written = await writePdfZip(files, pdfs(), out, () => ctx.checkpoint())))
      const stored = await files.putFile(zipPath)
      await ctx.progress({ done: written })
      const actor = ctx.job.created_by ? { id: ctx.job.created_by, unitId: ctx.job.unit_id } : null
      await db.transaction().execute(async (trx) => {
        if (!(await repo.recordPdfZip(trx, batch.id, stored))) return
        await recordAudit(trx, actor, {
          action: 'handover.pdfs',
          entityType: 'handover_batch',
          entityId: batch.id,
          details: { bookId: batch.book_id, pdfs: written, sha256: stored.sha256, size: stored.size },
        })
      })
      return { batchId: batch.id, pdfs: written, sha256: stored.sha256, size: stored.size }
    },
    // Failed or cancelled: the half-written zip goes (a job stopped with the server starts again and overwrites it).
    async cleanup(_db, job) {
      await fs.promises.rm(tempPath(files.tempDir, job.row.id), { force: true })
    },
  })
}
