/// <reference lib="dom" />
/**
 * Keying effort: a scripted keyer (bench/lib/keyer.ts) keys a synthetic birth register through the
 * real workbench in Chromium, with the keyboard only, twice on the same entries:
 * - assisted: using what the workbench offers (carry-forward, số + 1, PageDown moving the trang số,
 *   compact dates, codes picked by their first letters, places and signers picked with ↓ from the
 *   list of values already in the book, Ctrl+Enter as soon as the rest is right);
 * - typing in full: the same screen opened with `?tro-giup=tat` (no carry-forward, no suggestion
 *   lists), every value typed in full, dates as dd.mm.yyyy, codes by their whole search text.
 * Every key press is counted (a chord such as Ctrl+Enter counts one; each character typed counts
 * one). The entries come from bench/lib/realistic-births.ts: names with a long tail, places from
 * the village to a far hospital, mothers without a named father, parents' birth years alone, the
 * signer and the officer changing during the year, so that the book's own repetition is all the
 * workbench can lean on. The saved entries are read back and compared with the script's data.
 *
 *   npm run bench:keying            (ENTRIES=50; KEYING_MODES=assisted,full)
 */
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { ensureWebBuilt, launchBrowser, ROOT } from '../e2e/harness'
import { BenchClient, startBenchServer, type BenchServer } from './lib/bench-server'
import { Keyer, keyEntry, type KeyingMode } from './lib/keyer'
import { Random } from './lib/random'
import { buildRealisticBirth } from './lib/realistic-births'
import { percentile } from './lib/stats'
import { loggedInPage, sessionCookie, syntheticScan, uploadScans } from './lib/ui'

const ENTRIES = Number(process.env.ENTRIES ?? 50)
const MODES = (process.env.KEYING_MODES ?? 'assisted,full').split(',') as KeyingMode[]
const YEAR = 2024
const PER_PAGE = 3

interface Run {
  keystrokes: number[]
  seconds: number[]
  latency: number[]
  saved: number
  mismatches: number
}

/** Keys `entries` into a new book, in one mode, and checks what the server saved. */
async function keyBook(server: BenchServer, browser: Browser, entries: readonly Record<string, string>[], mode: KeyingMode, volume: string): Promise<Run> {
  const officer = await BenchClient.login(server.url, 'tuphap.anphu')
  const me = (await officer.request('GET', '/api/auth/me')).body.user as { unit: { id: string } }
  const book = await officer.request('POST', '/api/books', { bookType: 'KS', volume, year: YEAR, issuingAuthority: 'UBND xã Quảng Lợi', custodianUnitId: me.unit.id })
  const bookId = String(book.body.id)
  const pageCount = Math.max(...entries.map((e) => Number(e.trangSo)))
  const scans = await Promise.all(Array.from({ length: pageCount }, (_, n) => syntheticScan(n + 1, `Sổ khai sinh ${volume}`)))
  await uploadScans(server.url, await sessionCookie(server.url, 'tuphap.anphu'), bookId, scans)

  const page = await loggedInPage(browser, server.url, 'tuphap.anphu')
  // What the keyer feels: from each key press to the next frame painted after it.
  await page.addInitScript(() => {
    const latency: number[] = []
    window.__latency = latency
    window.addEventListener('keydown', () => {
      const t0 = performance.now()
      requestAnimationFrame(() => setTimeout(() => latency.push(performance.now() - t0), 0))
    }, true)
  })
  await page.goto(`${server.url}/so/${bookId}/nhap${mode === 'full' ? '?tro-giup=tat' : ''}`)
  await page.getByTestId('page-image').waitFor()
  const keystrokes: number[] = []
  const seconds: number[] = []
  let previousPage = 1
  for (const target of entries) {
    // A new entry is on screen and the cursor in its first field to key.
    if (mode === 'assisted') {
      await page.waitForFunction((so) => document.querySelector('[data-testid="entry-heading"]')?.textContent?.includes(`Trường hợp số ${so}`) && document.activeElement?.id === 'ngayDangKy', target.so)
    } else {
      await page.waitForFunction(() => (document.getElementById('so') as HTMLInputElement | null)?.value === '' && (document.getElementById('nksHoTen') as HTMLInputElement | null)?.value === '' && document.activeElement?.id === 'so')
    }
    const keyer = new Keyer(page)
    const t0 = performance.now()
    const nextPage = Number(target.trangSo) !== previousPage
    previousPage = Number(target.trangSo)
    await keyEntry(page, keyer, target, YEAR, { mode, nextPage })
    if (mode === 'assisted') await page.waitForFunction((so) => document.querySelector('[data-testid="entry-heading"]')?.textContent?.includes(`Trường hợp số ${Number(so) + 1}`), target.so)
    else await page.waitForFunction(() => (document.getElementById('nksHoTen') as HTMLInputElement | null)?.value === '')
    seconds.push((performance.now() - t0) / 1000)
    keystrokes.push(keyer.keys)
    if (Number(target.so) % 10 === 0) console.log(`${mode}: ${target.so} entries keyed, last: ${keyer.keys} keystrokes, ${seconds.at(-1)?.toFixed(1)} s`)
  }

  // Every entry reached the server, exactly as the script meant it.
  const deadline = Date.now() + 60_000
  let saved: Array<{ id: string; so: number }> = []
  while (Date.now() < deadline) {
    saved = (await officer.request('GET', `/api/books/${bookId}/entries?pageSize=500`)).body.items as typeof saved
    if (saved.length >= entries.length) break
    await new Promise((r) => setTimeout(r, 500))
  }
  let mismatches = 0
  for (const target of entries) {
    const row = saved.find((s) => s.so === Number(target.so))
    const stored = row ? ((await officer.request('GET', `/api/entries/${row.id}`)).body.fields as Record<string, string>) : {}
    for (const key of new Set([...Object.keys(target), ...Object.keys(stored)])) {
      if ((target[key] ?? '') !== (stored[key] ?? '')) {
        mismatches++
        if (mismatches <= 10) console.log(`${mode}: mismatch số ${target.so} ${key}: keyed "${stored[key] ?? ''}", book "${target[key] ?? ''}"`)
      }
    }
  }
  const latency = await page.evaluate(() => window.__latency ?? [])
  await page.context().close()
  return { keystrokes, seconds, latency, saved: saved.length, mismatches }
}

