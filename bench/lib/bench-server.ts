/**
 * A real Hộ Tịch Số server for a benchmark: fresh database (PGlite in a temp dir, or a new database
 * on the PostgreSQL server of DATABASE_URL, dropped afterwards), migrations, demo seed, HTTP on
 * 127.0.0.1 with a random port. Files go to a temp directory.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp, type AppServices } from '../../apps/server/src/app'
import { loadConfig } from '../../apps/server/src/config'
import { openDatabase, type Db } from '../../apps/server/src/db/engine'
import { migrateToLatest } from '../../apps/server/src/db/migrate'
import { seedDemo } from '../../apps/server/src/seed/demo'
import { createScratchDatabase } from '../../apps/server/src/test/scratch-database'

export const BENCH_PASSWORD = 'Bench-password-2025'

export interface BenchServer {
  url: string
  db: Db
  services: AppServices
  engine: 'pglite' | 'postgres'
  /** The database is one an earlier run kept (BENCH_REUSE_DB): already loaded. */
  reused: boolean
  /**
   * Closes the server and opens it again on the same database, as an operator restarts it after loading a large
   * extract (PGlite sizes its buffer pool to the stored data at start: db/pglite-pool.ts).
   */
  restart(): Promise<BenchServer>
  close(): Promise<void>
}

/**
 * `webDist`: also serve the built web app (UI benchmarks in Chromium); the API only by default.
 * BENCH_REUSE_DB (a PostgreSQL URL or a PGlite directory a run kept with BENCH_KEEP_DB=1): open that
 * database instead of a fresh one, and never drop it (`reused` tells the benchmark to skip its loading).
 */
export async function startBenchServer(options: { webDist?: string } = {}): Promise<BenchServer> {
  const reuse = process.env.BENCH_REUSE_DB
  const reusedUrl = reuse?.startsWith('postgres') ? reuse : undefined
  const dataDir = reuse && !reusedUrl ? reuse : fs.mkdtempSync(path.join(os.tmpdir(), 'hts-bench-'))
  const adminUrl = process.env.DATABASE_URL
  const scratch = adminUrl && !reuse ? await createScratchDatabase(adminUrl, 'hts_bench') : undefined
  const databaseUrl = reusedUrl ?? scratch?.url
  const open = async (fresh: boolean): Promise<BenchServer> => {
    const db = await openDatabase({ databaseUrl, dataDir, pgliteSharedBuffers: loadConfig().pgliteSharedBuffers })
    await migrateToLatest(db)
    if (fresh) await seedDemo(db.kysely, BENCH_PASSWORD)
    const config = { ...loadConfig({}), dataDir, databaseUrl, webDist: options.webDist, logLevel: 'silent', demo: true }
    const { app, services } = await buildApp(config, db)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    if (!address || typeof address === 'string') throw new Error('server has no port')
    return {
      url: `http://127.0.0.1:${address.port}`,
      db,
      services,
      engine: db.engine,
      reused: reuse !== undefined,
      async restart() {
        await app.close()
        await db.close()
        return open(false)
      },
      async close() {
        await app.close()
        await db.close()
        // BENCH_KEEP_DB=1 leaves the database behind (PostgreSQL database or PGlite directory) to inspect it afterwards;
        // a reused one is never dropped. On PostgreSQL the temp directory holds only this run's files: always removed.
        const keep = reuse !== undefined || process.env.BENCH_KEEP_DB === '1'
        if (databaseUrl || !keep) fs.rmSync(dataDir, { recursive: true, force: true })
        if (keep && !reuse) console.log(`database kept: ${databaseUrl ?? dataDir}`)
        if (!keep) await scratch?.drop()
      },
    }
  }
  return open(!reuse)
}

/** A JSON object as the API answers it (callers pick the fields they need). */
export type JsonBody = Record<string, unknown>

/** A cookie-keeping JSON client that times nothing itself (the caller measures what it wants). */
export class BenchClient {
  private cookie: string | undefined
  constructor(private readonly base: string) {}

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; body: JsonBody }> {
    const response = await fetch(this.base + url, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) this.cookie = setCookie.split(';')[0]
    const text = await response.text()
    return { status: response.status, body: text ? (JSON.parse(text) as JsonBody) : {} }
  }

  static async login(base: string, username: string, password = BENCH_PASSWORD): Promise<BenchClient> {
    const client = new BenchClient(base)
    const response = await client.request('POST', '/api/auth/login', { username, password })
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`)
    return client
  }
}
