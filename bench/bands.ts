/// <reference lib="dom" />
/**
 * Row bands (issue 16 part 1): image operations a keyer needs to bring each entry's row into view,
 * through the real workbench in Chromium, on generated handwritten-like pages (ruled bands, one entry
 * per band, values written in fixed columns; each page scanned a little higher or lower).
 *
 * "Without bands" is the workbench of today: for each entry the keyer turns to its page (PageDown),
 * zooms until the smallest handwriting is readable (Alt+=), scrolls with Alt+↓/Alt+↑ until the row
 * is inside the viewer, and drags the image sideways when the row's columns are not all in view.
 * Readable: the smallest handwritten letters at least READABLE_PX CSS px tall (the size of the
 * interface's own small text). Each key press or drag is one operation, done on the screen, and
 * the row's position is read from the screen after it, never computed ahead.
 *
 * "With bands": the same pages in another book; the officer marks the first page once (counted on its
 * own), then for each entry the script checks what the screen shows: the current band outlined in
 * view, each marked field's crop beside the form on the entry's row and readable. Anything missing is
 * brought into view with the same operations as without bands and counted. Every entry is saved
 * (its name typed, Ctrl+Shift+Enter) in both runs, so the workbench moves on as it would.
 *
 *   npm run bench:bands            (ENTRIES=40, 10 per page)
 */
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ensureWebBuilt, launchBrowser, ROOT } from '../e2e/harness'
import { ruledPage } from '../apps/server/src/test/ruled-pages'
import { BenchClient, startBenchServer } from './lib/bench-server'
import { buildSyntheticBirth } from './lib/birth-entries'
import { Random } from './lib/random'
import { loggedInPage, sessionCookie, uploadScans } from './lib/ui'

const ENTRIES = Number(process.env.ENTRIES ?? 40)
const PER_PAGE = 10
const YEAR = 1968
const TOP = 0.12
const HEIGHT = 0.078
/** Số, ngày đăng ký, loại, họ tên, giới tính, ngày sinh: the workbench's default order of columns. */
const BOUNDARIES = [0.04, 0.1, 0.24, 0.36, 0.64, 0.74, 0.94]
const KEYS = ['so', 'ngayDangKy', 'loaiDangKy', 'nksHoTen', 'nksGioiTinh', 'nksNgaySinh']
/** The generator's smallest handwriting, in px of the 1240 px wide generated page. */
const SMALLEST_LETTERS = 16
const READABLE_PX = Number(process.env.READABLE_PX ?? 12)

interface Ops {
  page: number
  zoom: number
  /** Vertical: Alt+↓/↑ (or a wheel notch of the same 200 px). */
  scroll: number
  /** Sideways drags: a row wider than the view at a readable zoom needs one per screenful, and one back. */
  pan: number
}
const noOps = (): Ops => ({ page: 0, zoom: 0, scroll: 0, pan: 0 })
const total = (o: Ops) => o.page + o.zoom + o.scroll + o.pan

/** Each page scanned a little off: its bands shifted by up to ±0.5% of the page height. */
const pageShift = (p: number) => [0, 0.004, -0.003, 0.005, -0.005, 0.002][p % 6] ?? 0

function rowsOf(entries: Array<Record<string, string>>, p: number): string[][] {
  return entries.slice(p * PER_PAGE, (p + 1) * PER_PAGE).map((e) => [
    e.so ?? '', e.ngayDangKy ?? '', 'Đăng ký mới', e.nksHoTen ?? '', e.nksGioiTinh === '1' ? 'Nam' : 'Nữ', e.nksNgaySinh ?? '',
  ])
}

/** The true row of entry `i` on its page (fractions), as the generator drew it. */
function rowOf(i: number) {
  const p = Math.floor(i / PER_PAGE)
  const top = TOP + pageShift(p) + (i % PER_PAGE) * HEIGHT
  return { page: p, top, bottom: top + HEIGHT, left: BOUNDARIES[0] ?? 0, right: BOUNDARIES.at(-1) ?? 1 }
}

