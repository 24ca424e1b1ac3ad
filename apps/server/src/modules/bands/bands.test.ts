import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, createBook } from '../../test/factories'
import { DEFAULT_RULED_LAYOUT, ruledPage } from '../../test/ruled-pages'
import { uploadScans, waitForJob } from '../scans/scan-fixtures'
import { NO_LAYOUT, STALE_LAYOUT } from './service'

/**
 * Row bands through the server (issue 16 part 1): An Phú's keyer marks the bands and columns of a
 * handwritten book, corrects one page, and asks for the ruled lines of a page; Bình Minh sees nothing.
 */
let server: TestServer
let keyer: Client
let officer: Client
let police: Client
let outsider: Client
let bookId: string
let pageIds: string[]

const layout = {
  top: DEFAULT_RULED_LAYOUT.top,
  height: DEFAULT_RULED_LAYOUT.height,
  perPage: 10,
  columns: [
    { key: 'so', left: 0.06, right: 0.12 },
    { key: 'nksHoTen', left: 0.12, right: 0.38 },
    { key: 'nksNgaySinh', left: 0.38, right: 0.52 },
  ],
}

beforeAll(async () => {
  server = await startTestServer()
  keyer = await server.login('sohoa.anphu')
  officer = await server.login('tuphap.anphu')
  police = await server.login('congan.anphu')
  outsider = await server.login('tuphap.binhminh')
  bookId = (await createBook(officer, server, '98001', { volume: '36' })).id
  const rows = [['1', 'Nguyễn Thị Hoà', '12/03/1965'], ['2', 'Trần Văn Bình', '01/07/1966']]
  const pages = await Promise.all([0, 0.01].map((dy, k) => ruledPage({ ...DEFAULT_RULED_LAYOUT, bands: 10, rows, dy, seed: k + 1 })))
  const upload = await uploadScans(officer, bookId, pages.map((data, k) => ({ name: `trang-${k + 1}.jpg`, data })))
  expect(upload.status).toBe(201)
  await waitForJob(officer, upload.body.jobId ?? '')
  pageIds = ((await officer.get(`/api/books/${bookId}/pages`)).body.items as Array<{ id: string }>).map((p) => p.id)
}, 120_000)
afterAll(async () => server?.close())

describe('band layout of a book', () => {
  it('is empty until marked; the keyer marks it (version 0 → 1), audited, and everyone of the unit reads it', async () => {
    const empty = await keyer.get(`/api/books/${bookId}/band-layout`)
    expect(empty.status).toBe(200)
    expect(empty.body).toMatchObject({ bookId, layout: null, corrections: [], version: 0, mayEdit: true })
    const saved = await keyer.put(`/api/books/${bookId}/band-layout`, { layout, version: 0 })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body).toMatchObject({ version: 1, layout, updatedByName: 'Lê Văn Khoa' })
    expect((await auditRows(server, bookId)).map((r) => r.action)).toContain('book.bandLayout')
    const read = await police.get(`/api/books/${bookId}/band-layout`)
    expect(read.body).toMatchObject({ version: 1, mayEdit: false })
  })

  it('a save on a stale version answers 409 and changes nothing', async () => {
    const current = (await officer.get(`/api/books/${bookId}/band-layout`)).body
    const moved = await officer.put(`/api/books/${bookId}/band-layout`, { layout: { ...layout, perPage: 9 }, version: current.version })
    expect(moved.status).toBe(200)
    const stale = await keyer.put(`/api/books/${bookId}/band-layout`, { layout: { ...layout, perPage: 8 }, version: current.version })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toBe(STALE_LAYOUT)
    const again = await keyer.put(`/api/books/${bookId}/band-layout`, { layout, version: 0 })
    expect(again.status).toBe(409)
    expect((await keyer.get(`/api/books/${bookId}/band-layout`)).body.layout.perPage).toBe(9)
  })

  it('bad input is a 400 that says what to fix', async () => {
    const version = (await keyer.get(`/api/books/${bookId}/band-layout`)).body.version
    const outside = await keyer.put(`/api/books/${bookId}/band-layout`, { layout: { ...layout, top: 0.97 }, version })
    expect(outside.status).toBe(400)
    expect(JSON.stringify(outside.body)).toMatch(/ngoài trang/)
    const unknownField = await keyer.put(`/api/books/${bookId}/band-layout`, { layout: { ...layout, columns: [{ key: 'khongCo', left: 0.1, right: 0.2 }] }, version })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body.message).toMatch(/khongCo/)
    const twice = await keyer.put(`/api/books/${bookId}/band-layout`, { layout: { ...layout, columns: [{ key: 'so', left: 0.1, right: 0.2 }, { key: 'so', left: 0.2, right: 0.3 }] }, version })
    expect(twice.status).toBe(400)
    const reversed = await keyer.put(`/api/books/${bookId}/band-layout`, { layout: { ...layout, columns: [{ key: 'so', left: 0.3, right: 0.2 }] }, version })
    expect(reversed.status).toBe(400)
    expect((await keyer.put(`/api/books/${bookId}/band-layout`, { layout, version: 'một' })).status).toBe(400)
    expect((await keyer.put(`/api/books/${bookId}/band-layout`, { version })).status).toBe(400)
  })

  it('another unit\'s book is 404 to read and to mark; the police (who do not key) are refused', async () => {
    expect((await outsider.get(`/api/books/${bookId}/band-layout`)).status).toBe(404)
    expect((await outsider.put(`/api/books/${bookId}/band-layout`, { layout, version: 1 })).status).toBe(404)
    expect((await police.put(`/api/books/${bookId}/band-layout`, { layout, version: 1 })).status).toBe(403)
    expect((await keyer.get('/api/books/00000000-0000-4000-8000-000000000000/band-layout')).status).toBe(404)
  })
})

