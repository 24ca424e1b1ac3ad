import { z } from 'zod'
import { defineJob, jobKind, type JobHandler, type PeriodicTask } from '../jobs'
import { readAuditAnchors } from './anchors'
import { describeAuditChain, verifyAuditChain } from './verify'

/** The anchors of the file, and a word in the log about lines that could not be read. */
function anchorsOf(file: string | undefined) {
  if (!file) return []
  const { anchors, unreadable } = readAuditAnchors(file)
  if (unreadable > 0) console.error(`audit.verify: ${unreadable} dòng của ${file} không đọc được, bỏ qua (kiểm tra tệp mốc neo).`)
  return anchors
}

/** The audit chain's check, started by whoever may read the trail (the province's officers and inspectors). */
export const AUDIT_VERIFY_JOB = jobKind('audit.verify', 'audit.read', z.object({}))

/**
 * Background job 'audit.verify': walks the whole chain (modules/audit/verify.ts). A broken chain is
 * a result, not a failure of the job: `result.ok` false, the first broken row and what to do.
 */
export function createAuditVerifyJobHandler(anchorFile?: string): JobHandler {
  return defineJob({
    ...AUDIT_VERIFY_JOB,
    onInterrupted: 'fail',
    async run(ctx) {
      const report = await verifyAuditChain(ctx.db, {
        anchors: anchorsOf(anchorFile),
        onBatch: async (checked) => {
          await ctx.checkpoint()
          await ctx.progress({ checked })
        },
      })
      await ctx.progress({ checked: report.checked })
      if (!report.ok) console.error(`audit.verify (job ${ctx.job.id}): ${describeAuditChain(report)}`)
      return { ok: report.ok, checked: report.checked, anchorsChecked: report.anchorsChecked, head: report.head, broken: report.broken, message: describeAuditChain(report) }
    },
  })
}

export const AUDIT_VERIFY_TASK = 'audit.verify'

/** The same check on a timer (AUDIT_VERIFY_HOURS): a broken chain is written to the server's error log. */
export function createAuditVerifyTask(everyHours: number, anchorFile?: string): PeriodicTask {
  return {
    name: AUDIT_VERIFY_TASK,
    everyMs: everyHours * 60 * 60 * 1000,
    async run(db) {
      const report = await verifyAuditChain(db, { anchors: anchorsOf(anchorFile) })
      if (!report.ok) console.error(`audit.verify: ${describeAuditChain(report)}`)
      return report
    },
  }
}
