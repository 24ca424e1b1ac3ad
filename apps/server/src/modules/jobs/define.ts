/**
 * A job kind declares what it stores: its params (written when queued) and its progress (the
 * checkpoint a resumed run starts from). Both are checked by a zod schema when written and parsed
 * when read back, so a handler works with typed values and a malformed row fails the job with a
 * message instead of running on guesses.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Permission } from '@hts/domain'
import type { Database } from '../../db/schema'
import type { JobContext, JobHandler, JobRow } from './runner'

/** Progress a job kind does not describe: any counters, shown as they are. */
const AnyProgress = z.record(z.string(), z.unknown())
type AnyProgress = z.infer<typeof AnyProgress>

export interface JobKind<P, Pr extends object = AnyProgress> {
  kind: string
  /** Who may see and cancel a job of this kind (besides being in its unit's scope). */
  permission: Permission
  params: z.ZodType<P>
  progress: z.ZodType<Pr>
}

/** The kind, the permission it needs, its params and (when a run reads it back) its progress, for the queue and the handler alike. */
export function jobKind<P>(kind: string, permission: Permission, params: z.ZodType<P>): JobKind<P, AnyProgress>
export function jobKind<P, Pr extends object>(kind: string, permission: Permission, params: z.ZodType<P>, progress: z.ZodType<Pr>): JobKind<P, Pr>
export function jobKind<P>(kind: string, permission: Permission, params: z.ZodType<P>, progress: z.ZodType<object> = AnyProgress): JobKind<P, object> {
  return { kind, permission, params, progress }
}

export interface TypedJobContext<P, Pr extends object> {
  job: JobRow
  params: P
  /** What an earlier run of this job stored as its progress ({} on a first run). */
  saved: Pr
  db: Kysely<Database>
  /** Merges counters into the job's progress (and refreshes its heartbeat). */
  progress(update: Partial<Pr>): Promise<void>
  /** Call between batches: throws JobCancelled or JobInterrupted when the job must stop there. */
  checkpoint(): Promise<void>
}

/** What cleanup gets: the row, with its params and last progress parsed. */
export interface TypedJob<P, Pr extends object> {
  row: JobRow
  params: P
  progress: Pr
}

export interface JobDefinition<P, Pr extends object> extends JobKind<P, Pr> {
  /**
   * After a crash or restart mid-run: 'resume' queues the job again (the handler continues from the
   * checkpoint it stored in progress); 'fail' calls cleanup and marks it failed, saying so.
   */
  onInterrupted: 'resume' | 'fail'
  run(ctx: TypedJobContext<P, Pr>): Promise<Record<string, unknown>>
  /** Undo partial writes of a job that failed, was cancelled or was interrupted with 'fail'. */
  cleanup?(db: Kysely<Database>, job: TypedJob<P, Pr>): Promise<void>
}

/** Parse failures say which job and which part, in the job's error column (users see it). */
function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string, kind: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new Error(`Dữ liệu ${what} của tác vụ ${kind} không hợp lệ: ${z.prettifyError(parsed.error)}`)
}

export function parseJobParams<P>(type: JobKind<P, object>, value: unknown): P {
  return parseOrThrow(type.params, value, 'tham số', type.kind)
}

export function parseJobProgress<Pr extends object>(type: JobKind<unknown, Pr>, value: unknown): Pr {
  return parseOrThrow(type.progress, value, 'tiến độ', type.kind)
}

/** The progress column's value for a write outside the runner (in the caller's transaction), checked first. */
export function encodeJobProgress<Pr extends object>(type: JobKind<unknown, Pr>, progress: Pr): string {
  return JSON.stringify(parseJobProgress(type, progress))
}

/** The params column's value, checked against the kind's schema: what is queued is what the handler can read. */
export function encodeJobParams<P>(type: JobKind<P, object>, params: P): string {
  return JSON.stringify(parseJobParams(type, params))
}

/** One job kind for the runner: params and progress parsed before `run` sees them. */
export function defineJob<P, Pr extends object>(definition: JobDefinition<P, Pr>): JobHandler {
  const { kind, permission, onInterrupted, cleanup } = definition
  return {
    kind,
    permission,
    onInterrupted,
    run(ctx: JobContext) {
      return definition.run({
        job: ctx.job,
        params: parseJobParams(definition, ctx.job.params),
        saved: parseJobProgress(definition, ctx.job.progress),
        db: ctx.db,
        progress: (update) => ctx.progress(update),
        checkpoint: () => ctx.checkpoint(),
      })
    },
    cleanup: cleanup
      ? async (db, row) => {
          const params = definition.params.safeParse(row.params)
          const progress = definition.progress.safeParse(row.progress)
          // Params that never parsed say nothing about what to undo: the run itself stopped at them.
          if (!params.success || !progress.success) {
            console.error(`job ${row.id} (${kind}): params or progress unreadable, nothing cleaned up`)
            return
          }
          await cleanup(db, { row, params: params.data, progress: progress.data })
        }
      : undefined,
  }
}
