import { z } from 'zod'
import { defineJob, jobKind, type JobHandler, type PeriodicTask } from '../jobs'
import { describeAuditChain, verifyAuditChain } from './verify'

/** The audit chain's check, started by whoever may read the trail (the province's officers and inspectors). */
export const AUDIT_VERIFY_JOB = jobKind('audit.verify', 'audit.read', z.object({}))

/**
 * Background job 'audit.verify': walks the whole chain (modules/audit/verify.ts). A broken chain is
 * a result, not a failure of the job: `result.ok` false, the first broken row and what to do.
 */
export function createAuditVerifyJobHandler(): JobHandler {
  return defineJob({
    ...AUDIT_VERIFY_JOB,
    onInterrupted: 'fail',
    async run(ctx) {
      const report = await verifyAuditChain(ctx.db, {
        onBatch: async (checked) => {
          await ctx.checkpoint()
          await ctx.progress({ checked })
        },
      })
      await ctx.progress({ checked: report.checked })
      if (!report.ok) console.error(`audit.verify (job ${ctx.job.id}): ${describeAuditChain(report)}`)
      return { ok: report.ok, checked: report.checked, head: report.head, broken: report.broken, message: describeAuditChain(report) }
    },
  })
}

export const AUDIT_VERIFY_TASK = 'audit.verify'

/** The same check on a timer (AUDIT_VERIFY_HOURS): a broken chain is written to the server's error log. */
export function createAuditVerifyTask(everyHours: number): PeriodicTask {
  return {
    name: AUDIT_VERIFY_TASK,
    everyMs: everyHours * 60 * 60 * 1000,
    async run(db) {
      const report = await verifyAuditChain(db)
      if (!report.ok) console.error(`audit.verify: ${describeAuditChain(report)}`)
      return report
    },
  }
}
