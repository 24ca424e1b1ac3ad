/// <reference lib="dom" />
/**
 * Review effort: a digitizer (sohoa.anphu) keys and completes a synthetic birth register over HTTP,
 * beside its page scans; a tenth of the entries carry a slip in a name (a tone mark, a letter, a
 * dropped middle name) that the script knows the truth of. The commune's justice officer
 * (tuphap.anphu) then works through "Kiểm tra" in headless Chromium, keyboard only: Enter opens the
 * oldest entry; a right entry is approved with Ctrl+Enter (approve and next); a wrong one is reached
 * with Tab, corrected with the fewest keys, and Ctrl+Enter saves the correction and approves it in
 * one PUT. Every key press counts one (a chord counts one, each character typed counts one). An
 * entry counts as shown when its fields, its actions and its page image (loaded) are on screen; the
 * time per entry runs from one entry shown to the next, the approve latency from the key press to
 * the response. At the end every entry is read back: approved, holding the book's values.
 *
 *   npm run bench:review -- --entries 200 [--errors 0.1] [--seed 20240101]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:review
 */
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { ensureWebBuilt, launchBrowser, ROOT } from '../e2e/harness'
import { BenchClient, startBenchServer } from './lib/bench-server'
import { buildSyntheticBirth } from './lib/birth-entries'
import { accentTypo, typo } from './lib/corruptions'
import { Random } from './lib/random'
import { percentile, round1 } from './lib/stats'
import { loggedInPage, sessionCookie, syntheticScan, uploadScans } from './lib/ui'

const { values: args } = parseArgs({ options: { entries: { type: 'string', default: '200' }, errors: { type: 'string', default: '0.1' }, seed: { type: 'string', default: '20240101' } } })
const ENTRIES = Number(args.entries)
const ERROR_RATE = Number(args.errors)
const YEAR = 2024
/** Name fields a slip goes into, and how often each (the child's name is read most closely by the keyer). */
const SLIP_FIELDS = ['nksHoTen', 'nksHoTen', 'meHoTen', 'chaHoTen'] as const
/** Share of entries the keyer marked with an illegible field: highlighted on the review screen, right all the same. */
const ILLEGIBLE_RATE = 0.05
const TIMEOUT = 30_000

type Fields = Record<string, string>
interface Keyed { id: string; truth: Fields; keyed: Fields; pageId: string; slip: string | null }

/** A slip of the keyer in a name: a wrong tone mark, a letter substituted, dropped or swapped, a middle name left out. */
function slipIn(random: Random, name: string): string {
  const words = name.split(' ')
  const kind = random.next()
  if (kind < 0.15 && words.length > 2) return [words[0], ...words.slice(2)].join(' ')
  return kind < 0.55 ? accentTypo(random, name) : typo(random, name)
}

/** Fewest key presses from a focused field holding `have` to `want`: retype it, or edit from one end. */
function editPlan(have: string, want: string, allSelected: boolean): string[] {
  const a = [...have]
  const b = [...want]
  let p = 0
  while (p < a.length && p < b.length && a[p] === b[p]) p++
  let s = 0
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++
  const inserted = b.slice(p, b.length - s)
  const removed = a.length - p - s
  const plans = [
    [...(allSelected ? [] : ['Control+A']), ...b],
    ['End', ...Array<string>(s).fill('ArrowLeft'), ...Array<string>(removed).fill('Backspace'), ...inserted],
    ['Home', ...Array<string>(p).fill('ArrowRight'), ...Array<string>(removed).fill('Delete'), ...inserted],
  ]
  return plans.reduce((best, plan) => (plan.length < best.length ? plan : best))
}

/** The checker's keyboard: every press counted (a chord one, a character one), Tabs apart. */
class Checker {
  keys = 0
  tabs = 0
  constructor(private readonly page: Page) {}

  async press(key: string) {
    await this.page.keyboard.press(key)
    this.keys++
  }

  /** Tab until the field has the focus, as a checker without a mouse gets there. */
  async tabTo(id: string) {
    for (let n = 0; n < 150; n++) {
      if ((await this.page.evaluate(() => document.activeElement?.id ?? '')) === id) return
      await this.press('Tab')
      this.tabs++
    }
    throw new Error(`Tab did not reach #${id} in 150 presses`)
  }

