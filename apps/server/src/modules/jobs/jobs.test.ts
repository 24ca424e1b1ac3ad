import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { unitIdByCode } from '../../test/factories'
import { z } from 'zod'
import { defineJob, jobKind } from './define'
import type { JobHandler } from './runner'

const cleaned: string[] = []
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const CountingParams = z.object({ label: z.string().optional() })
const CountingProgress = z.object({ done: z.number().int(), total: z.number().int() }).partial()
const kindOf = (kind: string) => jobKind(kind, 'import.run', CountingParams, CountingProgress)
const QUICK = kindOf('test.quick')
const SLOW = kindOf('test.slow')
const FAILING = kindOf('test.failing')

function countingHandler(kind: string, steps: number, stepMs: number, onInterrupted: 'resume' | 'fail'): JobHandler {
  return defineJob({
    ...kindOf(kind),
    onInterrupted,
    async run(ctx) {
      // Resumes from the checkpoint a previous run stored.
      for (let done = ctx.saved.done ?? 0; done < steps; ) {
        await ctx.checkpoint()
        await sleep(stepMs)
        done++
        await ctx.progress({ done, total: steps })
      }
      return { counted: steps }
    },
    async cleanup(_db, job) {
      cleaned.push(job.row.id)
    },
  })
}

let server: TestServer
let anPhu: string
beforeAll(async () => {
  server = await startTestServer({
    jobHandlers: [countingHandler('test.quick', 5, 1, 'resume'), countingHandler('test.slow', 200, 20, 'resume'), countingHandler(FAILING.kind, 3, 1, 'fail')],
    jobRunner: { pollMs: 50, staleAfterMs: 300 },
  })
  anPhu = await unitIdByCode(server, '98001')
})
afterAll(async () => server?.close())

async function waitFor(client: Awaited<ReturnType<TestServer['login']>>, id: string, statuses: string[]) {
  for (let i = 0; i < 200; i++) {
    const job = (await client.get(`/api/jobs/${id}`)).body
    if (statuses.includes(job.status)) return job
    await sleep(50)
  }
  throw new Error(`job ${id} never reached ${statuses.join('/')}`)
}

describe('background jobs', () => {
  it('runs a queued job to the end with its progress and result', async () => {
    const officer = await server.login('tuphap.anphu')
    const id = await server.services.jobs.enqueue(server.db.kysely, QUICK, { unitId: anPhu, createdBy: null, params: {} })
    server.services.jobs.wake()
    const job = await waitFor(officer, id, ['succeeded', 'failed'])
    expect(job).toMatchObject({ status: 'succeeded', statusLabel: 'Hoàn thành', progress: { done: 5, total: 5 }, result: { counted: 5 } })
  })

  it('cancels a running job at its next checkpoint and cleans up', async () => {
    const officer = await server.login('tuphap.anphu')
    const id = await server.services.jobs.enqueue(server.db.kysely, SLOW, { unitId: anPhu, createdBy: null, params: {} })
    server.services.jobs.wake()
    await waitFor(officer, id, ['running'])
    expect((await officer.post(`/api/jobs/${id}/cancel`)).status).toBe(200)
    const job = await waitFor(officer, id, ['cancelled', 'succeeded', 'failed'])
    expect(job.status).toBe('cancelled')
    expect(Number(job.progress.done ?? 0)).toBeLessThan(200)
    expect(cleaned).toContain(id)
  })

  it('after a crash, resumes a resumable job from its checkpoint and fails the other one cleanly', async () => {
    const officer = await server.login('tuphap.anphu')
    const old = new Date(Date.now() - 60_000)
    const insert = (kind: string, done: number) =>
      server.db.kysely
        .insertInto('jobs')
        .values({ kind, unit_id: anPhu, status: 'running', params: JSON.stringify({}), progress: JSON.stringify({ done }), heartbeat_at: old, started_at: old })
        .returning('id')
        .executeTakeFirstOrThrow()
    const resumable = await insert('test.quick', 3)
    const failing = await insert('test.failing', 1)
    server.services.jobs.wake()
    const resumed = await waitFor(officer, resumable.id, ['succeeded', 'failed'])
    expect(resumed).toMatchObject({ status: 'succeeded', progress: { done: 5 } })
    const failed = await waitFor(officer, failing.id, ['failed', 'succeeded'])
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/Máy chủ đã dừng/)
    expect(cleaned).toContain(failing.id)
  })

  it('a long job does not hold up a short one queued after it', async () => {
    const officer = await server.login('tuphap.anphu')
    const slow = await server.services.jobs.enqueue(server.db.kysely, SLOW, { unitId: anPhu, createdBy: null, params: {} })
    server.services.jobs.wake()
    await waitFor(officer, slow, ['running'])
    const quick = await server.services.jobs.enqueue(server.db.kysely, QUICK, { unitId: anPhu, createdBy: null, params: {} })
    server.services.jobs.wake()
    expect((await waitFor(officer, quick, ['succeeded', 'failed'])).status).toBe('succeeded')
    expect((await officer.get(`/api/jobs/${slow}`)).body.status).toBe('running')
    await officer.post(`/api/jobs/${slow}/cancel`)
    await waitFor(officer, slow, ['cancelled'])
  })

  it('refuses to queue params its kind does not describe, and fails a stored job whose params do not parse', async () => {
    const officer = await server.login('tuphap.anphu')
    // @ts-expect-error: a caller outside TypeScript's reach (the schema is the last line of defence).
    await expect(server.services.jobs.enqueue(server.db.kysely, QUICK, { unitId: anPhu, createdBy: null, params: { label: 42 } })).rejects.toThrow(/tham số/)
    const row = await server.db.kysely
      .insertInto('jobs')
      .values({ kind: QUICK.kind, unit_id: anPhu, params: JSON.stringify({ label: 42 }), progress: JSON.stringify({}) })
      .returning('id')
      .executeTakeFirstOrThrow()
    server.services.jobs.wake()
    const job = await waitFor(officer, row.id, ['failed', 'succeeded'])
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/Dữ liệu tham số của tác vụ test.quick không hợp lệ/)
  })

  it("another commune's job answers 404", async () => {
    const id = await server.services.jobs.enqueue(server.db.kysely, QUICK, { unitId: anPhu, createdBy: null, params: {} })
    const other = await server.login('tuphap.binhminh')
    expect((await other.get(`/api/jobs/${id}`)).status).toBe(404)
    expect((await other.post(`/api/jobs/${id}/cancel`)).status).toBe(404)
    expect((await other.get('/api/jobs')).body.items).toEqual([])
  })
})
