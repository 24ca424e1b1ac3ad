// `npm test`: every test, on both engines. 1) domain + server on embedded PGlite; 2) server again on
// PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres); 3) end-to-end in
// Chromium; 4) every benchmark at a tiny size. Outside CI a missing PostgreSQL or Chromium is
// reported and skipped; in CI it fails.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// The same test as apps/server/src/test/ci.ts (isCi), which this plain script cannot import.
const inCi = process.env.CI === 'true' || process.env.CI === '1'
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-test-report-'))
const totals = { passed: 0, failed: 0, skipped: 0 }
// Failures are repeated at the very end: a CI log is often read from its tail.
const failures = []
let failedRuns = 0

function run(label, args, env = {}) {
  console.log(`\n=== ${label} ===`)
  const report = path.join(reports, `${label.replace(/\W+/g, '-')}.json`)
  const { DATABASE_URL: _ignored, ...baseEnv } = process.env
  const result = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...baseEnv, ...env },
  })
  if (fs.existsSync(report)) {
    const summary = JSON.parse(fs.readFileSync(report, 'utf8'))
    totals.passed += summary.numPassedTests
    totals.failed += summary.numFailedTests
    totals.skipped += summary.numPendingTests + (summary.numTodoTests ?? 0)
    for (const file of summary.testResults ?? []) {
      for (const test of file.assertionResults ?? []) {
        if (test.status !== 'failed') continue
        const message = (test.failureMessages ?? []).join('\n').split('\n').slice(0, 6).join('\n')
        failures.push(`[${label}] ${path.relative(root, file.name)} > ${test.fullName}\n${message}`)
      }
    }
  }
  if (result.status !== 0) failedRuns++
}

function skipOrFail(what) {
  if (inCi) {
    console.error(`\n${what}: bắt buộc trong CI.`)
    failedRuns++
  } else {
    console.warn(`\n!!! ${what}: bỏ qua phần này (ngoài CI).`)
  }
}

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

run('PGlite: domain + server', [])
if (await postgresAnswers()) run('PostgreSQL: server', ['--project', 'server'], { DATABASE_URL: pgUrl })
else skipOrFail(`Không kết nối được PostgreSQL tại ${pgUrl}`)

if (fs.existsSync(chromium)) {
  const build = spawnSync('npm', ['run', 'build', '-w', '@hts/web'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) failedRuns++
  else run('End-to-end: Chromium', ['--config', 'e2e/vitest.config.ts'])
} else skipOrFail(`Không thấy Chromium tại ${chromium}`)

// 4) Every benchmark at a tiny size (bench/benchmarks.test.ts, about a minute): they only have to
// finish, so none of them rots between measurement sessions. After the web build (keying, pages).
run('Benchmarks: tiny runs', ['--config', 'bench/vitest.config.ts'])

fs.rmSync(reports, { recursive: true, force: true })
if (failures.length > 0) console.log(`\n=== Failed ===\n${failures.join('\n\n')}`)
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(failedRuns > 0 || totals.failed > 0 ? 1 : 0)
