import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Selectable } from 'kysely'
import { z } from 'zod'
import type { Permission } from '@hts/domain'
import type { Database, JobsTable } from '../../db/schema'

export type JobRow = Selectable<JobsTable>

/** Thrown by `ctx.checkpoint()` when the user cancelled the job. */
export class JobCancelled extends Error {}
/** Thrown by `ctx.checkpoint()` when the server is stopping: the job stays "running" and is recovered at the next start. */
export class JobInterrupted extends Error {}

export interface JobContext {
  job: JobRow
  db: Kysely<Database>
  /** Merges counters into the job's progress (and refreshes its heartbeat). */
  progress(update: Record<string, unknown>): Promise<void>
  /** Call between batches: throws JobCancelled or JobInterrupted when the job must stop there. */
  checkpoint(): Promise<void>
}

export interface JobHandler {
  kind: string
  /** Who may see and cancel a job of this kind (besides being in its unit's scope). */
  permission: Permission
  run(ctx: JobContext): Promise<Record<string, unknown>>
  /**
   * After a crash or restart mid-run: 'resume' queues the job again (the handler continues from the
   * checkpoint it stored in progress); 'fail' calls cleanup and marks it failed, saying so.
   */
  onInterrupted: 'resume' | 'fail'
  /** Undo partial writes of a job that failed, was cancelled or was interrupted with 'fail'. */
  cleanup?(db: Kysely<Database>, job: JobRow): Promise<void>
}

export interface JobRunnerOptions {
  pollMs?: number
  /** A running job whose heartbeat is older than this was left by a dead process. */
  staleAfterMs?: number
  heartbeatMs?: number
  /** Jobs run at once by this process (page rendering must not hold up an import). */
  concurrency?: number
  /** Housekeeping run by the runner itself: once when it starts, then every `everyMs`. */
  periodic?: PeriodicTask[]
}

/**
 * Maintenance that needs no job row (nobody asked for it, no unit owns it): run at start and then
 * on a timer. Must be safe to run twice at once (several server processes on one database).
 */
export interface PeriodicTask {
  name: string
  everyMs: number
  run(db: Kysely<Database>): Promise<unknown>
}

/** Any object: what was stored before is kept when counters are merged in; anything else starts afresh. */
const StoredProgress = z.record(z.string(), z.unknown()).catch({})

const INTERRUPTED_MESSAGE = 'Máy chủ đã dừng trong khi tác vụ đang chạy; phần đã làm dở đã được hủy. Hãy chạy lại.'

