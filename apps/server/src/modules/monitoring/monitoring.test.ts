/**
 * Health and metrics through the real server (issue 17): health says the database and the store
 * answer, how long the queue is and how old the last backup is, and answers 503 when the store does
 * not; /metrics exists only with a token, refuses a wrong one, and reports requests by route pattern
 * (never an id), the queue and the backup age in Prometheus's text format.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { unitIdByCode } from '../../test/factories'
import { jobKind } from '../jobs'
import { z } from 'zod'

const TOKEN = 'metrics-token-for-tests-0123456789'
let server: TestServer
let plain: TestServer
beforeAll(async () => {
  server = await startTestServer({ config: { metricsToken: TOKEN } })
  plain = await startTestServer()
})
afterAll(async () => {
  await server?.close()
  await plain?.close()
})

describe('GET /api/health', () => {
  it('reports the database, the store, the queue and the backup age', async () => {
    const anPhu = await unitIdByCode(server, '98001')
    // A kind no runner of this server takes: it stays queued and is counted.
    const WAITING = jobKind('test.waiting', 'import.run', z.object({}))
    await server.services.jobs.enqueue(server.db.kysely, WAITING, { unitId: anPhu, createdBy: null, params: {} })
    const response = await server.anonymous().get('/api/health')
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      status: 'ok',
      engine: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      database: { ok: true },
      store: { ok: true, kind: 'local' },
      jobs: { queued: 1, running: 0 },
      backup: { lastSuccessAt: null, ageSeconds: null, stale: true },
    })
    expect(response.body.jobs.oldestQueuedSeconds).toBeGreaterThanOrEqual(0)
  })

  it('answers 503 when the file store does not answer', async () => {
    const original = server.services.files.has
    server.services.files.has = () => Promise.reject(new Error('disk gone'))
    try {
      const response = await server.anonymous().get('/api/health')
      expect(response.status).toBe(503)
      expect(response.body).toMatchObject({ status: 'unavailable', database: { ok: true }, store: { ok: false } })
    } finally {
      server.services.files.has = original
    }
  })
})

describe('GET /metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    expect((await fetch(`${plain.url}/metrics`)).status).toBe(404)
  })

  it('refuses a missing or wrong token', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401)
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` } })).status).toBe(401)
  })

  it('reports request latency by route pattern, the queue, the backup age and the process', async () => {
    const officer = await server.login('tuphap.anphu')
    const id = randomUUID()
    expect((await officer.get(`/api/entries/${id}`)).status).toBe(404)
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await response.text()
    expect(text).toMatch(/hts_http_request_duration_seconds_count\{method="GET",route="\/api\/entries\/:id",status="4xx"\} 1/)
    expect(text).not.toContain(id)
    expect(text).toMatch(/hts_jobs\{kind="test.waiting",status="queued"\} 1/)
    // The oldest wait is this scrape's: the job queued in the first test has waited a moment already.
    expect(Number(/^hts_jobs_oldest_queued_seconds (\S+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(0)
    expect(text).toMatch(/hts_backup_age_seconds -1/)
    expect(text).toMatch(/hts_process_resident_memory_bytes \d+/)
    expect(text).toMatch(/hts_nodejs_eventloop_lag_seconds/)
  })
})

describe('METRICS_TOKEN', () => {
  it('refuses to start with a short token', async () => {
    const { configProblem } = await import('../../config')
    expect(configProblem({ demo: false, host: '0.0.0.0', metricsToken: 'short' })).toMatch(/METRICS_TOKEN quá ngắn/)
    expect(configProblem({ demo: false, host: '0.0.0.0', metricsToken: TOKEN })).toBeUndefined()
  })
})

// The job-duration histogram is fed by the runner: a real job through the real server.
describe('job durations', () => {
  it('are observed per kind and outcome', async () => {
    const admin = await server.login('admin')
    const started = await admin.post('/api/files/verify')
    expect(started.status).toBe(202)
    for (let i = 0; i < 200; i++) {
      const job = (await admin.get(`/api/jobs/${started.body.jobId}`)).body
      if (job.status === 'succeeded') break
      await new Promise((r) => setTimeout(r, 50))
    }
    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text()
    expect(text).toMatch(/hts_jobs_ended_total\{kind="files.verify",outcome="succeeded"\} 1/)
  })
})
