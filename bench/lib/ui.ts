/**
 * Helpers of the UI benchmarks (keying, page switching): synthetic page scans, their upload over
 * HTTP, and a logged-in Chromium page on the benchmark server (which serves the built web app).
 */
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { BENCH_PASSWORD } from './bench-server'

/** Session cookie of a demo account, for the multipart upload (the JSON client keeps its own). */
export async function sessionCookie(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) })
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!res.ok || !cookie) throw new Error(`login ${username}: ${res.status}`)
  return cookie
}

// One grain texture for every page (making it is the slow part); the pages still differ by their content.
let noise: Buffer | undefined

/**
 * A scanned register page: an A4 sheet at 150 dpi (1240 × 1754) with a header, ruled lines and
 * speckle so that every page is different and compresses like a real scan (~150-250 kB JPEG).
 */
export async function syntheticScan(n: number, title: string): Promise<Buffer> {
  const lines = Array.from({ length: 28 }, (_, i) => {
    const y = 260 + i * 50
    const words = Array.from({ length: 6 + ((n * 7 + i * 3) % 5) }, (_, w) => `<rect x="${120 + w * 160}" y="${y - 22}" width="${90 + ((n + i + w) % 5) * 12}" height="16" fill="#333" opacity="0.55"/>`).join('')
    return `<line x1="100" y1="${y}" x2="1140" y2="${y}" stroke="#777" stroke-width="2"/>${words}`
  }).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754">
    <rect width="1240" height="1754" fill="#f4efe1"/>
    <text x="120" y="150" font-size="44" font-family="sans-serif" fill="#222">${title} — trang ${n}</text>${lines}</svg>`
  noise ??= await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 18 } } }).png().toBuffer()
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: 'soft-light' }])
    .jpeg({ quality: 70 })
    .toBuffer()
}

/** Uploads the scans (in requests of `batch` files) and waits until every page has its image. */
export async function uploadScans(base: string, cookie: string, bookId: string, scans: readonly Buffer[], batch = 50): Promise<void> {
  for (let i = 0; i < scans.length; i += batch) {
    const form = new FormData()
    scans.slice(i, i + batch).forEach((data, k) => form.append('files', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), `trang-${String(i + k + 1).padStart(3, '0')}.jpg`))
    const res = await fetch(`${base}/api/books/${bookId}/scans`, { method: 'POST', headers: { cookie }, body: form })
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`)
  }
  for (;;) {
    const res = await fetch(`${base}/api/books/${bookId}/pages`, { headers: { cookie } })
    const body = (await res.json()) as { total: number; counts: { pending: number; failed: number } }
    if (body.counts.failed > 0) throw new Error(`${body.counts.failed} pages failed to render`)
    if (body.counts.pending === 0) return
    await new Promise((r) => setTimeout(r, 1000))
  }
}

/** A Chromium page logged in as `username`, 1600 × 1000 like an office screen. */
export async function loggedInPage(browser: Browser, base: string, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1600, height: 1000 } })
  // tsx (esbuild, keepNames) wraps named inner functions in __name(): give page.evaluate code one.
  await context.addInitScript({ content: 'window.__name = (f) => f' })
  const page = await context.newPage()
  await page.goto(`${base}/dang-nhap`)
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill(BENCH_PASSWORD)
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/so$/)
  return page
}