export function createJobRunner(db: Kysely<Database>, handlers: JobHandler[], options: JobRunnerOptions = {}) {
  const byKind = new Map(handlers.map((h) => [h.kind, h]))
  const pollMs = options.pollMs ?? 500
  const staleAfterMs = options.staleAfterMs ?? Number(process.env.JOB_STALE_SECONDS ?? 60) * 1000
  const heartbeatMs = options.heartbeatMs ?? Math.min(10_000, staleAfterMs / 3)
  const workerId = randomUUID()
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let polling: Promise<void> | undefined
  const concurrency = options.concurrency ?? Number(process.env.JOB_CONCURRENCY ?? 2)
  const running = new Map<string, Promise<void>>()
  const periodicTimers: NodeJS.Timeout[] = []
  const periodicRuns = new Map<string, Promise<unknown>>()

  /** Runs one housekeeping task (or joins the run under way). Timers log its errors; runPeriodicNow gets them. */
  function runPeriodic(task: PeriodicTask): Promise<unknown> {
    const current = periodicRuns.get(task.name)
    if (current) return current
    const run = task.run(db)
    periodicRuns.set(task.name, run)
    // Attached first, so the run is forgotten before anyone awaiting it resumes.
    const forget = () => void periodicRuns.delete(task.name)
    run.then(forget, forget)
    return run
  }
  const onTimer = (task: PeriodicTask) =>
    void runPeriodic(task).catch((error: unknown) => {
      if (!stopping) console.error(`job runner, ${task.name}:`, error)
    })

  async function finish(job: JobRow, status: 'succeeded' | 'failed' | 'cancelled', result: Record<string, unknown> | null, error: string | null) {
    await db
      .updateTable('jobs')
      .set({ status, result: result === null ? null : JSON.stringify(result), error, finished_at: new Date(), heartbeat_at: new Date() })
      .where('id', '=', job.id)
      .execute()
  }

  /** Jobs left "running" by a process that stopped: resume or clean up, as their handler says. */
  async function recoverStale(): Promise<void> {
    const stale = await db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'running')
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', new Date(Date.now() - staleAfterMs))]))
      .execute()
    for (const job of stale) {
      const handler = byKind.get(job.kind)
      // A busy event loop can delay our own heartbeat: never take a job this process is running.
      if (running.has(job.id)) continue
      if (!handler) continue
      if (handler.onInterrupted === 'resume' && !job.cancel_requested) {
        await db.updateTable('jobs').set({ status: 'queued' }).where('id', '=', job.id).where('status', '=', 'running').execute()
      } else {
        await handler.cleanup?.(db, job)
        await finish(job, job.cancel_requested ? 'cancelled' : 'failed', null, job.cancel_requested ? null : INTERRUPTED_MESSAGE)
      }
    }
  }

  async function claim(): Promise<JobRow | undefined> {
    const kinds = [...byKind.keys()]
    if (kinds.length === 0) return undefined
    const result = await sql<JobRow>`
      update jobs set status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now(), attempts = attempts + 1
      where id = (
        select id from jobs where status = 'queued' and kind in (${sql.join(kinds)})
        order by created_at limit 1 for update skip locked
      )
      returning *`.execute(db)
    return result.rows[0]
  }

  async function runOne(job: JobRow, handler: JobHandler): Promise<void> {
    // The kind's own schema checks it when the handler reads it (define.ts); here it is only merged into.
    let progress: Record<string, unknown> = StoredProgress.parse(job.progress)
    const beat = setInterval(() => {
      void db.updateTable('jobs').set({ heartbeat_at: new Date() }).where('id', '=', job.id).execute().catch(() => {})
    }, heartbeatMs)
    const ctx: JobContext = {
      job,
      db,
      async progress(update) {
        progress = { ...progress, ...update }
        await db.updateTable('jobs').set({ progress: JSON.stringify(progress), heartbeat_at: new Date() }).where('id', '=', job.id).execute()
      },
      async checkpoint() {
        if (stopping) throw new JobInterrupted()
        const row = await db.selectFrom('jobs').select('cancel_requested').where('id', '=', job.id).executeTakeFirst()
        if (row?.cancel_requested) throw new JobCancelled()
      },
    }
    try {
      const result = await handler.run(ctx)
      await finish(job, 'succeeded', result, null)
    } catch (error) {
      if (error instanceof JobInterrupted) return
      await handler.cleanup?.(db, { ...job, progress })
      if (error instanceof JobCancelled) await finish(job, 'cancelled', null, null)
      else await finish(job, 'failed', null, error instanceof Error ? error.message : String(error))
    } finally {
      clearInterval(beat)
    }
  }

  /** Claims queued jobs up to the concurrency limit; each finished job looks for the next one. */
  async function tick(): Promise<void> {
    if (stopping) return
    try {
      await recoverStale()
      while (!stopping && running.size < concurrency) {
        const job = await claim()
        if (!job) break
        const handler = byKind.get(job.kind)
        if (!handler) continue
        const run = runOne(job, handler).finally(() => {
          running.delete(job.id)
          if (!stopping) schedule(0)
        })
        running.set(job.id, run)
      }
    } catch (error) {
      if (!stopping) console.error('job runner:', error)
    }
  }

  function schedule(delay: number): void {
    if (stopping) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (polling) return schedule(pollMs)
      polling = tick().finally(() => {
        polling = undefined
        schedule(pollMs)
      })
    }, delay)
  }

  return {
    workerId,
    /** The permission a job kind needs; undefined for a kind this server does not run (nobody sees it). */
    permissionOf: (kind: string): Permission | undefined => byKind.get(kind)?.permission,
    /** The kinds this server runs. */
    kinds: () => [...byKind.keys()],
    start() {
      schedule(0)
      for (const task of options.periodic ?? []) {
        onTimer(task)
        const timer = setInterval(() => onTimer(task), task.everyMs)
        // Housekeeping alone must not keep the process alive.
        timer.unref()
        periodicTimers.push(timer)
      }
    },
    /** Runs a housekeeping task now (and waits for it); undefined if there is none by that name. */
    async runPeriodicNow(name: string): Promise<unknown> {
      const task = (options.periodic ?? []).find((t) => t.name === name)
      if (!task) return undefined
      await periodicRuns.get(name)?.catch(() => {})
      return runPeriodic(task)
    },
    /** Runs the queue soon instead of at the next poll. */
    wake: () => schedule(0),
    async stop(): Promise<void> {
      stopping = true
      clearTimeout(timer)
      for (const t of periodicTimers.splice(0)) clearInterval(t)
      await polling
      await Promise.all([...running.values(), ...[...periodicRuns.values()].map((p) => p.catch(() => {}))])
    },
  }
}
export type JobRunner = ReturnType<typeof createJobRunner>
