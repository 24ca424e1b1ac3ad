/**
 * The jobs module's commands for other modules: the only writes of `jobs` outside the runner and
 * the service. Params and progress are checked against the job kind's schemas on the way in.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { encodeJobParams, encodeJobProgress, type JobKind } from './define'
import { JobInterrupted, type JobRow } from './runner'

/**
 * A job's checkpoint written in the caller's transaction (with the rows it stands for), heartbeat
 * refreshed. Given the running job's row, it is written only while this process still holds the job
 * (same attempt): after a takeover by another instance it throws JobInterrupted, which rolls back the
 * caller's transaction, so the rows of a batch are never written by two processes.
 */
export async function saveJobProgress<Pr extends object>(executor: Kysely<Database>, type: JobKind<unknown, Pr>, job: string | Pick<JobRow, 'id' | 'attempts'>, progress: Pr): Promise<void> {
  let update = executor.updateTable('jobs').set({ progress: encodeJobProgress(type, progress), heartbeat_at: sql`now()` })
  if (typeof job === 'string') {
    await update.where('id', '=', job).execute()
    return
  }
  update = update.where('id', '=', job.id).where('attempts', '=', job.attempts).where('status', '=', 'running')
  const saved = await update.executeTakeFirst()
  if (saved.numUpdatedRows === 0n) throw new JobInterrupted()
}

/** Params known only after the job was queued in the same transaction (e.g. the uploads it renders). */
export async function setJobParams<P>(executor: Kysely<Database>, type: JobKind<P, object>, jobId: string, params: P): Promise<void> {
  await executor.updateTable('jobs').set({ params: encodeJobParams(type, params) }).where('id', '=', jobId).execute()
}
