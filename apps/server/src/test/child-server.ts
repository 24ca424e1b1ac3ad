/**
 * The real server as a child process (`node --import tsx apps/server/src/main.ts`), for tests that
 * kill it in the middle of a job and start it again on the same data. PGlite in `dataDir`, or a
 * fresh PostgreSQL database when DATABASE_URL is set.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client } from './harness'
import { createScratchDatabase } from './scratch-database'

export { exitedWithin, freePort } from './processes'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
export const CHILD_PASSWORD = 'Crash-test@2025'

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()))
}

export interface ChildData {
  dataDir: string
  /** The fresh PostgreSQL database, when DATABASE_URL is set. */
  databaseUrl: string | undefined
  dispose(): Promise<void>
}

/** A data directory, and a fresh PostgreSQL database if the tests run on PostgreSQL. */
export async function childData(prefix: string): Promise<ChildData> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const adminUrl = process.env.DATABASE_URL
  if (!adminUrl) return { dataDir, databaseUrl: undefined, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) }
  const scratch = await createScratchDatabase(adminUrl, 'hts_child')
  return {
    dataDir,
    databaseUrl: scratch.url,
    async dispose() {
      await scratch.drop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface ChildServer {
  base: string
  child: ChildProcess
  output(): string
  login(username: string): Promise<Client>
}

/** Starts the server on `port` and waits for /api/health. A dead job is taken over 2 s after its last heartbeat. */
export async function startChildServer(data: ChildData, port: number, env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: data.dataDir,
    DEMO: 'true',
    // Tests build on the demo's units and accounts only (seed/demo-campaign.ts is left out).
    DEMO_CAMPAIGN: 'false',
    DEMO_PASSWORD: CHILD_PASSWORD,
    NODE_ENV: 'test',
    WEB_DIST: '',
    LOG_LEVEL: 'warn',
    JOB_STALE_SECONDS: '2',
    ...env,
  }
  delete childEnv.DATABASE_URL
  if (data.databaseUrl) childEnv.DATABASE_URL = data.databaseUrl
  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-50_000)))
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-50_000)))
  const base = `http://127.0.0.1:${port}`
  for (const until = Date.now() + 180_000; Date.now() < until; ) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`)
    try {
      if ((await fetch(`${base}/api/health`)).ok) {
        return {
          base,
          child,
          output: () => output,
          async login(username) {
            const client = new Client(base)
            const response = await client.post('/api/auth/login', { username, password: CHILD_PASSWORD })
            if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`)
            return client
          },
        }
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start:\n${output}`)
}
