/**
 * Excel import benchmark (issue 4): a generated KS file (synthetic people, MOJ template columns,
 * one row in `--bad-every` made invalid) goes through the real HTTP API of a fresh server: upload
 * (safety check + analysis), then the background import job (normalise, validate, batch insert,
 * audit), until the job has finished.
 *
 *   npm run bench:import -- --rows 100000 [--bad-every 100]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:import -- --rows 100000
 *
 * Last line: `import: R rows/s, peak RSS M MB, rejected K (engine)`; R counts the whole user-visible
 * import (upload + analysis + job), M is the peak resident memory of the process (server included)
 * sampled during the import.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Client } from '../apps/server/src/test/harness'
import { syntheticBirthRow, upload, waitForJob, writeXlsxFile } from '../apps/server/src/test/import-helpers'
import { BENCH_PASSWORD, startBenchServer } from './lib/bench-server'
import { cpuMeter } from './lib/cpu'

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, 'bad-every': { type: 'string', default: '100' } } })
const rows = Number(values.rows)
const badEvery = Number(values['bad-every'])
const seconds = (from: number) => (performance.now() - from) / 1000
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
/** Resident memory sampled while the import runs (the process peak also holds PGlite's own start-up). */
let importPeak = 0
const sampler = setInterval(() => (importPeak = Math.max(importPeak, process.memoryUsage().rss)), 100)
sampler.unref()

function* generated(): Generator<Record<string, string>> {
  for (let i = 1; i <= rows; i++) {
    const row = syntheticBirthRow(i, 2024)
    // A row without the child's name: set aside with its reason, as real files have some.
    if (badEvery > 0 && i % badEvery === 0) row.nksHoTen = ''
    yield row
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-bench-import-'))
const file = path.join(dir, `khai-sinh-${rows}.xlsx`)
let t = performance.now()
await writeXlsxFile(file, generated())
console.log(`file: ${rows.toLocaleString('en')} rows, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB, written in ${seconds(t).toFixed(1)} s`)

const server = await startBenchServer()
try {
  const client = new Client(server.url)
  const login = await client.post('/api/auth/login', { username: 'tuphap.anphu', password: BENCH_PASSWORD })
  if (login.status !== 200) throw new Error(`login: ${login.status}`)
  const bytes = fs.readFileSync(file)

  const before = process.memoryUsage().rss
  importPeak = before
  const started = performance.now()
  t = started
  const cpuOfUpload = cpuMeter()
  const uploaded = await upload(client, { bookType: 'KS' }, path.basename(file), bytes)
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${JSON.stringify(uploaded.body)}`)
  const analyseSeconds = seconds(t)
  console.log(`upload + analysis: ${analyseSeconds.toFixed(1)} s (${Math.round(rows / analyseSeconds)} rows/s), ${uploaded.body.analysis.rowCount} rows, layout ${uploaded.body.analysis.layout}`)

  const uploadCpu = cpuOfUpload()
  console.log(`  CPU: ${uploadCpu.node.toFixed(1)} s in Node`)
  t = performance.now()
  const cpuOfJob = cpuMeter()
  const start = await client.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
  if (start.status !== 202) throw new Error(`start: ${start.status} ${JSON.stringify(start.body)}`)
  const job = await waitForJob(client, start.body.jobId, 3_600_000)
  const jobSeconds = seconds(t)
  if (job.status !== 'succeeded') throw new Error(`job ${job.status}: ${job.error}`)
  const total = seconds(started)
  const jobCpu = cpuOfJob()
  console.log(`  CPU: ${jobCpu.node.toFixed(1)} s in Node (all threads), ${jobCpu.postgres.toFixed(1)} s in PostgreSQL processes`)
  const { accepted, rejected } = job.result as { accepted: number; rejected: number }
  console.log(`job: ${jobSeconds.toFixed(1)} s (${Math.round(rows / jobSeconds)} rows/s), accepted ${accepted}, rejected ${rejected}`)
  console.log(`total: ${total.toFixed(1)} s for ${rows.toLocaleString('en')} rows`)
  console.log(`memory: RSS ${mb(before)} MB before the upload, peak ${mb(importPeak)} MB during the import; process peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (includes the database start-up)`)
  console.log(`import: ${Math.round(rows / total)} rows/s, peak RSS ${mb(importPeak)} MB, rejected ${rejected} (${server.engine})`)
} finally {
  await server.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