  async correct(id: string, have: string, want: string) {
    await this.tabTo(id)
    const allSelected = await this.page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement
      return el.selectionStart === 0 && el.selectionEnd === el.value.length && el.value.length > 0
    })
    for (const key of editPlan(have, want, allSelected)) {
      if (key.length > 1) await this.press(key)
      else {
        await this.page.keyboard.type(key)
        this.keys++
      }
    }
    try {
      await this.page.waitForFunction(([key, value]) => (document.getElementById(key) as HTMLInputElement | null)?.value === value, [id, want] as const, { timeout: 5000 })
    } catch {
      throw new Error(`#${id} holds "${await this.page.locator(`#${id}`).inputValue()}" after the correction, not "${want}"`)
    }
  }
}

/**
 * Waits until the review screen shows an entry other than `previous` with its actions and its page
 * image loaded, or the queue is empty (id 'done'); `at` is when the page saw it (epoch ms, the page's
 * clock: the script's own process also runs the server, which can delay what it hears from the page).
 * A refusal on screen fails at once.
 */
async function nextShown(page: Page, previous: string | null): Promise<{ id: string; at: number }> {
  const handle = await page.waitForFunction((prev) => {
    const refusal = document.querySelector('[data-testid="review-refusal"]')
    if (refusal) return `refused: ${refusal.textContent ?? ''}`
    const screen = document.querySelector('[data-testid="review-screen"]')
    const at = performance.timeOrigin + performance.now()
    if (!screen) return document.querySelector('[data-testid="review-queue"]')?.textContent?.includes('Không có trường hợp nào') ? { id: 'done', at } : false
    const id = screen.getAttribute('data-entry-id')
    if (!id || id === prev || !document.querySelector('[data-testid="review-main"]')) return false
    const img = document.querySelector<HTMLImageElement>('[data-testid="page-image"]')
    return img?.complete && img.naturalWidth > 0 ? { id, at } : false
  }, previous, { timeout: TIMEOUT })
  const shown = await handle.jsonValue()
  if (typeof shown !== 'object') throw new Error(`the server refused: ${String(shown)}`)
  return shown
}

