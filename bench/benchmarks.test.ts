/**
 * Each benchmark run at a tiny size as its own process, exactly as `npm run bench:NAME` runs it:
 * a benchmark that throws, exits non-zero or no longer prints its summary line fails here. Speed
 * is not asserted (benchmarks measure, tests check). keying, pages and review need Chromium: without it
 * they are skipped outside CI and fail in CI, as the end-to-end journeys do.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it, type ExpectStatic } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const inCi = process.env.CI === 'true' || process.env.CI === '1'
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const noBrowser = !fs.existsSync(chromium)

/** Runs `bench/NAME.ts` with the flags of its npm script; resolves with everything it printed. */
function runBenchmark(name: string, args: string[], env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // The tiny runs use PGlite: DATABASE_URL of the caller would point them at a shared server.
    const { DATABASE_URL: _ignored, ...baseEnv } = process.env
    const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', `bench/${name}.ts`, ...args], {
      cwd: ROOT,
      env: { ...baseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a test that times out kills the benchmark with its server and Chromium.
      detached: true,
    })
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    signal.addEventListener('abort', kill, { once: true })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, output }))
  })
}

async function expectSummary(expect: ExpectStatic, signal: AbortSignal, name: string, args: string[], env: NodeJS.ProcessEnv, summary: RegExp): Promise<void> {
  const { code, output } = await runBenchmark(name, args, env, signal)
  expect({ code, lastLine: output.trim().split('\n').at(-1) }, output).toMatchObject({ code: 0, lastLine: expect.stringMatching(summary) })
}

// Two at a time (bench/vitest.config.ts: maxConcurrency): most of each run is its server's start-up,
// which leaves the second core idle.
describe.concurrent('benchmarks at a tiny size', () => {
  it('import', ({ expect, signal }) => expectSummary(expect, signal, 'import', ['--rows', '400', '--per-book', '200'], {}, /^import: \d+ rows\/s, server peak RSS \d+ MB, rejected \d+ \(pglite/))

  it('export', ({ expect, signal }) => expectSummary(expect, signal, 'export', ['--entries', '20', '--images', '2'], {}, /^export: .* for 20 entries \(20 PDFs/))

  it('reconcile', ({ expect, signal }) => expectSummary(expect, signal, 'reconcile', ['--people', '1000', '--entries', '100'], {}, /^reconcile: precision \d+\.\d+%, recall \d+\.\d+%/))

  it('audit', ({ expect, signal }) => expectSummary(expect, signal, 'audit', ['--rows', '2000'], {}, /^audit: entity p95 [\d.]+ ms, page 1 p95 [\d.]+ ms, .* at 2000 rows \(pglite\)/))

  it('dedup', ({ expect, signal }) => expectSummary(expect, signal, 'dedup', ['--entries', '2000'], {}, /^dedup: precision [\d.]+%, recall [\d.]+%, \d+ entries\/s \(pglite\)$/))
  it('search', ({ expect, signal }) => expectSummary(expect, signal, 'search', ['--entries', '2000', '--queries', '50'], {}, /^search: p50 [\d.]+ ms, p95 [\d.]+ ms, recall [\d.]+% on 50 queries \(pglite\)$/))

  it('dashboard', ({ expect, signal }) => expectSummary(expect, signal, 'dashboard', ['--entries', '3000', '--units', '5', '--requests', '5'], {}, /^dashboard: p95 [\d.]+ ms for the province, p95 [\d.]+ ms for a commune \(pglite\)$/))

  it('revisions', ({ expect, signal }) => expectSummary(expect, signal, 'revisions', ['--transitions', '30'], {}, /^revisions: \d+ → \d+ B\/revision \(table\), transition row \d+ → \d+ B \(pglite\)$/))

  // The OCR reads only (--no-ui); the keystrokes with and without pre-fill need the full run.
  it('prefill', ({ expect, signal }) => expectSummary(expect, signal, 'prefill', ['--pages', '1', '--no-ui'], {}, /^prefill: field accuracy [\d.]+%, keystrokes n\/a per entry \(n\/a without pre-fill\), [\d.]+ s per page \((pglite|postgres)\)$/))

  it('save', ({ expect, signal }) => expectSummary(expect, signal, 'save', [], { BENCH_KEYERS: '3', BENCH_SAVES: '3', BENCH_THINK_MS: '20', BENCH_WARMUP: '2' }, /^save: p50 .* errors 0 \(pglite, concurrency 3\)/))

  describe.skipIf(noBrowser && !inCi)('in Chromium', () => {
    it('keying', async ({ expect, signal }) => {
      if (noBrowser) throw new Error(`Không thấy Chromium tại ${chromium}: bắt buộc trong CI`)
      await expectSummary(expect, signal, 'keying', [], { ENTRIES: '2' }, /^keying: median keystrokes per entry \d+/)
    })

    it('pages', async ({ expect, signal }) => {
      if (noBrowser) throw new Error(`Không thấy Chromium tại ${chromium}: bắt buộc trong CI`)
      await expectSummary(expect, signal, 'pages', [], { PAGES: '4', DWELL_MS: '20', NO_PRELOAD_SWITCHES: '2' }, /^pages: next page to visible image p50/)
    })

    it('review', async ({ expect, signal }) => {
      if (noBrowser) throw new Error(`Không thấy Chromium tại ${chromium}: bắt buộc trong CI`)
      await expectSummary(expect, signal, 'review', ['--entries', '5'], {}, /^review: median \d+ keystrokes and \d+\.\d+ s per entry checked, p95 approve \d+(\.\d+)? ms \(pglite\)$/)
    })

    it('bands', async ({ expect, signal }) => {
      if (noBrowser) throw new Error(`Không thấy Chromium tại ${chromium}: bắt buộc trong CI`)
      await expectSummary(expect, signal, 'bands', [], { ENTRIES: '3' }, /^bands: image operations [\d.]+ per entry \([\d.]+ without bands\), marking once \d+ operations, crops on the right row 3\/3/)
    })
  })
})
