/// <reference lib="dom" />
/**
 * OCR pre-fill, measured honestly (issue 16). Generates printed birth-register pages degraded like
 * scans (bench/lib/printed-pages.ts, kept apart from the tests' data), uploads them to a KS book
 * with OCR on, waits for the server's reads (job ocr.page), and measures:
 *
 * (a) field accuracy: a proposal counts right when it equals the truth after canonical form (dates
 *     parsed and written dd.mm.yyyy, codes resolved to what the form stores, text NFC with one
 *     tone placement, names title case); the denominator is every non-empty truth field the printed
 *     layout prints, so a missing proposal counts wrong. Per degradation level too; proposals for
 *     fields the page leaves blank are counted apart (the keyer has to clear them). Seconds per
 *     page from the reads' own ms (engine) and from the wall time of the whole batch.
 * (b) through the real UI with the keying bench's keyer (bench/lib/keyer.ts): the entries of the
 *     first pages keyed with pre-fill (a proposal accepted by passing over it, a wrong one typed
 *     over) and again in a book with OCR off, keystrokes per entry, and the saved entries compared
 *     with the truth.
 *
 *   npm run bench:prefill -- --pages 50 [--key-pages 6] [--seed 162026] [--no-ui] [--keep-pages DIR]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  canonicalName,
  canonicalText,
  formatPartialDate,
  getBookType,
  normalizeCharacters,
  parsePartialDate,
  resolveCode,
  storedCodeValue,
  type FieldDef,
  type PageOcrView,
} from '@hts/domain'
import type { Browser } from 'playwright-core'
import { ensureWebBuilt, launchBrowser, ROOT } from '../e2e/harness'
import { BenchClient, startBenchServer, type BenchServer } from './lib/bench-server'
import { Keyer, keyEntry } from './lib/keyer'
import { DEGRADATION_NAMES, generatePrintedPages, type Degradation, type PrintedPage } from './lib/printed-pages'
import { percentile } from './lib/stats'
import { loggedInPage, sessionCookie, uploadScans } from './lib/ui'

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '50' },
    'key-pages': { type: 'string' },
    seed: { type: 'string', default: '162026' },
    'no-ui': { type: 'boolean', default: false },
    'keep-pages': { type: 'string' },
  },
})
const PAGES = Number(args.pages)
/** BENCH_SHOW_WRONG=nguoiKy,noiDangKy prints each wrong proposal of those fields (diagnosis). */
const SHOW_WRONG = new Set((process.env.BENCH_SHOW_WRONG ?? '').split(',').filter(Boolean))
const KEY_PAGES = Math.min(PAGES, Number(args['key-pages'] ?? 6))
const YEAR = 2019
const KS = getBookType('KS')
const PRINTED_KEYS: readonly string[] = (KS.printedLayout?.sections ?? []).flatMap((s) => s.lines.flat().map((f) => f.key))
const fieldOf = (key: string): FieldDef | undefined => KS.fields.find((f) => f.key === key)

/** The form's canonical form of a value, applied alike to the truth and to the proposal. */
function canonical(key: string, value: string): string {
  const v = normalizeCharacters(value)
  const field = fieldOf(key)
  if (!field || v === '') return v
  switch (field.kind) {
    case 'partialDate': {
      const parsed = parsePartialDate(v)
      return parsed.ok ? formatPartialDate(parsed.value) : v
    }
    case 'code': {
      const item = field.codeList ? resolveCode(field.codeList, v) : undefined
      return item && field.codeList ? storedCodeValue(field.codeList, item) : v
    }
    case 'personName':
      return canonicalName(v)
    default:
      return canonicalText(v)
  }
}

interface Tally {
  right: number
  total: number
  /** Proposals for a field the page leaves blank. */
  extra: number
}
const tally = (): Tally => ({ right: 0, total: 0, extra: 0 })
const pct = (t: Tally) => (t.total === 0 ? 'n/a' : ((100 * t.right) / t.total).toFixed(1))

type Proposals = Map<string, string>

/**
 * Pairs the read entries of a page with its truth: by the số read when it is one of the page's,
 * the rest in page order (top to bottom), so that one entry missed does not shift all the others.
 */
function pairEntries(page: PrintedPage, read: PageOcrView): Array<Proposals | undefined> {
  const blocks = read.entries.filter((e) => !e.continued).map((e) => new Map(e.fields.map((f) => [f.key, f.value])))
  const out: Array<Proposals | undefined> = page.entries.map(() => undefined)
  const used = new Set<number>()
  page.entries.forEach((truth, i) => {
    const j = blocks.findIndex((b, k) => !used.has(k) && canonical('so', b.get('so') ?? '') === truth.so)
    if (j >= 0) {
      out[i] = blocks[j]
      used.add(j)
    }
  })
  const rest = blocks.filter((_, k) => !used.has(k))
  out.forEach((p, i) => {
    if (!p) out[i] = rest.shift()
  })
  return out
}

