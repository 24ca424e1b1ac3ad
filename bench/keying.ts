/// <reference lib="dom" />
/**
 * Keying effort: a scripted keyer keys a 50-entry synthetic birth register through the real
 * workbench in Chromium, with the keyboard only, using what the workbench offers (carry-forward,
 * số + 1, PageDown moving the trang số, compact dates, codes picked by their first letters, places
 * and signers picked with ↓ from the list of values already in the book, Ctrl+Enter as soon as
 * the rest is right). Every key press is counted (a chord such as Ctrl+Enter counts one; each
 * character typed counts one). "Typing in full" is the same entries typed field by field: every character of every non-empty
 * value, one Tab per field and one save. The saved entries are then read back and compared with
 * the script's data, so fewer keystrokes never means different data.
 *
 *   npm run bench:keying            (ENTRIES=50)
 */
import os from 'node:os'
import path from 'node:path'
import { CODE_LISTS, storedCodeValue, type FieldDef } from '@hts/domain'
import type { Page } from 'playwright-core'
import { matchSuggestions } from '../apps/web/src/features/entries/suggestions'
import { keyingLayout } from '../apps/web/src/features/workbench/layouts'
import { ensureWebBuilt, launchBrowser, ROOT } from '../e2e/harness'
import { BenchClient, startBenchServer } from './lib/bench-server'
import { buildSyntheticBirth } from './lib/birth-entries'
import { Random } from './lib/random'
import { percentile } from './lib/stats'
import { loggedInPage, sessionCookie, syntheticScan, uploadScans } from './lib/ui'

const ENTRIES = Number(process.env.ENTRIES ?? 50)
const YEAR = 2024
const order: FieldDef[] = keyingLayout('KS').sections.flatMap((s) => s.fields)

/** What a keyer types for a date: "5.1" in the registration date (year of the previous entry), ddmmyy, or as written. */
function compactDate(value: string, key: string, year: number): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value)
  if (!m) return value
  const [, dd = '', mm = '', yyyy = ''] = m
  if (key === 'ngayDangKy' && Number(yyyy) === year) return `${Number(dd)}.${Number(mm)}`
  const now = new Date().getFullYear()
  return Number(yyyy) > now - 99 && Number(yyyy) <= now ? `${dd}${mm}${yyyy.slice(2)}` : `${dd}${mm}${yyyy}`
}

class Keyer {
  keys = 0
  constructor(private readonly page: Page) {}

  async press(key: string) {
    await this.page.keyboard.press(key)
    this.keys++
  }

  async type(text: string) {
    for (const ch of text) await this.page.keyboard.type(ch)
    this.keys += [...text].length
  }

  value(id: string) {
    return this.page.locator(`#${id}`).inputValue()
  }

  /** Letters of the item's name until the list's first match is the item, then Enter picks it. */
  async pickCode(field: FieldDef, stored: string) {
    const item = (CODE_LISTS[field.codeList ?? 'gioiTinh'] ?? []).find((i) => storedCodeValue(field.codeList ?? 'gioiTinh', i) === stored)
    if (!item) throw new Error(`${field.key}: no code item for "${stored}"`)
    const first = this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first()
    const search = /^\d+$/.test(item.code) ? item.code : item.label.toLocaleLowerCase('vi')
    for (const ch of search) {
      await this.type(ch)
      await first.waitFor()
      if ((await first.innerText()).trim().endsWith(` - ${item.label}`)) break
    }
    await this.press('Enter')
  }

