/**
 * Journey (issue 16 part 1): a justice officer opens a handwritten birth register (ruled bands, one
 * entry per band, fixed columns), marks the band of the first entry and the column boundaries on page
 * 1 (the marks snap to the ruled lines), gives a column to the child's name, saves an entry, and the
 * workbench moves to the next band: the crop of that band is shown beside each marked field, the
 * page view follows, and Alt+↓ corrects the page's band (kept on the server).
 */
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_RULED_LAYOUT, ruledPage } from '../apps/server/src/test/ruled-pages'
import { apiOn, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey, type ServerHandle } from './harness'

let server: ServerHandle
let journey: Journey
let page: Page
let bookId = ''

type Json = Record<string, unknown>
const api = (method: 'GET' | 'POST', url: string, data?: unknown): Promise<Json> => apiOn(page, server.baseUrl, method, url, data)
const expectText = (locator: Locator, pattern: RegExp, timeout = 15_000) => expectTextOn(page, locator, pattern, timeout)

const ROWS = [
  ['1', '05/01/1968', 'Khai sinh', 'Nguyễn Thị Hoà'],
  ['2', '09/01/1968', 'Khai sinh', 'Trần Văn Bình'],
  ['3', '12/01/1968', 'Khai sinh', 'Lê Thị Cúc'],
]

/** Where a fraction of the page image is on screen. */
async function pointOnPage(x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('page-image').boundingBox()
  if (!box) throw new Error('no page image')
  return { x: box.x + x * box.width, y: box.y + y * box.height }
}

/** Where the crop's window starts on the page (fraction of its height), read from the layout on screen. */
const cropY = (key: string) => page.getByTestId(`field-crop-${key}`).evaluate((el) => {
  const img = el.querySelector('img')
  if (!img) return -1
  const box = el.getBoundingClientRect()
  const image = img.getBoundingClientRect()
  return (box.top + el.clientTop - image.top) / image.height
})

beforeAll(async () => {
  journey = await startJourney()
  ;({ server, page } = journey)
})
afterAll(async () => journey?.close())

