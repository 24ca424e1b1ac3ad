/// <reference lib="dom" />
/**
 * Page switching in the keying workbench: time from "next page" (PageDown) to the new page's image
 * decoded and on screen, for a 300-page register, with the workbench's preloading and without it.
 * A real server (fresh database, files in a temp dir) serving the built web app; Chromium headless.
 * The keyer reads each page for `DWELL_MS` before turning it (a real keyer spends minutes).
 *
 *   npm run bench:pages            (PAGES=300 DWELL_MS=300 NO_PRELOAD_SWITCHES=100)
 */
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ensureWebBuilt, launchBrowser, ROOT } from '../e2e/harness'
import { BenchClient, startBenchServer } from './lib/bench-server'
import { summary } from './lib/stats'
import { loggedInPage, sessionCookie, syntheticScan, uploadScans } from './lib/ui'

const PAGES = Number(process.env.PAGES ?? 300)
const DWELL_MS = Number(process.env.DWELL_MS ?? 300)
const NO_PRELOAD_SWITCHES = Number(process.env.NO_PRELOAD_SWITCHES ?? 100)

/** Arms a listener: the next PageDown starts the clock, which stops one frame after the new image is decoded. */
async function timeNextPage(page: Page): Promise<number> {
  await page.evaluate(() => {
    const before = document.querySelector<HTMLImageElement>('[data-testid="page-image"]')?.dataset.pageId
    window.__switch = new Promise<number>((resolve) => {
      window.addEventListener('keydown', (e) => {
        if (e.key !== 'PageDown') return
        const t0 = performance.now()
        const poll = () => {
          const img = document.querySelector<HTMLImageElement>('[data-testid="page-image"]')
          if (img && img.dataset.pageId !== before && img.complete && img.naturalWidth > 0) {
            void img.decode().catch(() => undefined).then(() => requestAnimationFrame(() => resolve(performance.now() - t0)))
          } else requestAnimationFrame(poll)
        }
        poll()
      }, { once: true, capture: true })
    })
  })
  await page.keyboard.press('PageDown')
  const ms = await page.evaluate(() =>
    Promise.race([window.__switch ?? Promise.resolve(-1), new Promise<number>((r) => setTimeout(() => r(-1), 10_000))]),
  )
  if (ms < 0) {
    const state = await page.evaluate(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="page-image"]')
      return img ? { complete: img.complete, width: img.naturalWidth, id: img.dataset.pageId } : null
    })
    throw new Error(`no new page image within 10 s (${await page.getByTestId('page-indicator').innerText()}, image ${JSON.stringify(state)})`)
  }
  return ms
}

async function run(page: Page, url: string, switches: number): Promise<number[]> {
  await page.goto(url)
  await page.getByTestId('page-image').waitFor()
  await page.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid="page-image"]')?.complete)
  const times: number[] = []
  for (let i = 0; i < switches; i++) {
    await page.waitForTimeout(DWELL_MS)
    times.push(await timeNextPage(page))
    if ((i + 1) % 50 === 0) console.log(`  ${i + 1} switches, last ${times.at(-1)?.toFixed(1)} ms`)
  }
  return times
}

async function main() {
  ensureWebBuilt()
  const server = await startBenchServer({ webDist: path.join(ROOT, 'apps/web/dist') })
  const browser = await launchBrowser()
  try {
    const officer = await BenchClient.login(server.url, 'tuphap.anphu')
    const me = (await officer.request('GET', '/api/auth/me')).body.user as { unit: { id: string } }
    const makeBook = async (volume: string) => {
      const res = await officer.request('POST', '/api/books', { bookType: 'KS', volume, year: 2020, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })
      if (res.status !== 201) throw new Error(`book: ${res.status} ${JSON.stringify(res.body)}`)
      return String(res.body.id)
    }
    const cookie = await sessionCookie(server.url, 'tuphap.anphu')
    let started = Date.now()
    const scans: Buffer[] = []
    for (let n = 1; n <= PAGES; n++) scans.push(await syntheticScan(n, 'Sổ đăng ký khai sinh 01/2020'))
    const mb = scans.reduce((s, b) => s + b.length, 0) / 1_048_576
    console.log(`generated ${PAGES} page scans (${mb.toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    const bookId = await makeBook('01/2020')
    started = Date.now()
    await uploadScans(server.url, cookie, bookId, scans)
    console.log(`uploaded and rendered ${PAGES} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`)

    // Each run in its own browser context: the run without preloading starts with an empty cache.
    const withPreload = await run(await loggedInPage(browser, server.url, 'tuphap.anphu'), `${server.url}/so/${bookId}/nhap?trang=1`, PAGES - 1)
    const withoutPreload = await run(await loggedInPage(browser, server.url, 'tuphap.anphu'), `${server.url}/so/${bookId}/nhap?trang=1&preload=0`, Math.min(NO_PRELOAD_SWITCHES, PAGES - 1))
    const a = summary(withPreload)
    const b = summary(withoutPreload)
    console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, engine ${server.engine}`)
    console.log(`with preloading:    ${a.count} switches, p50 ${a.p50} ms, p95 ${a.p95} ms, p99 ${a.p99} ms, max ${a.max} ms`)
    console.log(`without preloading: ${b.count} switches, p50 ${b.p50} ms, p95 ${b.p95} ms, p99 ${b.p99} ms, max ${b.max} ms`)
    console.log(`pages: next page to visible image p50 ${a.p50} ms, p95 ${a.p95} ms with preloading (without: p50 ${b.p50} ms, p95 ${b.p95} ms), ${PAGES}-page book`)
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