describe('page corrections', () => {
  it('a page\'s correction is kept beside the layout (its version unchanged); a neutral one removes it', async () => {
    const before = (await keyer.get(`/api/books/${bookId}/band-layout`)).body
    const page = pageIds[1] ?? ''
    const corrected = await keyer.put(`/api/pages/${page}/band-correction`, { dy: 0.01, scale: 1.02 })
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200)
    expect(corrected.body.corrections).toEqual([{ pageId: page, dy: 0.01, scale: 1.02 }])
    expect(corrected.body.version).toBe(before.version)
    expect((await auditRows(server, page)).map((r) => r.action)).toContain('page.bandCorrection')
    const moved = await keyer.put(`/api/pages/${page}/band-correction`, { dy: 0.012 })
    expect(moved.body.corrections).toEqual([{ pageId: page, dy: 0.012 }])
    const neutral = await keyer.put(`/api/pages/${page}/band-correction`, { dy: 0, scale: 1 })
    expect(neutral.body.corrections).toEqual([])
  })

  it('out of range or missing values are 400; another unit\'s page 404; a book without bands 409', async () => {
    const page = pageIds[0] ?? ''
    expect((await keyer.put(`/api/pages/${page}/band-correction`, { dy: 0.9 })).status).toBe(400)
    expect((await keyer.put(`/api/pages/${page}/band-correction`, { dy: 0, scale: 10 })).status).toBe(400)
    expect((await keyer.put(`/api/pages/${page}/band-correction`, {})).status).toBe(400)
    expect((await outsider.put(`/api/pages/${page}/band-correction`, { dy: 0.01 })).status).toBe(404)
    expect((await police.put(`/api/pages/${page}/band-correction`, { dy: 0.01 })).status).toBe(403)
    const bare = (await createBook(officer, server, '98001', { volume: '37' })).id
    const upload = await uploadScans(officer, bare, [{ name: 'p.jpg', data: await ruledPage({ ...DEFAULT_RULED_LAYOUT, bands: 4, rows: [], seed: 9 }) }])
    await waitForJob(officer, upload.body.jobId ?? '')
    const barePage = (await officer.get(`/api/books/${bare}/pages`)).body.items[0].id as string
    const refused = await keyer.put(`/api/pages/${barePage}/band-correction`, { dy: 0.01 })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toBe(NO_LAYOUT)
  })
})

describe('ruled lines of a page', () => {
  it('finds the bands\' horizontal rules, their pitch and the column rules of the page image', async () => {
    const response = await keyer.get(`/api/pages/${pageIds[1] ?? ''}/rules`)
    expect(response.status).toBe(200)
    const { horizontal, vertical, pitch } = response.body as { horizontal: number[]; vertical: number[]; pitch: number }
    expect(horizontal).toHaveLength(11)
    // The second page is ruled 1% lower.
    expect(horizontal[0]).toBeCloseTo(DEFAULT_RULED_LAYOUT.top + 0.01, 2)
    expect(pitch).toBeCloseTo(DEFAULT_RULED_LAYOUT.height, 2)
    expect(vertical).toHaveLength(DEFAULT_RULED_LAYOUT.boundaries.length)
    vertical.forEach((x, i) => expect(x).toBeCloseTo(DEFAULT_RULED_LAYOUT.boundaries[i] ?? 0, 2))
    expect((await auditRows(server, pageIds[1] ?? '')).map((r) => r.action)).toContain('page.rules')
  })

  it('another unit\'s page is 404, a malformed id 400', async () => {
    expect((await outsider.get(`/api/pages/${pageIds[0] ?? ''}/rules`)).status).toBe(404)
    expect((await keyer.get('/api/pages/khong-phai-ma/rules')).status).toBe(400)
  })
})