describe('đánh dấu dòng của sổ viết tay', () => {
  it('uploads two ruled handwritten pages', async () => {
    await logInWithKeyboard(page, server.baseUrl, 'tuphap.anphu')
    await page.waitForURL(/\/so$/)
    const me = (await api('GET', '/api/auth/me')).user as { id: string; unit: { id: string } }
    const book = await api('POST', '/api/books', { bookType: 'KS', volume: '02/1968', year: 1968, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })
    bookId = String(book.id)
    for (let n = 1; n <= 2; n++) {
      const buffer = await ruledPage({ ...DEFAULT_RULED_LAYOUT, bands: 10, rows: ROWS, seed: n, dy: n === 2 ? 0.01 : 0 })
      const res = await page.request.post(`${server.baseUrl}/api/books/${bookId}/scans`, { multipart: { files: { name: `trang-${n}.jpg`, mimeType: 'image/jpeg', buffer } } })
      expect(res.status()).toBe(201)
    }
    await expect.poll(async () => ((await api('GET', `/api/books/${bookId}/pages`)).counts as { pending: number }).pending, { timeout: 60_000 }).toBe(0)
  })

  it('marks the band of one entry and the columns on page 1, snapped to the ruled lines', async () => {
    await page.goto(`${server.baseUrl}/so/${bookId}/nhap`)
    await page.getByTestId('page-image').waitFor()
    await page.getByTestId('band-mark').click()
    await page.getByTestId('band-marking-panel').waitFor()
    // Dragged a little inside the ruled band: the edges go to the rules.
    const from = await pointOnPage(0.3, DEFAULT_RULED_LAYOUT.top + 0.006)
    const to = await pointOnPage(0.3, DEFAULT_RULED_LAYOUT.top + DEFAULT_RULED_LAYOUT.height - 0.006)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="band-marking-surface"] div').length > 5, undefined, { timeout: 20_000 })
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 8 })
    await page.mouse.up()
    await page.getByTestId('marked-band').waitFor()
    for (const x of DEFAULT_RULED_LAYOUT.boundaries.slice(0, 5)) {
      const p = await pointOnPage(x + 0.004, DEFAULT_RULED_LAYOUT.top + 0.04)
      await page.mouse.click(p.x, p.y)
    }
    await page.getByTestId('marked-boundary-4').waitFor()
    // Default order: số, ngày đăng ký, loại đăng ký, then the keyer gives the fourth column to the child's name.
    await page.getByTestId('band-column-3').click()
    await page.keyboard.type('Người được đăng ký · Họ, chữ')
    await page.keyboard.press('Enter')
    await snapshot(page, 'bands-01-marking')
    await page.getByTestId('band-save').click()
    await expectText(page.getByTestId('band-status'), /Dòng 1\/10 của trang/)

    const saved = (await api('GET', `/api/books/${bookId}/band-layout`)) as { layout: { top: number; height: number; perPage: number; columns: Array<{ key: string; left: number; right: number }> }; version: number }
    expect(saved.version).toBe(1)
    expect(saved.layout.top).toBeCloseTo(DEFAULT_RULED_LAYOUT.top, 2)
    expect(saved.layout.height).toBeCloseTo(DEFAULT_RULED_LAYOUT.height, 2)
    expect(saved.layout.perPage).toBe(10)
    expect(saved.layout.columns.map((c) => c.key)).toEqual(['so', 'ngayDangKy', 'loaiDangKy', 'nksHoTen'])
    saved.layout.columns.forEach((c, i) => expect(c.left).toBeCloseTo(DEFAULT_RULED_LAYOUT.boundaries[i] ?? 0, 2))
  })

  it('saves an entry; the next entry\'s band is current, its crop beside the fields, the view on it', async () => {
    for (const key of ['so', 'ngayDangKy', 'loaiDangKy', 'nksHoTen']) await page.getByTestId(`field-crop-${key}`).waitFor()
    expect(await page.getByTestId('field-crop-meHoTen').count()).toBe(0)
    const firstY = await cropY('nksHoTen')
    // The marking was done with the mouse: the keyer goes back to the form.
    await page.locator('#ngayDangKy').focus()
    await page.keyboard.type('05.01.1968')
    await page.keyboard.press('Enter')
    await page.locator('#nksHoTen').focus()
    await page.keyboard.type('Nguyễn Thị Hoà')
    await page.keyboard.press('Control+Shift+Enter')
    await expectText(page.getByTestId('entry-heading'), /Trường hợp số 2/)
    await expectText(page.getByTestId('band-status'), /Dòng 2\/10 của trang/)
    await expect.poll(() => page.getByTestId('current-band').getAttribute('data-band')).toBe('1')
    const h = DEFAULT_RULED_LAYOUT.height
    const nextY = await cropY('nksHoTen')
    expect(nextY).toBeGreaterThan(firstY)
    expect(nextY).toBeCloseTo(DEFAULT_RULED_LAYOUT.top + h, 2)
    // The band is inside the viewer's visible part.
    const viewer = await page.getByTestId('page-viewer').boundingBox()
    const band = await page.getByTestId('current-band').boundingBox()
    expect(viewer && band && band.y >= viewer.y && band.y + band.height <= viewer.y + viewer.height).toBe(true)
    await snapshot(page, 'bands-02-next-entry')
  })

  it('Alt+↓ moves the page\'s band and keeps the correction on the server', async () => {
    const before = await cropY('nksHoTen')
    await page.locator('#nksHoTen').focus()
    await page.keyboard.press('Alt+ArrowDown')
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => cropY('nksHoTen')).toBeGreaterThan(before)
    await expect.poll(async () => ((await api('GET', `/api/books/${bookId}/band-layout`)).corrections as unknown[]).length, { timeout: 10_000 }).toBe(1)
    const shortcuts = page.getByRole('dialog')
    await page.keyboard.press('F1')
    await expectText(shortcuts, /Alt\+Shift\+↓ \/ Alt\+Shift\+↑/)
    await page.keyboard.press('Escape')
  })
})
