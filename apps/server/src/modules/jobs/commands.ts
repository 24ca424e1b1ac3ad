/**
 * The jobs module's commands for other modules: the only writes of `jobs` outside the runner and
 * the service. Params and progress are checked against the job kind's schemas on the way in.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { encodeJobParams, encodeJobProgress, type JobKind } from './define'

/** A job's checkpoint written in the caller's transaction (with the rows it stands for), heartbeat refreshed. */
export async function saveJobProgress<Pr extends object>(executor: Kysely<Database>, type: JobKind<unknown, Pr>, jobId: string, progress: Pr): Promise<void> {
  await executor.updateTable('jobs').set({ progress: encodeJobProgress(type, progress), heartbeat_at: new Date() }).where('id', '=', jobId).execute()
}

/** Params known only after the job was queued in the same transaction (e.g. the uploads it renders). */
export async function setJobParams<P>(executor: Kysely<Database>, type: JobKind<P, object>, jobId: string, params: P): Promise<void> {
  await executor.updateTable('jobs').set({ params: encodeJobParams(type, params) }).where('id', '=', jobId).execute()
}
