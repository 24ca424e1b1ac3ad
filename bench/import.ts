/**
 * Excel import benchmark (issue 4): a generated KS register (bench/lib/register-file.ts: varied
 * synthetic people and the untidiness of real files, two volumes per year) goes through the real
 * HTTP API of a fresh server running in its own process: upload (safety check + analysis), then
 * the background import job (normalise, validate, batch insert, audit), until the job has finished.
 *
 *   npm run bench:import -- --rows 100000 [--per-book 5000] [--seed 20251121]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:import -- --rows 100000
 *
 * Last line: `import: R rows/s, server peak RSS M MB, rejected K (engine, load L)`; R counts the
 * whole user-visible import (upload + analysis + job), M is the server process's peak resident
 * memory from the upload to the end of the job and of the duplicate scan it queues (which runs in the
 * same server right after; the line before says how long it made a request wait), its start-up (e.g.
 * PGlite's initdb) not included,
 * L the 1-minute load average at the end (the machine is shared: above the core count, other work
 * competed).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Client } from '../apps/server/src/test/harness'
import { BENCH_PASSWORD } from './lib/bench-server'
import { cpuMeter } from './lib/cpu'
import { writeRegisterFile } from './lib/register-file'
import { startServerProcess } from './lib/server-process'

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, 'per-book': { type: 'string', default: '5000' }, seed: { type: 'string', default: '20251121' } } })
const rows = Number(values.rows)
const seconds = (from: number) => (performance.now() - from) / 1000
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-bench-import-'))
// BENCH_FILE_CACHE=dir keeps the generated file there and reuses it (the same file for both engines).
const cache = process.env.BENCH_FILE_CACHE
const file = path.join(cache ?? dir, `khai-sinh-${rows}-${values['per-book']}-${values.seed}.xlsx`)
let t = performance.now()
if (cache && fs.existsSync(file)) console.log(`file: ${file} (kept from an earlier run), ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB`)
else {
  if (cache) fs.mkdirSync(cache, { recursive: true })
  const summary = await writeRegisterFile(`${file}.part`, { rows, seed: Number(values.seed), entriesPerBook: Number(values['per-book']) })
  fs.renameSync(`${file}.part`, file)
  console.log(`file: ${rows.toLocaleString('en')} rows (${summary.blankRows} blank), ${summary.books} books ${summary.years.join('-')}, ${summary.distinctChildNames.toLocaleString('en')} distinct child names, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB, written in ${seconds(t).toFixed(1)} s`)
}

// The server's limits (100 MB uploaded, 1 GB inflated: ~950,000 rows) are below a million rows.
const server = await startServerProcess({ IMPORT_MAX_MB: '2048', IMPORT_MAX_INFLATED_MB: '4096' })
try {
  console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${load()}, engine ${server.engine}`)
  const client = new Client(server.url)
  const login = await client.post('/api/auth/login', { username: 'tuphap.anphu', password: BENCH_PASSWORD })
  if (login.status !== 200) throw new Error(`login: ${login.status}`)

  const before = server.memory().rss
  // The kernel's peak (VmHWM) after clearing it, and our own samples in case clearing is refused.
  const exactPeak = server.resetPeak()
  let sampledPeak = before
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, server.memory().rss)), 100)
  const started = performance.now()
  t = started
  let cpu = server.cpuSeconds()
  let pgCpu = cpuMeter()
  const form = new FormData()
  form.append('file', await fs.openAsBlob(file), path.basename(file))
  const response = await client.fetch('/api/imports?bookType=KS', { method: 'POST', body: form })
  const uploaded = (await response.json()) as { id: string; analysis: { rowCount: number; layout: string } }
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${JSON.stringify(uploaded)}`)
  const analyseSeconds = seconds(t)
  console.log(`upload + analysis: ${analyseSeconds.toFixed(1)} s (${Math.round(rows / analyseSeconds)} rows/s), ${uploaded.analysis.rowCount} rows, layout ${uploaded.analysis.layout}; CPU ${(server.cpuSeconds() - cpu).toFixed(1)} s server, ${pgCpu().postgres.toFixed(1)} s PostgreSQL; RSS ${mb(server.memory().rss)} MB`)

  t = performance.now()
  cpu = server.cpuSeconds()
  pgCpu = cpuMeter()
  const start = await client.post(`/api/imports/${uploaded.id}/start`, { missingBooks: 'create' })
  if (start.status !== 202) throw new Error(`start: ${start.status} ${JSON.stringify(start.body)}`)
  // Progress and the server's memory every 15 s: a figure that grows with the rows read is what to look for.
  let job: { status: string; error?: string; result?: unknown; progress?: { rowsRead?: number } }
  for (let shown = performance.now(); ; await new Promise((resolve) => setTimeout(resolve, 200))) {
    job = await client.get(`/api/jobs/${start.body.jobId}`).then(
      (r) => r.body,
      (error: unknown) => {
        // A dead server: say how it ended, with the end of what it printed.
        throw new Error(`server unreachable (${String(error)}); its last output:\n${server.output().slice(-4000)}`)
      },
    )
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) break
    if (performance.now() - shown > 15_000) {
      shown = performance.now()
      console.log(`  ${seconds(t).toFixed(0)} s: ${job.progress?.rowsRead ?? 0} rows, server RSS ${mb(server.memory().rss)} MB`)
    }
  }
  const jobSeconds = seconds(t)
  if (job.status !== 'succeeded') throw new Error(`job ${job.status}: ${job.error}`)
  const total = seconds(started)
  const importPeak = exactPeak ? Math.max(server.memory().peak, sampledPeak) : sampledPeak
  const { accepted, rejected, skipped, drafts, duplicateScans } = job.result as { accepted: number; rejected: number; skipped: number; drafts: number; duplicateScans: string[] }

  // The import queues a duplicate scan of the units it wrote to; it runs in the same server right after, so
  // its memory counts, and so does how long the server makes a request wait meanwhile (one poll at a time).
  t = performance.now()
  let longestAnswer = 0
  let pairs = 0
  for (const scanId of duplicateScans) {
    for (;; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const asked = performance.now()
      const scan = (await client.get(`/api/jobs/${scanId}`)).body as { status: string; error?: string; result?: { pairs: number } }
      longestAnswer = Math.max(longestAnswer, performance.now() - asked)
      if (scan.status === 'succeeded') {
        pairs += scan.result?.pairs ?? 0
        break
      }
      if (['failed', 'cancelled'].includes(scan.status)) throw new Error(`duplicate scan ${scan.status}: ${scan.error}`)
    }
  }
  clearInterval(sampler)
  const peak = exactPeak ? Math.max(server.memory().peak, sampledPeak) : sampledPeak
  console.log(`duplicate scan after the import: ${seconds(t).toFixed(1)} s, ${duplicateScans.length} job(s), ${pairs} pairs; longest answer to a progress request ${Math.round(longestAnswer)} ms; server peak RSS ${mb(peak)} MB (import alone ${mb(importPeak)} MB)`)
  if (accepted + rejected + skipped !== uploaded.analysis.rowCount) throw new Error(`rows lost: ${accepted} accepted + ${rejected} rejected + ${skipped} skipped ≠ ${uploaded.analysis.rowCount} rows`)
  console.log(`job: ${jobSeconds.toFixed(1)} s (${Math.round(rows / jobSeconds)} rows/s), accepted ${accepted} (drafts ${drafts}), rejected ${rejected}, skipped ${skipped}; CPU ${(server.cpuSeconds() - cpu).toFixed(1)} s server (all threads), ${pgCpu().postgres.toFixed(1)} s PostgreSQL`)
  console.log(`total: ${total.toFixed(1)} s for ${rows.toLocaleString('en')} rows`)
  console.log(`server memory: RSS ${mb(before)} MB before the upload, peak ${mb(peak)} MB during the import and its duplicate scan (${exactPeak ? 'kernel high-water mark' : 'sampled every 100 ms'}), ${mb(server.memory().rss)} MB after`)
  console.log(`import: ${Math.round(rows / total)} rows/s, server peak RSS ${mb(peak)} MB, rejected ${rejected} (${server.engine}, load ${os.loadavg()[0]?.toFixed(1)})`)
} finally {
  await server.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
