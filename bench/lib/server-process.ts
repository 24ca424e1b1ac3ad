/**
 * The real server as its own process, as `npm start` runs it (`node --max-semi-space-size=32 --heap-growing-percent=20
 * apps/server/dist/main.js`, the compiled server, built here first), on a fresh database, so that
 * what a benchmark reports about memory and CPU is the server's alone: the benchmark's own file
 * generation and HTTP client live in another process. BENCH_SERVER=tsx runs the sources through tsx
 * instead (its TypeScript loader adds ~85 MB of resident memory to an idle server: 638 against 553 MB).
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { exitedWithin, freePort } from '../../apps/server/src/test/processes'
import { createScratchDatabase } from '../../apps/server/src/test/scratch-database'
import { BENCH_PASSWORD } from './bench-server'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const TICKS_PER_SECOND = 100

export interface ServerProcess {
  url: string
  pid: number
  engine: 'pglite' | 'postgres'
  output(): string
  /** Resident memory now, and its peak since the last `resetPeak` (VmHWM), in bytes. */
  memory(): { rss: number; peak: number }
  /** Starts the peak over (Linux: clear_refs 5), so the database's start-up does not count. False when not possible. */
  resetPeak(): boolean
  /** User + system CPU seconds of the server process (all its threads). */
  cpuSeconds(): number
  close(): Promise<void>
}

/** Builds the server as `npm start` does (about 2 s) and returns its entry point. */
function compiledServer(): string {
  execFileSync('npm', ['run', 'build', '-w', '@hts/server'], { cwd: ROOT, stdio: 'ignore' })
  return path.join(ROOT, 'apps/server/dist/main.js')
}

function statusField(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/** `env` is added to the server's environment (e.g. IMPORT_MAX_MB). DATABASE_URL selects PostgreSQL, as for the other benchmarks. */
export async function startServerProcess(env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-bench-server-'))
  const adminUrl = process.env.DATABASE_URL
  const scratch = adminUrl ? await createScratchDatabase(adminUrl, 'hts_bench') : undefined
  const port = await freePort()
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: 'true',
    DEMO_CAMPAIGN: 'false',
    DEMO_PASSWORD: BENCH_PASSWORD,
    WEB_DIST: '',
    LOG_LEVEL: 'warn',
    ...env,
  }
  delete childEnv.DATABASE_URL
  if (scratch) childEnv.DATABASE_URL = scratch.url
  // BENCH_SERVER_FLAGS: extra Node/V8 flags for the server (e.g. to compare garbage-collector settings).
  const extra = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter((f) => f !== '')
  const entry = process.env.BENCH_SERVER === 'tsx' ? ['--import', 'tsx', 'apps/server/src/main.ts'] : [compiledServer()]
  // The flags of `npm start` (scripts/start.mjs).
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--heap-growing-percent=20', ...extra, ...entry], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-50_000))
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const pid = child.pid as number
  const url = `http://127.0.0.1:${port}`
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      if (!(await exitedWithin(child, 30_000))) {
        child.kill('SIGKILL')
        await exitedWithin(child, 5_000)
      }
    }
    if (process.env.BENCH_KEEP_DB === '1') {
      console.log(`database kept: ${scratch?.url ?? dataDir}`)
      return
    }
    await scratch?.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  for (const until = Date.now() + 180_000; Date.now() < until; ) {
    if (child.exitCode !== null) {
      await close()
      throw new Error(`server exited (${child.exitCode}):\n${output}`)
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        return {
          url,
          pid,
          engine: scratch ? 'postgres' : 'pglite',
          output: () => output,
          memory: () => ({ rss: statusField(pid, 'VmRSS'), peak: statusField(pid, 'VmHWM') }),
          resetPeak() {
            try {
              fs.writeFileSync(`/proc/${pid}/clear_refs`, '5')
              return true
            } catch {
              return false
            }
          },
          cpuSeconds() {
            try {
              const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
              const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
              return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND
            } catch {
              return 0
            }
          },
          close,
        }
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  await close()
  throw new Error(`server did not start:\n${output}`)
}
