import { can, JOB_STATUSES } from '@hts/domain'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { forbidden, notFound } from '../../http/errors'
import { recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { UnitsService } from '../units'
import { encodeJobParams, type JobKind } from './define'
import type { JobRow, JobRunner } from './runner'

export { JOB_STATUSES }

export function presentJob(job: JobRow) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    statusLabel: JOB_STATUSES[job.status],
    unitId: job.unit_id,
    params: job.params,
    progress: job.progress,
    result: job.result,
    error: job.error,
    cancelRequested: job.cancel_requested,
    createdAt: job.created_at,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
  }
}

export function createJobsService(db: Kysely<Database>, units: UnitsService, runner: () => JobRunner | undefined) {
  /** A job is seen and cancelled by whoever may start its kind (an export is not the police's, an import not the leader's). */
  const mayHandle = (user: AuthUser, kind: string) => {
    const permission = runner()?.permissionOf(kind)
    return permission !== undefined && can(user, permission)
  }

  /** Another unit's job: 404; a job of a kind the user may not handle: 403. */
  async function getInScope(user: AuthUser, jobId: string): Promise<JobRow> {
    const job = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst()
    if (!job || !(await units.scopeOf(user.unitId)).has(job.unit_id)) throw notFound('Không tìm thấy tác vụ này')
    if (!mayHandle(user, job.kind)) throw forbidden()
    return job
  }

  return {
    getInScope,

    /**
     * Queues a background job; pass the caller's transaction so the job exists only if the request
     * commits. The params are checked against the kind's schema: a job is never queued with params its handler cannot read.
     */
    async enqueue<P>(
      executor: Kysely<Database> | Transaction<Database>,
      type: JobKind<P, object>,
      job: { unitId: string; createdBy: string | null; params: P },
    ): Promise<string> {
      const row = await executor
        .insertInto('jobs')
        .values({ kind: type.kind, unit_id: job.unitId, created_by: job.createdBy, params: encodeJobParams(type, job.params), progress: JSON.stringify({}) })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    wake: () => runner()?.wake(),

    async list(user: AuthUser, kind: string | undefined, limit: number) {
      const kinds = (runner()?.kinds() ?? []).filter((k) => mayHandle(user, k) && (!kind || k === kind))
      if (kinds.length === 0) return []
      const query = db.selectFrom('jobs').selectAll().where('unit_id', 'in', [...(await units.scopeOf(user.unitId))]).where('kind', 'in', kinds)
      return query.orderBy('created_at', 'desc').limit(limit).execute()
    },

    async cancel(user: AuthUser, jobId: string): Promise<JobRow> {
      const job = await getInScope(user, jobId)
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('jobs').set({ cancel_requested: true }).where('id', '=', job.id).execute()
        // A job still waiting never started: cancel it right away.
        await trx.updateTable('jobs').set({ status: 'cancelled', finished_at: new Date() }).where('id', '=', job.id).where('status', '=', 'queued').execute()
        await recordAudit(trx, { id: user.id, unitId: user.unitId, ip: user.ip }, { action: 'job.cancel', entityType: 'job', entityId: job.id, details: { kind: job.kind } })
      })
      return getInScope(user, jobId)
    },
  }
}
export type JobsService = ReturnType<typeof createJobsService>