interface Geometry {
  pageId: string
  /** Viewer's visible client rectangle and the image's rectangle, in CSS px. */
  view: { left: number; top: number; right: number; bottom: number }
  image: { left: number; top: number; width: number; height: number; naturalWidth: number }
}

async function geometry(page: Page): Promise<Geometry> {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="page-viewer"]') as HTMLElement
    const img = document.querySelector('[data-testid="page-image"]') as HTMLImageElement
    const b = box.getBoundingClientRect()
    const r = img.getBoundingClientRect()
    return {
      pageId: img.dataset.pageId ?? '',
      view: { left: b.left + box.clientLeft, top: b.top + box.clientTop, right: b.left + box.clientLeft + box.clientWidth, bottom: b.top + box.clientTop + box.clientHeight },
      image: { left: r.left, top: r.top, width: r.width, height: r.height, naturalWidth: img.naturalWidth },
    }
  })
}

/** CSS px per px of the generated page at which its smallest handwriting is READABLE_PX tall. */
const readableScale = READABLE_PX / SMALLEST_LETTERS

/**
 * Brings entry `i`'s row into view at a readable zoom with the viewer's own operations, counting
 * them. `scrollKeys`: Alt+↓/↑ scroll the image (without bands); with bands they move the band, so
 * a keyer would use the wheel (one notch = one operation of the same 200 px).
 */
async function bringRowIntoView(page: Page, i: number, pageIds: string[], ops: Ops, scrollKeys: boolean): Promise<void> {
  const row = rowOf(i)
  let g = await geometry(page)
  for (let guard = 0; g.pageId !== pageIds[row.page] && guard < 3; guard++) {
    await page.keyboard.press('PageDown')
    ops.page++
    await page.waitForFunction((id) => document.querySelector('[data-testid="page-image"]')?.getAttribute('data-page-id') === id, pageIds[row.page])
    g = await geometry(page)
  }
  // Generated page px → CSS px.
  const scale = () => g.image.width / 1240
  for (let guard = 0; scale() < readableScale && guard < 10; guard++) {
    await page.keyboard.press('Alt+Equal')
    ops.zoom++
    await page.waitForTimeout(60)
    g = await geometry(page)
  }
  const rect = () => ({ top: g.image.top + row.top * g.image.height, bottom: g.image.top + row.bottom * g.image.height, left: g.image.left + row.left * g.image.width, right: g.image.left + row.right * g.image.width })
  for (let guard = 0; guard < 40; guard++) {
    const r = rect()
    const down = r.bottom > g.view.bottom
    const up = r.top < g.view.top
    if (!down && !up) break
    if (scrollKeys) await page.keyboard.press(down ? 'Alt+ArrowDown' : 'Alt+ArrowUp')
    else await page.evaluate((d) => document.querySelector('[data-testid="page-viewer"]')?.scrollBy({ top: d ? 200 : -200 }), down)
    ops.scroll++
    await page.waitForTimeout(40)
    g = await geometry(page)
  }
  const r = rect()
  const viewWidth = g.view.right - g.view.left
  if (r.left < g.view.left || r.right > g.view.right) {
    // A drag per screenful of the row's width; the last one leaves the row's start in view.
    const pans = Math.ceil((r.right - r.left) / viewWidth)
    ops.pan += pans
    const dx = r.left - g.view.left - 4
    const y = (g.view.top + g.view.bottom) / 2
    const x = (g.view.left + g.view.right) / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x - dx, y, { steps: 5 })
    await page.mouse.up()
  }
}

/** Types the entry's name and saves it as a draft: the workbench starts the next entry. */
async function saveEntry(page: Page, target: Record<string, string>): Promise<void> {
  await page.locator('#nksHoTen').focus()
  await page.keyboard.type(target.nksHoTen ?? 'X')
  await page.keyboard.press('Control+Shift+Enter')
  await page.waitForFunction((so) => document.querySelector('[data-testid="entry-heading"]')?.textContent?.includes(`Trường hợp số ${Number(so) + 1}`), target.so)
}