async function main() {
  ensureWebBuilt()
  const server = await startBenchServer({ webDist: path.join(ROOT, 'apps/web/dist') })
  const browser = await launchBrowser()
  try {
    const random = new Random(20240101)
    const entries = Array.from({ length: ENTRIES }, (_, k) => buildRealisticBirth(random, k + 1, YEAR, 1 + Math.floor(k / PER_PAGE), { entriesInYear: ENTRIES }))
    const runs = new Map<KeyingMode, Run>()
    for (const [n, mode] of MODES.entries()) runs.set(mode, await keyBook(server, browser, entries, mode, `${String(n + 1).padStart(2, '0')}/${YEAR}`))
    const median = (xs: number[]) => percentile(xs, 50)
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
    console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, engine ${server.engine}`)
    for (const [mode, run] of runs) {
      console.log(`${mode}: ${ENTRIES} keyed, ${run.saved} saved, ${run.mismatches} field mismatches`)
      console.log(`${mode}: keystrokes per entry min ${Math.min(...run.keystrokes)}, median ${median(run.keystrokes)}, mean ${(total(run.keystrokes) / ENTRIES).toFixed(1)}, max ${Math.max(...run.keystrokes)}; total ${total(run.keystrokes)}`)
      console.log(`${mode}: seconds per entry (script speed, includes the UI's work) median ${median(run.seconds).toFixed(2)}, p95 ${percentile(run.seconds, 95).toFixed(2)}; key press to next frame p50 ${percentile(run.latency, 50).toFixed(1)} ms, p95 ${percentile(run.latency, 95).toFixed(1)} ms (${run.latency.length} presses)`)
      if (run.mismatches > 0 || run.saved !== ENTRIES) process.exitCode = 1
    }
    const a = runs.get('assisted')
    const f = runs.get('full')
    if (a && f) {
      const n = median(a.keystrokes)
      const m = median(f.keystrokes)
      console.log(`keying: median keystrokes per entry ${n} (typing in full through the same UI ${m}), reduction ${Math.round((100 * (m - n)) / m)}%, median ${median(a.seconds).toFixed(1)} s per entry`)
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
