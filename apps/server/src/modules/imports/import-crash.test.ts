/**
 * The real server as a child process, killed with SIGKILL in the middle of a 50,000-row import and
 * started again on the same data: the import must end finished (resumed after its last committed
 * batch) with every row exactly once. Runs on PGlite, or on a fresh PostgreSQL database when
 * DATABASE_URL is set.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/engine'
import { Client } from '../../test/harness'
import { syntheticBirthRows, upload, waitForJob, writeXlsxFile } from '../../test/import-helpers'
import { createScratchDatabase } from '../../test/scratch-database'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..')
const PASSWORD = 'Crash-test@2025'
const ROWS = 50_000

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

let dataDir: string
let databaseUrl: string | undefined
let dropDatabase: (() => Promise<void>) | undefined
let child: ChildProcess | undefined
let output = ''

async function startServer(port: number): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: 'true',
    DEMO_PASSWORD: PASSWORD,
    NODE_ENV: 'test',
    WEB_DIST: '',
    LOG_LEVEL: 'warn',
    // A job whose process died is picked up 2 s after its last heartbeat instead of 60 s.
    JOB_STALE_SECONDS: '2',
  }
  delete env.DATABASE_URL
  if (databaseUrl) env.DATABASE_URL = databaseUrl
  child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-50_000)))
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-50_000)))
  const base = `http://127.0.0.1:${port}`
  for (const until = Date.now() + 180_000; Date.now() < until; ) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`)
    try {
      if ((await fetch(`${base}/api/health`)).ok) return base
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`server did not start:\n${output}`)
}

function exited(process: ChildProcess): Promise<void> {
  return process.exitCode !== null || process.signalCode !== null ? Promise.resolve() : new Promise((resolve) => process.once('exit', () => resolve()))
}

async function login(base: string): Promise<Client> {
  const client = new Client(base)
  const response = await client.post('/api/auth/login', { username: 'tuphap.anphu', password: PASSWORD })
  if (response.status !== 200) throw new Error(`login: ${response.status}`)
  return client
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-crash-'))
  const adminUrl = process.env.DATABASE_URL
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl, 'hts_crash')
    databaseUrl = scratch.url
    dropDatabase = () => scratch.drop()
  }
})

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL')
    await exited(child)
  }
  await dropDatabase?.()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('a server killed during an import', () => {
  it('resumes after restart: the 50,000 rows are all there, none twice', async () => {
    const port = await freePort()
    let base = await startServer(port)
    let client = await login(base)
    const file = path.join(dataDir, 'khai-sinh-50000.xlsx')
    await writeXlsxFile(file, syntheticBirthRows(ROWS, 2024))
    const uploaded = await upload(client, { bookType: 'KS' }, 'khai-sinh-50000.xlsx', fs.readFileSync(file))
    expect(uploaded.status).toBe(201)
    expect(uploaded.body.analysis.rowCount).toBe(ROWS)
    const started = await client.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect(started.status).toBe(202)
    const jobId = started.body.jobId as string

    // Kill -9 once some batches are committed, well before the end.
    let before = 0
    for (const until = Date.now() + 300_000; Date.now() < until; ) {
      const job = (await client.get(`/api/jobs/${jobId}`)).body
      before = Number(job.progress?.accepted ?? 0)
      if (before >= 5_000 || job.status !== 'running' && job.status !== 'queued') break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(before).toBeGreaterThanOrEqual(5_000)
    expect(before).toBeLessThan(ROWS)
    const killed = child!
    killed.kill('SIGKILL')
    await exited(killed)

    base = await startServer(port)
    client = await login(base)
    const job = await waitForJob(client, jobId, 900_000)
    expect(job.status).toBe('succeeded')
    expect(job.result).toMatchObject({ rowsRead: ROWS, accepted: ROWS, rejected: 0, skipped: 0 })
    const view = (await client.get(`/api/imports/${uploaded.body.id}`)).body
    expect(view.counts).toMatchObject({ accepted: ROWS })

    const running = child!
    running.kill('SIGTERM')
    await exited(running)
    const db = await openDatabase({ databaseUrl, dataDir })
    try {
      const counts = await sql<{ entries: number; distinct_numbers: number; revisions: number; attempts: number }>`
        select (select count(*)::int from entries where import_id = ${uploaded.body.id}) as entries,
               (select count(distinct so)::int from entries where import_id = ${uploaded.body.id}) as distinct_numbers,
               (select count(*)::int from entry_revisions r join entries e on e.id = r.entry_id where e.import_id = ${uploaded.body.id}) as revisions,
               (select attempts from jobs where id = ${jobId}) as attempts`.execute(db.kysely)
      expect(counts.rows[0]).toEqual({ entries: ROWS, distinct_numbers: ROWS, revisions: ROWS, attempts: 2 })
      const batches = await db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'import.batch').where('entity_id', '=', uploaded.body.id).execute()
      const audited = batches.flatMap((b) => b.details.entryIds as string[])
      expect(new Set(audited).size).toBe(ROWS)
      expect(audited).toHaveLength(ROWS)
    } finally {
      await db.close()
    }
  }, 1_200_000)
})