async function waitForReads(client: BenchClient, pageIds: readonly string[], timeoutMs: number): Promise<Map<string, PageOcrView>> {
  const reads = new Map<string, PageOcrView>()
  const deadline = Date.now() + timeoutMs
  while (reads.size < pageIds.length) {
    for (const id of pageIds) {
      if (reads.has(id)) continue
      const res = await client.request('GET', `/api/pages/${id}/ocr`)
      if (res.status !== 200) throw new Error(`GET /api/pages/${id}/ocr: ${res.status} ${JSON.stringify(res.body)}`)
      const view = res.body as unknown as PageOcrView
      if (view.status === 'done' || view.status === 'failed' || view.status === 'off') reads.set(id, view)
    }
    if (reads.size === pageIds.length) break
    if (Date.now() > deadline) throw new Error(`OCR: ${reads.size} of ${pageIds.length} pages read after ${Math.round(timeoutMs / 1000)} s`)
    await new Promise((r) => setTimeout(r, 1000))
  }
  return reads
}

async function createBook(client: BenchClient, volume: string): Promise<string> {
  const me = (await client.request('GET', '/api/auth/me')).body.user as { unit: { id: string } }
  const book = await client.request('POST', '/api/books', { bookType: 'KS', volume, year: YEAR, issuingAuthority: 'UBND xã Quảng Lợi', custodianUnitId: me.unit.id })
  if (book.status !== 201 && book.status !== 200) throw new Error(`POST /api/books: ${book.status} ${JSON.stringify(book.body)}`)
  return String(book.body.id)
}

async function setOcr(client: BenchClient, bookId: string, enabled: boolean): Promise<void> {
  const view = await client.request('GET', `/api/books/${bookId}/ocr`)
  if (view.status === 404 && !('id' in view.body)) throw new Error(`GET /api/books/:id/ocr answers 404: the OCR module (issue 16, server side) is not in this tree yet`)
  if (view.status !== 200) throw new Error(`GET /api/books/${bookId}/ocr: ${view.status} ${JSON.stringify(view.body)}`)
  if (view.body.enabled === enabled) return
  const put = await client.request('PUT', `/api/books/${bookId}/ocr`, { enabled, version: view.body.version })
  if (put.status !== 200) throw new Error(`PUT /api/books/${bookId}/ocr: ${put.status} ${JSON.stringify(put.body)}`)
}

interface UiRun {
  keystrokes: number[]
  /** OCR proposals the keyer found in the form (data-ocr="proposed"). */
  proposals: number
  mismatches: number
  saved: number
}