async function newBook(officer: BenchClient, unitId: string, volume: string): Promise<string> {
  const book = await officer.request('POST', '/api/books', { bookType: 'KS', volume, year: YEAR, issuingAuthority: 'UBND xã An Phú', custodianUnitId: unitId })
  if (book.status !== 201) throw new Error(`book: ${book.status} ${JSON.stringify(book.body)}`)
  return String(book.body.id)
}

async function pageIdsOf(officer: BenchClient, bookId: string): Promise<string[]> {
  return ((await officer.request('GET', `/api/books/${bookId}/pages`)).body.items as Array<{ id: string }>).map((p) => p.id)
}

/** Marks the first page's bands through the UI, as the officer would: one drag, a click per column boundary, save. */
async function markBands(page: Page): Promise<number> {
  let ops = 0
  await page.getByTestId('band-mark').click()
  ops++
  await page.getByTestId('band-marking-panel').waitFor()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="band-marking-surface"] div').length > 5, undefined, { timeout: 30_000 })
  const box = await page.getByTestId('page-image').boundingBox()
  if (!box) throw new Error('no page image')
  const at = (x: number, y: number) => ({ x: box.x + x * box.width, y: box.y + y * box.height })
  const from = at(0.5, TOP + 0.005)
  const to = at(0.5, TOP + HEIGHT - 0.005)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 8 })
  await page.mouse.up()
  ops++
  await page.getByTestId('marked-band').waitFor()
  for (const x of BOUNDARIES) {
    const p = at(x + 0.003, TOP + HEIGHT / 2)
    await page.mouse.click(p.x, p.y)
    ops++
  }
  await page.getByTestId(`marked-boundary-${BOUNDARIES.length - 1}`).waitFor()
  await page.getByTestId('band-save').click()
  ops++
  await page.getByTestId('band-status').waitFor()
  return ops
}

/** With bands: is each marked field's crop on the entry's row (within a fifth of a band) and readable? */
async function cropsOk(page: Page, i: number): Promise<{ onRow: boolean; readable: boolean }> {
  const row = rowOf(i)
  const crops = await page.evaluate((keys) => keys.map((key) => {
    const el = document.querySelector(`[data-testid="field-crop-${key}"]`) as HTMLElement | null
    if (!el) return null
    const img = el.querySelector('img')
    if (!img) return null
    const box = el.getBoundingClientRect()
    const image = img.getBoundingClientRect()
    // Where the crop's window starts on the page, and the page's width on screen.
    return { top: (box.top + el.clientTop - image.top) / image.height, pageWidth: image.width }
  }), KEYS)
  let onRow = true
  let readable = true
  crops.forEach((c) => {
    if (!c) {
      onRow = false
      return
    }
    if (Math.abs(c.top - row.top) > HEIGHT / 5) onRow = false
    if (c.pageWidth / 1240 < readableScale) readable = false
  })
  return { onRow, readable }
}