async function main() {
  if (!Number.isInteger(ENTRIES) || ENTRIES < 1) throw new Error('--entries must be a positive integer')
  const loadAtStart = os.loadavg()
  ensureWebBuilt()
  const server = await startBenchServer({ webDist: path.join(ROOT, 'apps/web/dist') })
  const browser = await launchBrowser()
  try {
    // A book with its scans; the digitizer keys and completes every entry, linked to its page.
    const setupStart = performance.now()
    const officer = await BenchClient.login(server.url, 'tuphap.anphu')
    const keyer = await BenchClient.login(server.url, 'sohoa.anphu')
    const me = (await officer.request('GET', '/api/auth/me')).body.user as { unit: { id: string } }
    const keyerId = String(((await keyer.request('GET', '/api/auth/me')).body.user as { id: string }).id)
    const book = await officer.request('POST', '/api/books', { bookType: 'KS', volume: `01/${YEAR}`, year: YEAR, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })
    const bookId = String(book.body.id)
    const assigned = await officer.request('POST', `/api/books/${bookId}/assignments`, { userId: keyerId })
    if (assigned.status >= 300) throw new Error(`assignment: ${assigned.status} ${JSON.stringify(assigned.body)}`)
    const random = new Random(Number(args.seed))
    const truths = Array.from({ length: ENTRIES }, (_, k) => buildSyntheticBirth(random, k + 1, YEAR))
    const pageCount = Math.max(...truths.map((e) => Number(e.trangSo)))
    const scans = await Promise.all(Array.from({ length: pageCount }, (_, n) => syntheticScan(n + 1, `Sổ khai sinh 01/${YEAR}`)))
    await uploadScans(server.url, await sessionCookie(server.url, 'tuphap.anphu'), bookId, scans)
    const pages = ((await officer.request('GET', `/api/books/${bookId}/pages`)).body.items as Array<{ id: string; position: number }>)
    const pageAt = new Map(pages.map((p) => [p.position, p.id]))

    // Which entries carry a slip: a fixed count spread at random (at least one, so that the path is always run).
    const slipped = new Set<number>()
    const slipCount = Math.min(ENTRIES, Math.max(1, Math.round(ENTRIES * ERROR_RATE)))
    while (slipped.size < slipCount) slipped.add(random.int(0, ENTRIES - 1))
    const byId = new Map<string, Keyed>()
    for (const [k, truth] of truths.entries()) {
      const keyed = { ...truth }
      let slip: string | null = null
      if (slipped.has(k)) {
        slip = random.pick(SLIP_FIELDS)
        keyed[slip] = slipIn(random, truth[slip] ?? '')
        if (keyed[slip] === truth[slip]) throw new Error(`no slip made in "${truth[slip]}"`)
      }
      const pageId = pageAt.get(Number(truth.trangSo))
      if (!pageId) throw new Error(`no page ${truth.trangSo}`)
      const illegible = random.chance(ILLEGIBLE_RATE) ? { illegibleFields: [random.pick(['meNoiCuTru', 'chaNoiCuTru', 'meNgaySinh'])] } : {}
      const created = await keyer.request('POST', `/api/books/${bookId}/entries`, { fields: keyed, pageIds: [pageId], complete: true, ...illegible })
      if (created.status !== 201 || created.body.status !== 'keyed') throw new Error(`keying số ${truth.so}: ${created.status} ${JSON.stringify(created.body)}`)
      byId.set(String(created.body.id), { id: String(created.body.id), truth, keyed, pageId, slip })
    }
    console.log(`setup: ${ENTRIES} entries keyed and completed by sohoa.anphu on ${pageCount} scanned pages in ${((performance.now() - setupStart) / 1000).toFixed(1)} s; ${slipCount} with a wrong name (${[...byId.values()].filter((e) => e.slip).map((e) => `số ${e.truth.so} ${e.slip}: "${e.keyed[e.slip ?? '']}" for "${e.truth[e.slip ?? '']}"`).slice(0, 3).join('; ')}${slipCount > 3 ? '; …' : ''})`)

    // The checker: "Kiểm tra", Enter on the oldest entry, then through the queue.
    const page = await loggedInPage(browser, server.url, 'tuphap.anphu')
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    // When the page saw the last Ctrl+Enter (epoch ms, the clock of the request timings).
    await page.addInitScript(() => window.addEventListener('keydown', (e) => {
      if (e.ctrlKey && e.key === 'Enter') window.__approveKeyAt = performance.timeOrigin + e.timeStamp
    }, true))
    await page.goto(`${server.url}/kiem-tra`)
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'review-start', undefined, { timeout: TIMEOUT })
    await page.keyboard.press('Enter')
    const openingKeys = 1

    const rows: Array<{ right: boolean; keys: number; tabs: number; seconds: number; approveMs: number; requestMs: number; keyToSendMs: number; waitMs: number }> = []
    const seen = new Set<string>()
    let { id: current, at: shownAt } = await nextShown(page, null)
    while (current !== 'done') {
      const entry = byId.get(current)
      if (!entry) throw new Error(`the queue opened an entry the benchmark did not key: ${current}`)
      if (seen.has(current)) throw new Error(`entry số ${entry.truth.so} shown twice`)
      seen.add(current)
      const shownPage = await page.getByTestId('page-image').getAttribute('data-page-id')
      if (shownPage !== entry.pageId) throw new Error(`số ${entry.truth.so}: the screen shows page ${shownPage}, not its page ${entry.pageId}`)
      const checker = new Checker(page)
      let request: { method: string; path: string }
      if (entry.slip) {
        await checker.correct(entry.slip, entry.keyed[entry.slip] ?? '', entry.truth[entry.slip] ?? '')
        request = { method: 'PUT', path: `/api/entries/${entry.id}` }
      } else request = { method: 'POST', path: `/api/entries/${entry.id}/transitions` }
      const response = page.waitForResponse((r) => r.request().method() === request.method && new URL(r.url()).pathname === request.path, { timeout: TIMEOUT })
      await checker.press('Control+Enter')
      const answered = await response
      await answered.finished()
      // In the page's clock: from the keydown to the last byte of the answer, and the request's own part.
      const timing = answered.request().timing()
      const keyAt = await page.evaluate(() => window.__approveKeyAt ?? Number.NaN)
      const approveMs = timing.startTime + timing.responseEnd - keyAt
      const requestMs = timing.responseEnd - Math.max(0, timing.requestStart)
      const keyToSendMs = timing.startTime + Math.max(0, timing.requestStart) - keyAt
      if (!(approveMs > 0)) throw new Error(`số ${entry.truth.so}: no timing of the approve request (${JSON.stringify(timing)}, key at ${keyAt})`)
      if (answered.status() !== 200) throw new Error(`số ${entry.truth.so}: ${request.method} ${request.path} answered ${answered.status()} ${await answered.text()}`)
      const next = await nextShown(page, current)
      rows.push({ right: !entry.slip, keys: checker.keys, tabs: checker.tabs, seconds: (next.at - shownAt) / 1000, approveMs, requestMs, keyToSendMs, waitMs: next.at - keyAt })
      ;({ id: current, at: shownAt } = next)
      if (rows.length % 50 === 0) console.log(`${rows.length} entries checked, last: ${checker.keys} keys, ${rows.at(-1)?.seconds.toFixed(2)} s, approve ${approveMs.toFixed(0)} ms`)
    }

    // Every entry approved and holding the book's values (the corrections included), read over HTTP.
    const problems: string[] = []
    if (rows.length !== ENTRIES) problems.push(`${rows.length} entries checked through the queue, ${ENTRIES} keyed`)
    for (const entry of byId.values()) {
      const stored = (await officer.request('GET', `/api/entries/${entry.id}`)).body as { status: string; fields: Fields }
      if (stored.status !== 'approved') problems.push(`số ${entry.truth.so}: ${stored.status}, not approved`)
      for (const key of new Set([...Object.keys(entry.truth), ...Object.keys(stored.fields ?? {})])) {
        if ((entry.truth[key] ?? '') !== (stored.fields?.[key] ?? '')) problems.push(`số ${entry.truth.so} ${key}: "${stored.fields?.[key] ?? ''}", the book says "${entry.truth[key] ?? ''}"`)
      }
    }
    if (pageErrors.length > 0) problems.push(...pageErrors.map((e) => `page error: ${e}`))
    if (problems.length > 0) throw new Error(`review benchmark: ${problems.length} problems\n${problems.slice(0, 20).join('\n')}`)

    const right = rows.filter((r) => r.right)
    const fixed = rows.filter((r) => !r.right)
    const med = (xs: number[]) => percentile(xs, 50)
    const range = (xs: number[]) => (xs.length === 0 ? 'none' : `median ${med(xs)} (${Math.min(...xs)}-${Math.max(...xs)})`)
    const ms = (xs: number[]) => `p50 ${round1(percentile(xs, 50))} ms, p95 ${round1(percentile(xs, 95))} ms, max ${round1(Math.max(...xs))} ms`
    const s = (xs: number[]) => `median ${med(xs).toFixed(2)} s, p95 ${percentile(xs, 95).toFixed(2)} s`
    console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load at start ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}, at end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, engine ${server.engine}`)
    console.log(`entries: ${rows.length} checked and approved, ${fixed.length} corrected first; all verified through the API (status and every field)`)
    console.log(`keystrokes per entry (opening the queue: ${openingKeys}): right ${range(right.map((r) => r.keys))}; corrected ${range(fixed.map((r) => r.keys))}, of which Tab to reach the field ${range(fixed.map((r) => r.tabs))} (with a mouse click there instead: ${range(fixed.map((r) => r.keys - r.tabs + 1))} actions)`)
    console.log(`seconds per entry, shown to next shown (script speed, includes the UI's work): all ${s(rows.map((r) => r.seconds))}; right ${s(right.map((r) => r.seconds))}; corrected ${s(fixed.map((r) => r.seconds))}`)
    console.log(`approve, key press to response (in the page): all ${ms(rows.map((r) => r.approveMs))}; approve (POST transitions) ${ms(right.map((r) => r.approveMs))}; correct and approve (PUT) ${ms(fixed.map((r) => r.approveMs))}`)
    console.log(`what the checker waits for, Ctrl+Enter to the next entry shown with its page (in the page): ${ms(rows.map((r) => r.waitMs))}`)
    console.log(`in the page: key press to request sent ${ms(rows.map((r) => r.keyToSendMs))}; request sent to answered ${ms(rows.map((r) => r.requestMs))}`)
    console.log(`review: median ${med(rows.map((r) => r.keys))} keystrokes and ${med(rows.map((r) => r.seconds)).toFixed(2)} s per entry checked, p95 approve ${round1(percentile(rows.map((r) => r.approveMs), 95))} ms (${server.engine})`)
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
