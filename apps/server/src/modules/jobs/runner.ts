import { randomUUID } from 'node:crypto'
import os from 'node:os'
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
  /** Told how each run this process made ended and how long it took (the /metrics histogram). */
  onJobEnded?(kind: string, outcome: 'succeeded' | 'failed' | 'cancelled' | 'interrupted', seconds: number): void
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
  // Names the process in jobs.claimed_by and periodic_runs.holder: an operator can tell which instance holds what.
  const workerId = `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`
  const staleBefore = sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let polling: Promise<void> | undefined
  const concurrency = options.concurrency ?? Number(process.env.JOB_CONCURRENCY ?? 2)
  const running = new Map<string, Promise<void>>()
  const periodicTimers: NodeJS.Timeout[] = []
  const periodicRuns = new Map<string, Promise<unknown>>()

  /**
   * Takes this period's run of a task for this process, unless another instance (or this one before a
   * restart) started it less than 90% of a period ago: two instances never run the same housekeeping twice.
   */
  async function claimPeriodic(task: PeriodicTask): Promise<boolean> {
    const claimed = await sql<{ name: string }>`
      insert into periodic_runs (name, started_at, holder) values (${task.name}, now(), ${workerId})
      on conflict (name) do update set started_at = now(), finished_at = null, holder = excluded.holder, error = null
      where periodic_runs.started_at <= now() - make_interval(secs => ${(task.everyMs * 0.9) / 1000})
      returning name`.execute(db)
    return claimed.rows.length === 1
  }

  async function recordPeriodic(task: PeriodicTask, error: unknown): Promise<void> {
    const message = error === undefined ? null : error instanceof Error ? error.message : String(error)
    await sql`update periodic_runs set finished_at = now(), error = ${message} where name = ${task.name} and holder = ${workerId}`.execute(db)
  }

  /** A timer's run: only when this process holds the period; the outcome is recorded for the other instances. */
  async function runClaimedPeriodic(task: PeriodicTask): Promise<unknown> {
    if (!(await claimPeriodic(task))) return undefined
    try {
      const result = await runPeriodic(task)
      await recordPeriodic(task, undefined)
      return result
    } catch (error) {
      await recordPeriodic(task, error).catch(() => {})
      throw error
    }
  }

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
    void runClaimedPeriodic(task).catch((error: unknown) => {
      if (!stopping) console.error(`job runner, ${task.name}:`, error)
    })

  /**
   * A job row is this process's while its `attempts` is the one it claimed: a process whose heartbeat
   * stopped long enough to be taken over (another instance requeued or failed the job) finds it changed
   * and stops at its next write or checkpoint without writing over the new holder's work.
   */
  async function finish(job: JobRow, status: 'succeeded' | 'failed' | 'cancelled', result: Record<string, unknown> | null, error: string | null) {
    await db
      .updateTable('jobs')
      .set({ status, result: result === null ? null : JSON.stringify(result), error, finished_at: new Date(), heartbeat_at: sql`now()` })
      .where('id', '=', job.id)
      .where('attempts', '=', job.attempts)
      .execute()
  }

  async function stillHolds(job: JobRow): Promise<boolean> {
    const row = await db.selectFrom('jobs').select(['status', 'attempts']).where('id', '=', job.id).executeTakeFirst()
    return row?.status === 'running' && row.attempts === job.attempts
  }

  /**
   * Jobs left "running" by a process that stopped: resume or clean up, as their handler says. Each is
   * taken by one atomic update (still running, same attempt, still stale), so when several instances
   * look at once, one of them resumes or cleans it up, once.
   */
  async function recoverStale(): Promise<void> {
    const stale = await db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'running')
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]))
      .execute()
    for (const job of stale) {
      const handler = byKind.get(job.kind)
      // A busy event loop can delay our own heartbeat: never take a job this process is running.
      if (running.has(job.id)) continue
      if (!handler) continue
      const take = db
        .updateTable('jobs')
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('attempts', '=', job.attempts)
        .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]))
      if (handler.onInterrupted === 'resume' && !job.cancel_requested) {
        await take.set({ status: 'queued', claimed_by: null }).execute()
        continue
      }
      const taken = await take
        .set((eb) => ({ attempts: eb('attempts', '+', 1), claimed_by: workerId, heartbeat_at: sql`now()` }))
        .returningAll()
        .executeTakeFirst()
      if (!taken) continue
      await handler.cleanup?.(db, taken)
      await finish(taken, taken.cancel_requested ? 'cancelled' : 'failed', null, taken.cancel_requested ? null : INTERRUPTED_MESSAGE)
    }
  }

  async function claim(): Promise<JobRow | undefined> {
    const kinds = [...byKind.keys()]
    if (kinds.length === 0) return undefined
    const result = await sql<JobRow>`
      update jobs set status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now(), attempts = attempts + 1,
        claimed_by = ${workerId}
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
    // Set when a heartbeat finds the job taken over by another instance: the next checkpoint stops here.
    let lost = false
    const mine = () => db.updateTable('jobs').where('id', '=', job.id).where('attempts', '=', job.attempts).where('status', '=', 'running')
    const beat = setInterval(() => {
      void mine()
        .set({ heartbeat_at: sql`now()` })
        .executeTakeFirst()
        .then((r) => void (r.numUpdatedRows === 0n && (lost = true)))
        .catch(() => {})
    }, heartbeatMs)
    const ctx: JobContext = {
      job,
      db,
      async progress(update) {
        progress = { ...progress, ...update }
        const saved = await mine().set({ progress: JSON.stringify(progress), heartbeat_at: sql`now()` }).executeTakeFirst()
        if (saved.numUpdatedRows === 0n) lost = true
      },
      async checkpoint() {
        // PGlite answers on the main thread through promises alone: without a turn of the event loop
        // between batches, a long job kept a progress poll waiting 11 s while 30,000 rows went in
        // (import-crash test); with it the longest wait was 0.4 s.
        await new Promise<void>((resolve) => setImmediate(resolve))
        if (stopping || lost) throw new JobInterrupted()
        const row = await db.selectFrom('jobs').select(['cancel_requested', 'attempts', 'status']).where('id', '=', job.id).executeTakeFirst()
        if (!row || row.attempts !== job.attempts || row.status !== 'running') throw new JobInterrupted()
        if (row.cancel_requested) throw new JobCancelled()
      },
    }
    const startedAt = performance.now()
    let outcome: 'succeeded' | 'failed' | 'cancelled' | 'interrupted' = 'interrupted'
    try {
      const result = await handler.run(ctx)
      await finish(job, 'succeeded', result, null)
      outcome = 'succeeded'
    } catch (error) {
      if (error instanceof JobInterrupted) return
      // Taken over meanwhile: the cleanup is the new holder's to decide, never ours.
      if (!(await stillHolds(job))) return
      await handler.cleanup?.(db, { ...job, progress })
      outcome = error instanceof JobCancelled ? 'cancelled' : 'failed'
      if (error instanceof JobCancelled) await finish(job, 'cancelled', null, null)
      else await finish(job, 'failed', null, error instanceof Error ? error.message : String(error))
    } finally {
      clearInterval(beat)
      options.onJobEnded?.(job.kind, outcome, (performance.now() - startedAt) / 1000)
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