async function main() {
  ensureWebBuilt()
  const server = await startBenchServer({ webDist: path.join(ROOT, 'apps/web/dist') })
  const browser = await launchBrowser()
  try {
    const officer = await BenchClient.login(server.url, 'tuphap.anphu')
    const me = (await officer.request('GET', '/api/auth/me')).body.user as { unit: { id: string } }
    const random = new Random(19680101)
    const entries = Array.from({ length: ENTRIES }, (_, k) => buildSyntheticBirth(random, k + 1, YEAR))
    const pages = Math.ceil(ENTRIES / PER_PAGE)
    const scans = await Promise.all(Array.from({ length: pages }, (_, p) => ruledPage({ top: TOP, height: HEIGHT, boundaries: BOUNDARIES, rows: rowsOf(entries, p), bands: PER_PAGE, dy: pageShift(p), seed: p + 1, title: `Sổ đăng ký khai sinh năm ${YEAR}` })))
    const cookie = await sessionCookie(server.url, 'tuphap.anphu')
    const plainBook = await newBook(officer, me.unit.id, `01/${YEAR}`)
    const bandBook = await newBook(officer, me.unit.id, `02/${YEAR}`)
    await uploadScans(server.url, cookie, plainBook, scans)
    await uploadScans(server.url, cookie, bandBook, scans)

    // Without bands.
    const before: Ops[] = []
    const page = await loggedInPage(browser, server.url, 'tuphap.anphu')
    const plainPages = await pageIdsOf(officer, plainBook)
    await page.goto(`${server.url}/so/${plainBook}/nhap`)
    await page.getByTestId('page-image').waitFor()
    for (let i = 0; i < ENTRIES; i++) {
      const ops = noOps()
      await bringRowIntoView(page, i, plainPages, ops, true)
      before.push(ops)
      await saveEntry(page, entries[i] ?? {})
      if ((i + 1) % 10 === 0) console.log(`without bands: ${i + 1} entries`)
    }

    // With bands: marked once on page 1, then the workbench follows.
    const bandPages = await pageIdsOf(officer, bandBook)
    await page.goto(`${server.url}/so/${bandBook}/nhap`)
    await page.getByTestId('page-image').waitFor()
    const markingOps = await markBands(page)
    const after: Ops[] = []
    let onRow = 0
    let readable = 0
    let bandInView = 0
    for (let i = 0; i < ENTRIES; i++) {
      const expected = i % PER_PAGE
      await page.waitForFunction(([band, id]) => {
        const el = document.querySelector('[data-testid="current-band"]')
        return el?.getAttribute('data-band') === band && document.querySelector('[data-testid="page-image"]')?.getAttribute('data-page-id') === id
      }, [String(expected), bandPages[Math.floor(i / PER_PAGE)] ?? ''] as const, { timeout: 10_000 }).catch(() => undefined)
      await page.waitForTimeout(80)
      const crops = await cropsOk(page, i)
      if (crops.onRow) onRow++
      if (crops.readable) readable++
      const g = await geometry(page)
      const row = rowOf(i)
      if (g.image.top + row.top * g.image.height >= g.view.top && g.image.top + row.bottom * g.image.height <= g.view.bottom) bandInView++
      const ops = noOps()
      // Read on the crops when they are right and readable; otherwise the keyer goes to the image.
      if (!crops.onRow || !crops.readable) await bringRowIntoView(page, i, bandPages, ops, false)
      after.push(ops)
      await saveEntry(page, entries[i] ?? {})
    }

    // The crops show the viewer's own image: the browser should not fetch a page image again per crop.
    const imageRequests = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/api\/pages\/[^/]+\/image/.test(e.name)).length)
    const sum = (xs: Ops[], f: (o: Ops) => number) => xs.reduce((n, o) => n + f(o), 0)
    const per = (xs: Ops[]) => sum(xs, total) / xs.length
    console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, engine ${server.engine}`)
    console.log(`pages: ${pages} generated (${PER_PAGE} entries each, shifted up to ±0.5%), ${ENTRIES} entries saved in each book`)
    for (const [label, xs] of [['without bands', before], ['with bands', after]] as const) {
      console.log(`${label}: page keys ${sum(xs, (o) => o.page)}, zoom ${sum(xs, (o) => o.zoom)}, vertical scrolls ${sum(xs, (o) => o.scroll)}, sideways drags ${sum(xs, (o) => o.pan)}; entries needing none ${xs.filter((o) => total(o) === 0).length}/${xs.length}`)
    }
    console.log(`readable: smallest handwriting ≥ ${READABLE_PX} CSS px (page shown at ≥ ${readableScale.toFixed(2)} CSS px per generated px); without the sideways drags: ${(sum(before, (o) => o.page + o.zoom + o.scroll) / ENTRIES).toFixed(2)} per entry`)
    console.log(`with bands: crops on the entry's row ${onRow}/${ENTRIES}, readable ${readable}/${ENTRIES}, band outlined inside the view ${bandInView}/${ENTRIES}, page image requests ${imageRequests} for ${pages} pages; marking the book once: ${markingOps} operations (${(markingOps / ENTRIES).toFixed(2)} per entry over ${ENTRIES})`)
    if (onRow < ENTRIES) process.exitCode = 1
    console.log(`bands: image operations ${per(after).toFixed(2)} per entry (${per(before).toFixed(2)} without bands), marking once ${markingOps} operations, crops on the right row ${onRow}/${ENTRIES}, ${ENTRIES} entries, readable at ${READABLE_PX} px`)
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
