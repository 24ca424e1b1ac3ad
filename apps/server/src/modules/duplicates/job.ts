import { sql } from 'kysely'
import { z } from 'zod'
import { recordAudit } from '../audit'
import { defineJob, jobKind, type JobHandler } from '../jobs'
import { scanDuplicates } from './scan'

/** A unit's registers, or one of its books. */
export const DUPLICATES_SCAN_JOB = jobKind(
  'duplicates.scan',
  'entry.review',
  z.object({ unitId: z.uuid(), bookId: z.uuid().optional(), bookIds: z.array(z.uuid()).max(10_000).optional() }),
  z.object({ stage: z.string().optional(), pairs: z.number().int().optional() }),
)

const INSERT_CHUNK = 500

/**
 * Background job 'duplicates.scan': finds the pairs and records those not yet known; a pair already
 * decided stays decided (found again, it is not reopened). Safe to run again after a crash.
 */
export function createDuplicatesScanJobHandler(): JobHandler {
  return defineJob({
    ...DUPLICATES_SCAN_JOB,
    onInterrupted: 'resume',
    async run(ctx) {
      const { unitId, bookId, bookIds } = ctx.params
      // Called every ~2,000 entries: the progress row is written when the stage changes or once a second.
      let shown = { stage: '', at: 0 }
      const pairs = await scanDuplicates(ctx.db, { unitId, bookId, bookIds }, async (stage, found) => {
        await ctx.checkpoint()
        if (stage === shown.stage && Date.now() - shown.at < 1000) return
        shown = { stage, at: Date.now() }
        await ctx.progress({ stage, pairs: found })
      })
      let added = 0
      for (let i = 0; i < pairs.length; i += INSERT_CHUNK) {
        const chunk = pairs.slice(i, i + INSERT_CHUNK)
        const inserted = await ctx.db
          .insertInto('duplicate_pairs')
          .values(chunk.map((p) => ({
            custodian_unit_id: unitId,
            book_type: p.bookType,
            entry_a: p.a,
            entry_b: p.b,
            same_number: p.sameNumber,
            same_event: p.sameEvent,
            evidence: JSON.stringify({ fields: p.fields }),
          })))
          .onConflict((oc) => oc.columns(['entry_a', 'entry_b']).doUpdateSet({
            same_number: (eb) => eb.ref('excluded.same_number'),
            same_event: (eb) => eb.ref('excluded.same_event'),
            evidence: (eb) => eb.ref('excluded.evidence'),
          }).where('duplicate_pairs.status', '=', 'open'))
          .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
          .execute()
        added += inserted.filter((r) => r.inserted).length
        await ctx.checkpoint()
      }
      const result = { pairs: pairs.length, added, sameNumber: pairs.filter((p) => p.sameNumber).length, sameEvent: pairs.filter((p) => p.sameEvent).length }
      const actor = ctx.job.created_by ? { id: ctx.job.created_by, unitId: ctx.job.unit_id } : null
      await recordAudit(ctx.db, actor, { action: 'duplicates.scan', entityType: 'unit', entityId: unitId, details: { jobId: ctx.job.id, bookId: bookId ?? null, ...(bookIds && { bookIds }), ...result } })
      return result
    },
  })
}
