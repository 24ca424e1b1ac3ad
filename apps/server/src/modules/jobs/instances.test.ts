/**
 * Several server processes on one database (issue 17), as two job runners over the same tables:
 * every queued job runs exactly once, a housekeeping task runs once per period whoever starts it,
 * and a process whose heartbeat stopped loses its job to the other without either finishing it twice.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { startTestServer, type TestServer } from '../../test/harness'
import { unitIdByCode } from '../../test/factories'
import { defineJob, jobKind } from './define'
import { createJobRunner, type JobHandler, type JobRunner, type PeriodicTask } from './runner'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const Params = z.object({ steps: z.number().int() })
const Progress = z.object({ done: z.number().int() }).partial()
const COUNTED = jobKind('test.counted', 'import.run', Params, Progress)

/** Who ran which step of which job: a step run twice, or a job finished twice, shows here. */
const steps: string[] = []
const finishedBy: { jobId: string; runner: string }[] = []

function counted(runner: string, stepMs: number, afterStep?: () => Promise<void>): JobHandler {
  return defineJob({
    ...COUNTED,
    onInterrupted: 'resume',
    async run(ctx) {
      for (let done = ctx.saved.done ?? 0; done < ctx.params.steps; ) {
        await ctx.checkpoint()
        await sleep(stepMs)
        steps.push(`${ctx.job.id}:${done}`)
        done++
        await ctx.progress({ done })
        await afterStep?.()
      }
      finishedBy.push({ jobId: ctx.job.id, runner })
      return { steps: ctx.params.steps }
    },
  })
}

let server: TestServer
let anPhu: string
const runners: JobRunner[] = []
beforeAll(async () => {
  // The server's own runner takes no test jobs: only the two below do.
  server = await startTestServer()
  anPhu = await unitIdByCode(server, '98001')
})
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()))
  await server?.close()
})

function runner(name: string, options: Parameters<typeof createJobRunner>[2] = {}, stepMs = 5, afterStep?: () => Promise<void>): JobRunner {
  const r = createJobRunner(server.db.kysely, [counted(name, stepMs, afterStep)], { pollMs: 20, staleAfterMs: 2_000, ...options })
  runners.push(r)
  return r
}

async function enqueue(count: number, stepsEach: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    ids.push(await server.services.jobs.enqueue(server.db.kysely, COUNTED, { unitId: anPhu, createdBy: null, params: { steps: stepsEach } }))
  }
  return ids
}

async function settled(ids: string[], timeoutMs = 60_000) {
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    const rows = await server.db.kysely.selectFrom('jobs').select(['id', 'status', 'attempts', 'claimed_by']).where('id', 'in', ids).execute()
    if (rows.every((r) => r.status === 'succeeded' || r.status === 'failed')) return rows
    await sleep(50)
  }
  throw new Error('jobs did not finish')
}

describe('two server processes on one database', () => {
  it('runs each of 40 queued jobs exactly once, shared between both', async () => {
    const a = runner('a', { concurrency: 2 })
    const b = runner('b', { concurrency: 2 })
    const ids = await enqueue(40, 3)
    a.start()
    b.start()
    const rows = await settled(ids)
    await Promise.all([a.stop(), b.stop()])
    expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true)
    const finished = finishedBy.filter((f) => ids.includes(f.jobId))
    expect(finished).toHaveLength(40)
    expect(new Set(finished.map((f) => f.jobId)).size).toBe(40)
    // Both took a share: the claim is shared, not serialised on one process.
    expect(new Set(finished.map((f) => f.runner))).toEqual(new Set(['a', 'b']))
    expect(new Set(rows.map((r) => r.claimed_by)).size).toBe(2)
    const mine = steps.filter((s) => ids.includes(s.split(':')[0] ?? ''))
    expect(new Set(mine).size).toBe(mine.length)
  })

  it('runs a housekeeping task once per period, whichever process starts first, and again after the period', async () => {
    let runs = 0
    const task: PeriodicTask = { name: `test.housekeeping.${Date.now()}`, everyMs: 1_500, run: async () => void runs++ }
    const a = runner('a', { periodic: [task] })
    const b = runner('b', { periodic: [task] })
    a.start()
    b.start()
    await sleep(700)
    expect(runs).toBe(1)
    const row = await server.db.kysely.selectFrom('periodic_runs').selectAll().where('name', '=', task.name).executeTakeFirstOrThrow()
    expect(row.finished_at).not.toBeNull()
    expect(row.error).toBeNull()
    // Both timers fire again after 1.5 s: one of them runs it.
    await sleep(1_600)
    await Promise.all([a.stop(), b.stop()])
    expect(runs).toBe(2)
    // A restart inside the period does not run it again.
    const c = runner('c', { periodic: [task] })
    c.start()
    await sleep(300)
    await c.stop()
    expect(runs).toBe(2)
  })

  it('takes over the job of a process whose heartbeat stopped; the stalled process stops without finishing it', async () => {
    // a beats every 60 s and freezes after its first step (as a stalled event loop would: no progress
    // write refreshes its heartbeat meanwhile); b finds the job stale after 1 s and takes it.
    // a runs one job at a time, as a stalled process would: with a free slot its poll could claim the
    // job b had just put back in the queue, and freeze on it again (attempts 3, seen once in CI).
    let thaw = () => {}
    const frozen = new Promise<void>((resolve) => (thaw = resolve))
    const a = runner('a', { heartbeatMs: 60_000, staleAfterMs: 60_000, concurrency: 1 }, 5, () => frozen)
    const [id] = await enqueue(1, 15)
    a.start()
    // Frozen once its first step's progress is written: that write refreshed the heartbeat, so the heartbeat
    // is made stale only after it, never before it.
    const progressOf = async () =>
      (await server.db.kysely.selectFrom('jobs').select('progress').where('id', '=', id!).executeTakeFirstOrThrow()).progress
    for (let i = 0; i < 500 && JSON.stringify(await progressOf()) !== '{"done":1}'; i++) await sleep(20)
    expect(await progressOf()).toEqual({ done: 1 })
    await sql`update jobs set heartbeat_at = now() - interval '1 minute' where id = ${id}`.execute(server.db.kysely)
    const b = runner('b', { staleAfterMs: 1_000 }, 5)
    b.start()
    const [row] = await settled([id!])
    // a wakes up after b has finished: its next write finds the job taken and it stops there.
    thaw()
    await Promise.all([a.stop(), b.stop()])
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2 })
    const finished = finishedBy.filter((f) => f.jobId === id)
    expect(finished).toEqual([{ jobId: id, runner: 'b' }])
    const job = await server.db.kysely.selectFrom('jobs').select(['progress', 'result']).where('id', '=', id!).executeTakeFirstOrThrow()
    expect(job.result).toEqual({ steps: 15 })
    expect(job.progress).toEqual({ done: 15 })
  })
})
