/**
 * The login page over a commune's connection (issue 14): it loads its own scripts only, not the
 * workbench, review or reconciliation pages (each page is its own file, loaded when first shown),
 * every script comes compressed (brotli or gzip, written at build time) with a one-year immutable
 * cache, and after login the pages still load on demand.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, expectTextOn, logInWithKeyboard, startJourney, type Journey } from './harness'

let journey: Journey

beforeAll(async () => {
  journey = await startJourney()
})
afterAll(async () => journey?.close())

interface Loaded {
  url: string
  encoding: string | undefined
  cacheControl: string | undefined
  /** Bytes on the wire (the compressed body). */
  transferred: number
}

/** The scripts the page loads while `action` runs (and the network settles after it). */
async function scriptsLoadedBy(action: () => Promise<void>): Promise<Loaded[]> {
  const { page } = journey
  const responses: Response[] = []
  const listener = (response: Response) => {
    if (response.request().resourceType() === 'script') responses.push(response)
  }
  page.on('response', listener)
  try {
    await action()
    await page.waitForLoadState('networkidle')
  } finally {
    page.off('response', listener)
  }
  return Promise.all(responses.map(async (r) => {
    const headers = await r.allHeaders()
    return { url: new URL(r.url()).pathname, encoding: headers['content-encoding'], cacheControl: headers['cache-control'], transferred: (await r.request().sizes()).responseBodySize }
  }))
}

const assets = () => fs.readdirSync(path.join(ROOT, 'apps/web/dist/assets'))
/** Chunks of pages the login page must not load. */
const PAGE_CHUNKS = /\/(AppShell|WorkbenchPage|QueuePage|ReviewPage|ReviewQueuePage|BookDetailPage|BookListPage|EntryFormPage|AcceptancePage|LotPage|InspectPage|ImportPage|ImportDetailPage|PopulationPage|ReconcilePage|FollowupPage|SettingsPage|UsersPage)-[\w-]+\.js$/

describe('the login page', () => {
  it('loads no page of the workbench, every script compressed and cached for a year, far less than the whole app', async () => {
    // The split exists: the workbench is a file of its own, precompressed beside it.
    const workbench = assets().find((f) => /^WorkbenchPage-[\w-]+\.js$/.test(f))
    expect(workbench).toBeTruthy()
    expect(assets()).toContain(`${workbench}.br`)
    expect(assets()).toContain(`${workbench}.gz`)

    const { page, server } = journey
    const scripts = await scriptsLoadedBy(async () => {
      await page.goto(`${server.baseUrl}/dang-nhap`)
      await page.getByLabel('Tên đăng nhập').waitFor()
    })
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.map((s) => s.url).filter((url) => PAGE_CHUNKS.test(url))).toEqual([])
    for (const script of scripts) {
      expect(script.url).toMatch(/^\/assets\//)
      // Files under 1 KB (the bundler's runtime) are not worth compressing and are sent as they are.
      if (fs.statSync(path.join(ROOT, 'apps/web/dist', script.url)).size >= 1024) expect([script.url, script.encoding]).toEqual([script.url, expect.stringMatching(/^(br|gzip)$/)])
      expect([script.url, script.cacheControl]).toEqual([script.url, 'public, max-age=31536000, immutable'])
    }
    const transferred = scripts.reduce((sum, s) => sum + s.transferred, 0)
    const allJs = assets().filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + fs.statSync(path.join(ROOT, 'apps/web/dist/assets', f)).size, 0)
    console.log(`login page: ${scripts.length} scripts, ${(transferred / 1024).toFixed(1)} KiB transferred (${scripts[0]?.encoding}); whole app ${(allJs / 1024).toFixed(1)} KiB of JavaScript uncompressed`)
    // Before the split and compression: 2,262 KiB sent uncompressed. A regression guard, not a timing.
    expect(transferred).toBeLessThan(500 * 1024)
    expect(transferred).toBeLessThan(allJs / 4)
  })

  it('after login the pages load on demand: the book list and the shell come in their own files', async () => {
    const { page, server } = journey
    const scripts = await scriptsLoadedBy(async () => {
      await logInWithKeyboard(page, server.baseUrl, 'tuphap.anphu')
      await page.waitForURL(/\/so$/)
      await expectTextOn(page, page.locator('main, .ant-layout-content').first(), /Sổ/)
    })
    const urls = scripts.map((s) => s.url)
    expect(urls.some((u) => /\/AppShell-[\w-]+\.js$/.test(u))).toBe(true)
    expect(urls.some((u) => /\/BookListPage-[\w-]+\.js$/.test(u))).toBe(true)
    expect(urls.some((u) => /\/WorkbenchPage-[\w-]+\.js$/.test(u))).toBe(false)
  })
})