  /**
   * The suggestions the list under a suggestion box shows once it follows `typed`, top first: only
   * those on screen, since the keyer picks what they see. Waits until the box holds `typed` and the
   * list is the one suggestions.ts makes for it (every item matches, in its order), so that a list
   * not yet filtered under load never decides.
   */
  private async shownSuggestions(id: string, typed: string): Promise<string[]> {
    for (let tries = 0; ; tries++) {
      const { value, shown } = await this.page.evaluate((key) => ({
        value: (document.getElementById(key) as HTMLInputElement | null)?.value ?? '',
        shown: Array.from(document.getElementById(`${key}-suggestions`)?.querySelectorAll('[role="option"]') ?? [], (li) => li.firstChild?.textContent ?? ''),
      }), id)
      if (value === typed && matchSuggestions(typed, shown).join('\n') === shown.join('\n')) return shown
      if (tries >= 250) throw new Error(`${id}: the suggestion list does not follow "${typed}" (box "${value}", list ${JSON.stringify(shown)})`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  /**
   * A suggestion box: typing never changes the text, so the keyer types the shortest prefix after
   * which the list shows the value, presses ↓ until it is highlighted (the box then shows it) and
   * Enter; a value the list never shows is typed in full, then Enter.
   */
  async typeOrPickSuggestion(id: string, target: string) {
    const chars = [...target]
    for (let n = 1; n <= chars.length; n++) {
      await this.type(chars[n - 1] ?? '')
      const at = (await this.shownSuggestions(id, chars.slice(0, n).join(''))).indexOf(target)
      if (at < 0) continue
      for (let k = 0; k <= at; k++) await this.press('ArrowDown')
      break
    }
    try {
      await this.page.waitForFunction(([key, want]) => (document.getElementById(key) as HTMLInputElement | null)?.value === want, [id, target] as const, { timeout: 5000 })
    } catch {
      throw new Error(`${id}: the box shows "${await this.value(id)}", not "${target}", before Enter`)
    }
    await this.press('Enter')
  }
}

/** What each field shows (a code list: nothing, its input holds only the search), and which fields are suggestion boxes. */
async function currentValues(page: Page): Promise<{ values: Record<string, string>; suggest: Set<string> }> {
  const fields = await page.evaluate((keys) => keys.map((k) => {
    const el = document.getElementById(k)
    const suggest = el?.hasAttribute('data-suggest-input') ?? false
    const isSelect = el?.getAttribute('role') === 'combobox' && !suggest
    return { k, suggest, value: isSelect ? '' : (el as HTMLInputElement | null)?.value ?? '' }
  }), order.map((f) => f.key))
  return { values: Object.fromEntries(fields.map((f) => [f.k, f.value])), suggest: new Set(fields.filter((f) => f.suggest).map((f) => f.k)) }
}

async function keyEntry(page: Page, keyer: Keyer, target: Record<string, string>, year: number) {
  const { values, suggest } = await currentValues(page)
  // Nothing typed yet: PageDown moves the entry (and its trang số) to the next page.
  if (target.trangSo && values.trangSo !== target.trangSo && Number(target.trangSo) === Number(values.trangSo) + 1) {
    await keyer.press('PageDown')
    await page.waitForFunction((t) => (document.getElementById('trangSo') as HTMLInputElement).value === t, target.trangSo)
    values.trangSo = target.trangSo
  }
  const done = (i: number) => order.slice(i).every((f) => (values[f.key] ?? '') === (target[f.key] ?? ''))
  const active = await page.evaluate(() => document.activeElement?.id ?? '')
  let i = order.findIndex((f) => f.key === active)
  const firstWrong = order.findIndex((f) => (values[f.key] ?? '') !== (target[f.key] ?? ''))
  for (; firstWrong >= 0 && i > firstWrong; i--) await keyer.press('Shift+Enter')
  for (; i < order.length && !done(i); i++) {
    const field = order[i] as FieldDef
    const want = target[field.key] ?? ''
    const have = values[field.key] ?? ''
    if (have === want) await keyer.press('Enter')
    else if (want === '') {
      await keyer.press('Backspace')
      await keyer.press('Enter')
    } else if (field.kind === 'code') await keyer.pickCode(field, want)
    else if (field.kind === 'partialDate') {
      await keyer.type(compactDate(want, field.key, year))
      await keyer.press('Enter')
    } else if (suggest.has(field.key)) await keyer.typeOrPickSuggestion(field.key, want)
    else {
      await keyer.type(want)
      await keyer.press('Enter')
    }
    values[field.key] = want
  }
  await keyer.press('Control+Enter')
}

/** Typing in full: every character of every non-empty value, a Tab after each field, one save. */
const fullTyping = (fields: Record<string, string>) => Object.values(fields).filter((v) => v !== '').reduce((n, v) => n + [...v].length + 1, 0) + 1

async function main() {
  ensureWebBuilt()
  const server = await startBenchServer({ webDist: path.join(ROOT, 'apps/web/dist') })
  const browser = await launchBrowser()
  try {
    const officer = await BenchClient.login(server.url, 'tuphap.anphu')
    const me = (await officer.request('GET', '/api/auth/me')).body.user as { unit: { id: string } }
    const book = await officer.request('POST', '/api/books', { bookType: 'KS', volume: `01/${YEAR}`, year: YEAR, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })
    const bookId = String(book.body.id)
    const random = new Random(20240101)
    const entries = Array.from({ length: ENTRIES }, (_, k) => buildSyntheticBirth(random, k + 1, YEAR))
    const pageCount = Math.max(...entries.map((e) => Number(e.trangSo)))
    const scans = await Promise.all(Array.from({ length: pageCount }, (_, n) => syntheticScan(n + 1, `Sổ khai sinh 01/${YEAR}`)))
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
    await page.goto(`${server.url}/so/${bookId}/nhap`)
    await page.getByTestId('page-image').waitFor()
    const keystrokes: number[] = []
    const seconds: number[] = []
    for (const target of entries) {
      await page.waitForFunction((so) => document.querySelector('[data-testid="entry-heading"]')?.textContent?.includes(`Trường hợp số ${so}`) && document.activeElement?.id === 'ngayDangKy', target.so)
      const keyer = new Keyer(page)
      const t0 = performance.now()
      await keyEntry(page, keyer, target, YEAR)
      await page.waitForFunction((so) => document.querySelector('[data-testid="entry-heading"]')?.textContent?.includes(`Trường hợp số ${Number(so) + 1}`), target.so)
      seconds.push((performance.now() - t0) / 1000)
      keystrokes.push(keyer.keys)
      if (Number(target.so) % 10 === 0) console.log(`${target.so} entries keyed, last: ${keyer.keys} keystrokes (in full ${fullTyping(target)}), ${seconds.at(-1)?.toFixed(1)} s`)
    }

    // Every entry reached the server, exactly as the script meant it.
    const deadline = Date.now() + 60_000
    let saved: Array<{ id: string; so: number }> = []
    while (Date.now() < deadline) {
      saved = (await officer.request('GET', `/api/books/${bookId}/entries?pageSize=500`)).body.items as typeof saved
      if (saved.length >= ENTRIES) break
      await new Promise((r) => setTimeout(r, 500))
    }
    let mismatches = 0
    for (const target of entries) {
      const row = saved.find((s) => s.so === Number(target.so))
      const stored = row ? ((await officer.request('GET', `/api/entries/${row.id}`)).body.fields as Record<string, string>) : {}
      for (const key of new Set([...Object.keys(target), ...Object.keys(stored)])) {
        if ((target[key] ?? '') !== (stored[key] ?? '')) {
          mismatches++
          if (mismatches <= 10) console.log(`mismatch số ${target.so} ${key}: keyed "${stored[key] ?? ''}", book "${target[key] ?? ''}"`)
        }
      }
    }
    const latency = await page.evaluate(() => window.__latency ?? [])
    const full = entries.map(fullTyping)
    const median = (xs: number[]) => percentile(xs, 50)
    const n = median(keystrokes)
    const m = median(full)
    console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, engine ${server.engine}`)
    console.log(`entries: ${ENTRIES} keyed, ${saved.length} saved, ${mismatches} field mismatches`)
    console.log(`keystrokes per entry: min ${Math.min(...keystrokes)}, median ${n}, max ${Math.max(...keystrokes)}; typing in full: median ${m}; total ${keystrokes.reduce((a, b) => a + b, 0)} vs ${full.reduce((a, b) => a + b, 0)}`)
    console.log(`seconds per entry (script speed, includes the UI's work): median ${median(seconds).toFixed(2)}, p95 ${percentile(seconds, 95).toFixed(2)}`)
    console.log(`key press to next frame: ${latency.length} presses, p50 ${percentile(latency, 50).toFixed(1)} ms, p95 ${percentile(latency, 95).toFixed(1)} ms`)
    if (mismatches > 0 || saved.length !== ENTRIES) process.exitCode = 1
    console.log(`keying: median keystrokes per entry ${n} (typing in full ${m}), reduction ${Math.round((100 * (m - n)) / m)}%, median ${median(seconds).toFixed(1)} s per entry`)
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