/** Keys the entries of `pages` into `bookId` through the workbench (assisted keyer) and checks the saves. */
async function keyThroughUi(server: BenchServer, browser: Browser, client: BenchClient, bookId: string, pages: readonly PrintedPage[], label: string, ocr: boolean): Promise<UiRun> {
  const page = await loggedInPage(browser, server.url, 'tuphap.anphu')
  await page.goto(`${server.url}/so/${bookId}/nhap`)
  await page.getByTestId('page-image').waitFor()
  const entries = pages.flatMap((p) => p.entries)
  const keystrokes: number[] = []
  let proposals = 0
  let previousPage = 1
  const ocrStatus = () => page.evaluate(() => `OCR line "${document.querySelector('[data-testid="ocr-page-status"]')?.textContent ?? '(none)'}", ${document.querySelectorAll('[data-ocr="proposed"]').length} proposals shown`)
  // With OCR on, the form is read once the page's read has arrived (the status line says done or
  // failed): proposals shown after the keyer looked would be passed over unseen.
  const settle = async () => {
    if (!ocr) return
    try {
      await page.waitForFunction(() => ['done', 'failed'].includes(document.querySelector('[data-testid="ocr-page-status"]')?.getAttribute('data-ocr-status') ?? ''), undefined, { timeout: 30_000 })
    } catch {
      throw new Error(`${label}: the page's OCR state never showed in the workbench (${await ocrStatus()})`)
    }
  }
  // The entry's heading shows số `so` (the workbench moved on after a save); else what the screen says.
  const heading = async (so: number, when: string) => {
    try {
      await page.waitForFunction((n) => document.querySelector('[data-testid="entry-heading"]')?.textContent?.includes(`Trường hợp số ${n}`), so)
    } catch {
      const seen = await page.evaluate(() => `heading "${document.querySelector('[data-testid="entry-heading"]')?.textContent ?? ''}", messages "${Array.from(document.querySelectorAll('.ant-message-notice'), (m) => m.textContent).join(' / ')}", active ${document.activeElement?.id ?? ''}`)
      throw new Error(`${label}: số ${so} never opened ${when} (${seen}; ${await ocrStatus()})`)
    }
  }
  for (const target of entries) {
    await heading(Number(target.so), 'before keying')
    // The cursor lands in the form once the entry is set up (and its proposals, if any, are shown).
    try {
      await page.waitForFunction(() => document.activeElement instanceof HTMLInputElement, undefined, { timeout: 15_000 })
    } catch {
      throw new Error(`${label}, số ${target.so}: the workbench left no field focused (active: ${await page.evaluate(() => `${document.activeElement?.tagName ?? ''}#${document.activeElement?.id ?? ''}`)}; ${await ocrStatus()})`)
    }
    const keyer = new Keyer(page)
    const nextPage = Number(target.trangSo) !== previousPage
    previousPage = Number(target.trangSo)
    try {
      proposals += (await keyEntry(page, keyer, target, YEAR, { mode: 'assisted', nextPage, settle })).proposals
    } catch (error) {
      throw new Error(`${label}, số ${target.so}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (${await ocrStatus()})`)
    }
    await heading(Number(target.so) + 1, `after số ${target.so} was saved with Ctrl+Enter`)
    keystrokes.push(keyer.keys)
  }
  const deadline = Date.now() + 60_000
  let saved: Array<{ id: string; so: number }> = []
  while (Date.now() < deadline) {
    saved = (await client.request('GET', `/api/books/${bookId}/entries?pageSize=500`)).body.items as typeof saved
    if (saved.length >= entries.length) break
    await new Promise((r) => setTimeout(r, 500))
  }
  let mismatches = 0
  for (const target of entries) {
    const row = saved.find((s) => s.so === Number(target.so))
    const stored = row ? ((await client.request('GET', `/api/entries/${row.id}`)).body.fields as Record<string, string>) : {}
    for (const key of new Set([...Object.keys(target), ...Object.keys(stored)])) {
      if ((target[key] ?? '') !== (stored[key] ?? '')) {
        mismatches++
        if (mismatches <= 10) console.log(`${label}: mismatch số ${target.so} ${key}: saved "${stored[key] ?? ''}", truth "${target[key] ?? ''}"`)
      }
    }
  }
  await page.context().close()
  return { keystrokes, mismatches, saved: saved.length, proposals }
}

async function main() {
  const t0 = performance.now()
  const pages = await generatePrintedPages({ pages: PAGES, seed: Number(args.seed), year: YEAR })
  const generated = (performance.now() - t0) / 1000
  const byLevel = new Map<Degradation, number>()
  for (const p of pages) byLevel.set(p.level, (byLevel.get(p.level) ?? 0) + 1)
  const entryCount = pages.reduce((n, p) => n + p.entries.length, 0)
  console.log(`generated ${PAGES} pages, ${entryCount} entries in ${generated.toFixed(1)} s (${[...byLevel].sort().map(([l, n]) => `${n} ${DEGRADATION_NAMES[l]}`).join(', ')})`)
  if (args['keep-pages']) {
    fs.mkdirSync(args['keep-pages'], { recursive: true })
    for (const p of pages) fs.writeFileSync(path.join(args['keep-pages'], `trang-${String(p.page).padStart(3, '0')}.jpg`), p.jpeg)
    fs.writeFileSync(path.join(args['keep-pages'], 'truth.json'), JSON.stringify(pages.map((p) => ({ page: p.page, level: p.level, notes: p.notes, entries: p.entries })), null, 1))
  }

  if (!args['no-ui']) ensureWebBuilt()
  const server = await startBenchServer(args['no-ui'] ? {} : { webDist: path.join(ROOT, 'apps/web/dist') })
  let browser: Browser | undefined
  try {
    const client = await BenchClient.login(server.url, 'tuphap.anphu')
    const cookie = await sessionCookie(server.url, 'tuphap.anphu')
    console.log(`server up (${server.engine}) after ${((performance.now() - t0) / 1000 - generated).toFixed(0)} s`)
    const bookId = await createBook(client, `01/${YEAR}`)
    await setOcr(client, bookId, true)
    const up0 = performance.now()
    await uploadScans(server.url, cookie, bookId, pages.map((p) => p.jpeg))
    console.log(`uploaded and rendered in ${((performance.now() - up0) / 1000).toFixed(0)} s; waiting for the OCR reads`)
    const listed = (await client.request('GET', `/api/books/${bookId}/pages?pageSize=500`)).body.items as Array<{ id: string; position: number }>
    const pageIds = [...listed].sort((a, b) => a.position - b.position).map((p) => p.id)
    const reads = await waitForReads(client, pageIds, 120_000 + PAGES * 30_000)
    const wall = (performance.now() - up0) / 1000

    // (a) Field accuracy against the truth, over every field the printed layout prints.
    const all = tally()
    const levels = new Map<Degradation, Tally>()
    const fields = new Map<string, Tally>()
    const ms: number[] = []
    let failed = 0
    pages.forEach((page, i) => {
      const read = reads.get(pageIds[i] ?? '')
      if (!read) return
      if (read.status !== 'done') failed++
      if (read.ms !== null) ms.push(read.ms)
      const level = levels.get(page.level) ?? tally()
      levels.set(page.level, level)
      const paired = pairEntries(page, read)
      page.entries.forEach((truth, k) => {
        const proposals = paired[k]
        for (const key of PRINTED_KEYS) {
          const want = truth[key] ?? ''
          const got = proposals?.get(key) ?? ''
          const perField = fields.get(key) ?? tally()
          fields.set(key, perField)
          if (want === '') {
            if (got.trim() !== '') for (const t of [all, level, perField]) t.extra++
            continue
          }
          const right = canonical(key, got) === canonical(key, want)
          if (!right && SHOW_WRONG.has(key)) console.log(`wrong ${key} (page ${page.page}, ${DEGRADATION_NAMES[page.level]}): want "${want}", got "${got}"`)
          for (const t of [all, level, perField]) {
            t.total++
            if (right) t.right++
          }
        }
      })
    })
    const engineSeconds = ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length / 1000 : NaN
    console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, engine ${server.engine}`)
    console.log(`OCR: ${reads.size} pages read (${failed} failed), engine ${engineSeconds.toFixed(2)} s per page mean, p95 ${(percentile(ms, 95) / 1000).toFixed(2)} s; wall ${wall.toFixed(0)} s for the batch (${(wall / PAGES).toFixed(2)} s per page, upload and rendering included)`)
    console.log(`field accuracy: ${pct(all)}% (${all.right}/${all.total}); proposals for blank fields: ${all.extra}`)
    for (const [level, t] of [...levels].sort(([a], [b]) => a - b)) console.log(`  ${DEGRADATION_NAMES[level]}: ${pct(t)}% (${t.right}/${t.total}), ${byLevel.get(level)} pages, blank-field proposals ${t.extra}`)
    const worst = [...fields].filter(([, t]) => t.total > 0).sort(([, a], [, b]) => a.right / a.total - b.right / b.total).slice(0, 8)
    console.log(`weakest fields: ${worst.map(([k, t]) => `${k} ${pct(t)}%`).join(', ')}`)

    // (b) Keystrokes through the real UI, with and without pre-fill, on the same entries.
    let keysWith = 'n/a'
    let keysWithout = 'n/a'
    if (args['no-ui']) console.log('UI: skipped (--no-ui)')
    else {
      browser = await launchBrowser()
      try {
        const keyed = pages.slice(0, KEY_PAGES)
        const withOcr = await keyThroughUi(server, browser, client, bookId, keyed, 'with pre-fill', true)
        const plainId = await createBook(client, `02/${YEAR}`)
        await setOcr(client, plainId, false)
        await uploadScans(server.url, cookie, plainId, keyed.map((p) => p.jpeg))
        const without = await keyThroughUi(server, browser, client, plainId, keyed, 'without pre-fill', false)
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
        for (const [label, run] of [['with pre-fill', withOcr], ['without pre-fill', without]] as const) {
          console.log(`${label}: ${run.keystrokes.length} entries keyed, ${run.saved} saved, ${run.mismatches} field mismatches with the truth; keystrokes per entry mean ${mean(run.keystrokes).toFixed(1)}, median ${percentile(run.keystrokes, 50)} (by số: ${run.keystrokes.join(' ')}); ${run.proposals} OCR proposals shown`)
          if (run.mismatches > 0) process.exitCode = 1
        }
        keysWith = mean(withOcr.keystrokes).toFixed(1)
        keysWithout = mean(without.keystrokes).toFixed(1)
      } catch (error) {
        // (a) stands on its own: say plainly that (b) was not measured, never print a made-up count.
        console.log(`UI: keying with and without pre-fill NOT measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
        process.exitCode = 1
      }
    }
    console.log(`prefill: field accuracy ${pct(all)}%, keystrokes ${keysWith} per entry (${keysWithout} without pre-fill), ${engineSeconds.toFixed(2)} s per page (${server.engine})`)
  } finally {
    await browser?.close()
    await server.close()
  }
}

await main()
