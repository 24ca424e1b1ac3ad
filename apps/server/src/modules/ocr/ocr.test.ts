import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BookOcrView, PageOcrView } from '@hts/domain'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildPng, uploadScans, waitForJob } from '../scans/scan-fixtures'
import type { OcrEngine } from './engine'
import { textLines } from './ocr-fixtures'

/**
 * OCR pre-fill through the server (issue 16), with a stand-in engine that "reads" two printed
 * entries on every page (the real engine has its own test, ocr-job.test.ts): reads queued when pages
 * become ready and when a book's OCR is turned on, the page's proposals (audited), the book's
 * setting (versioned) and the accuracy measured from what keyers saved.
 */
const PRINTED = `
Số: 31 Quyển số: 01/2024
Người được khai sinh
Họ, chữ đệm, tên: NGUYỄN VĂN AN Giới tính: Nữ
Ngày, tháng, năm sinh: 02/03/2024
Người mẹ
Họ, chữ đệm, tên: TRẦN THỊ BÍCH Năm sinh: 1995
Số: 32 Quyển số: 01/2024
Người được khai sinh
Họ, chữ đệm, tên: LÊ THỊ HOA Giới tính: Nữ
`

let confidence = 91
let reads = 0
/** The size of each image the engine was given. */
const sizes: Array<{ width: number; height: number }> = []
const engine: OcrEngine = {
  name: 'test: printed text',
  async read(image) {
    reads++
    const { width, height } = await sharp(image).metadata()
    sizes.push({ width, height })
    return { lines: textLines(PRINTED, confidence), ms: 5 }
  },
  close: async () => {},
}

let server: TestServer
let officer: Client
let keyer: Client

beforeAll(async () => {
  server = await startTestServer({ ocrEngine: engine })
  officer = await server.login('tuphap.anphu')
  keyer = await server.login('sohoa.anphu')
})
afterAll(async () => server?.close())

async function pagesOf(bookId: string, files: { name: string; data: Buffer }[]): Promise<string[]> {
  const upload = await uploadScans(officer, bookId, files)
  expect(upload.status).toBe(201)
  expect((await waitForJob(officer, upload.body.jobId ?? '')).status).toBe('succeeded')
  const pages = await officer.get(`/api/books/${bookId}/pages`)
  return (pages.body as { items: { id: string }[] }).items.map((p) => p.id)
}

const ocrJobsOf = async (bookId: string) =>
  (await server.db.kysely.selectFrom('jobs').select(['id', 'params']).where('kind', '=', 'ocr.page').execute())
    .filter((j) => (j.params as { bookId?: string }).bookId === bookId)

/** Polls the page's read until it is no longer pending. */
async function readOf(client: Client, pageId: string): Promise<PageOcrView> {
  for (let i = 0; i < 300; i++) {
    const response = await client.get(`/api/pages/${pageId}/ocr`)
    expect(response.status).toBe(200)
    const view = PageOcrView.parse(response.body)
    if (view.status !== 'pending') return view
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`page ${pageId} still pending`)
}

async function bookOcr(client: Client, bookId: string): Promise<BookOcrView> {
  const response = await client.get(`/api/books/${bookId}/ocr`)
  expect(response.status).toBe(200)
  return BookOcrView.parse(response.body)
}

describe('reading pages', () => {
  it('reads a page of a printed book once it is ready; the proposals are the anchored entries, their read audited', async () => {
    const book = await createBook(officer, server, '98001', { volume: '31/2024' })
    const [pageId = ''] = await pagesOf(book.id, [{ name: 'p1.png', data: await buildPng() }])
    const view = await readOf(keyer, pageId)
    expect(view).toMatchObject({ pageId, status: 'done', statusLabel: 'Đã đọc', confidence: 91, ms: 5, error: null })
    expect(view.entries.map((e) => e.fields.map((f) => `${f.key}=${f.value}`))).toEqual([
      ['so=31', 'quyenSo=01/2024', 'nksHoTen=Nguyễn Văn An', 'nksGioiTinh=2', 'nksNgaySinh=02.03.2024', 'meHoTen=Trần Thị Bích', 'meNgaySinh=1995'],
      ['so=32', 'quyenSo=01/2024', 'nksHoTen=Lê Thị Hoa', 'nksGioiTinh=2'],
    ])
    const audit = (await auditRows(server, pageId)).filter((r) => r.action === 'page.ocr.read')
    expect(audit.length).toBeGreaterThan(0)
    expect(audit[0]?.details).toMatchObject({ bookId: book.id, entries: 2, fields: 11 })

    expect(await bookOcr(officer, book.id)).toEqual({
      bookId: book.id, available: true, enabled: true, pagesRead: 1, meanConfidence: 91, suggestOff: false, fieldsProposed: 0, fieldsKept: 0, version: 1,
    })
  })

  it('reads an uploaded image at its own resolution, not the 1600 px rendition the workbench shows', async () => {
    const book = await createBook(officer, server, '98001', { volume: '41/2024' })
    // Counted before the upload: the page may be read before the upload's job is seen to finish.
    const before = sizes.length
    const [pageId = ''] = await pagesOf(book.id, [{ name: 'a4-300dpi.png', data: await buildPng(2480, 3508, '#f4efe0') }])
    expect((await readOf(keyer, pageId)).status).toBe('done')
    expect(sizes.slice(before)).toContainEqual({ width: 2480, height: 3508 })
    expect(sizes.slice(before)).not.toContainEqual({ width: 1131, height: 1600 })
  })

  it('a page read again on request keeps one row, and the request is audited', async () => {
    const book = await createBook(officer, server, '98001', { volume: '32/2024' })
    const [pageId = ''] = await pagesOf(book.id, [{ name: 'p1.png', data: await buildPng(800, 1100, '#eeeeee') }])
    await readOf(keyer, pageId)
    const before = reads
    const again = await keyer.post(`/api/pages/${pageId}/ocr`)
    expect(again.status).toBe(202)
    expect(PageOcrView.parse(again.body).status).toBe('pending')
    expect((await readOf(keyer, pageId)).status).toBe('done')
    expect(reads).toBe(before + 1)
    expect(await server.db.kysely.selectFrom('page_ocr').select('page_id').where('page_id', '=', pageId).execute()).toHaveLength(1)
    expect((await auditRows(server, pageId)).some((r) => r.action === 'page.ocr.queue')).toBe(true)
  })

  it('a book begun before 2006 is not read by default: its pages say "off", no read is queued', async () => {
    const book = await createBook(officer, server, '98001', { volume: '33/1998', year: 1998, openedOn: '1998-01-02', closedOn: '1998-12-31' })
    const [pageId = ''] = await pagesOf(book.id, [{ name: 'p1.png', data: await buildPng(800, 1100, '#dddddd') }])
    expect((await bookOcr(officer, book.id))).toMatchObject({ available: true, enabled: false, pagesRead: 0 })
    expect(await ocrJobsOf(book.id)).toEqual([])
    expect(PageOcrView.parse((await keyer.get(`/api/pages/${pageId}/ocr`)).body)).toMatchObject({ status: 'off', entries: [] })
    // Asked for anyway: the keyer is told to turn the book's OCR on first.
    const refused = await keyer.post(`/api/pages/${pageId}/ocr`)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/OCR đang tắt/)
  })

  it('suggests turning OCR off when the pages read are poorly recognised', async () => {
    confidence = 42
    try {
      const book = await createBook(officer, server, '98001', { volume: '34/2024' })
      const pageIds = await pagesOf(book.id, await Promise.all(['#a0a0a0', '#a1a1a1', '#a2a2a2'].map(async (colour, i) => ({ name: `viet-tay-${i}.png`, data: await buildPng(800, 1100, colour) }))))
      for (const pageId of pageIds) await readOf(keyer, pageId)
      expect(await bookOcr(officer, book.id)).toMatchObject({ pagesRead: 3, meanConfidence: 42, suggestOff: true })
    } finally {
      confidence = 91
    }
  })
})

describe('the book\'s setting', () => {
  it('turning OCR off queues nothing for new pages; turning it on reads the pages not read yet; a stale version is 409', async () => {
    const book = await createBook(officer, server, '98001', { volume: '35/2024' })
    const off = await officer.put(`/api/books/${book.id}/ocr`, { enabled: false, version: 1 })
    expect(off.status).toBe(200)
    expect(BookOcrView.parse(off.body)).toMatchObject({ enabled: false, version: 2 })
    const [pageId = ''] = await pagesOf(book.id, [{ name: 'p1.png', data: await buildPng(800, 1100, '#cccccc') }])
    expect(await ocrJobsOf(book.id)).toEqual([])
    expect(PageOcrView.parse((await keyer.get(`/api/pages/${pageId}/ocr`)).body).status).toBe('off')

    const stale = await officer.put(`/api/books/${book.id}/ocr`, { enabled: true, version: 1 })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toMatch(/vừa được người khác thay đổi/)
    expect(BookOcrView.parse(stale.body.current)).toMatchObject({ enabled: false, version: 2 })

    const on = await officer.put(`/api/books/${book.id}/ocr`, { enabled: true, version: 2 })
    expect(on.status).toBe(200)
    expect(BookOcrView.parse(on.body)).toMatchObject({ enabled: true, version: 3 })
    expect(await ocrJobsOf(book.id)).toHaveLength(1)
    expect((await readOf(keyer, pageId)).entries).toHaveLength(2)
    const audit = (await auditRows(server, book.id)).filter((r) => r.action === 'book.ocr.update')
    expect(audit.map((r) => r.details)).toEqual([
      { enabled: [true, false], version: 2, pagesQueued: 0 },
      { enabled: [false, true], version: 3, pagesQueued: 1 },
    ])
  })

  it('refuses bad input with a 400 and those who may not edit the book with a 403', async () => {
    const book = await createBook(officer, server, '98001', { volume: '36/2024' })
    expect((await officer.put(`/api/books/${book.id}/ocr`, { enabled: 'có', version: 1 })).status).toBe(400)
    expect((await officer.put(`/api/books/${book.id}/ocr`, { enabled: true })).status).toBe(400)
    expect((await officer.get('/api/pages/khong-phai-id/ocr')).status).toBe(400)
    expect((await keyer.put(`/api/books/${book.id}/ocr`, { enabled: false, version: 1 })).status).toBe(403)
    expect((await bookOcr(officer, book.id)).version).toBe(1)
  })

  it('a type without a printed layout offers no OCR and cannot be turned on', async () => {
    const book = await createBook(officer, server, '98001', { bookType: 'KT', volume: '37/2024' })
    expect(await bookOcr(officer, book.id)).toMatchObject({ available: false, enabled: false })
    const on = await officer.put(`/api/books/${book.id}/ocr`, { enabled: true, version: 1 })
    expect(on.status).toBe(409)
    expect(on.body.message).toMatch(/chưa có mẫu trang in/)
  })
})

describe('scope and roles', () => {
  it('another unit\'s page and book answer 404; a role that neither keys nor checks gets no proposals (403)', async () => {
    const book = await createBook(officer, server, '98001', { volume: '38/2024' })
    const [pageId = ''] = await pagesOf(book.id, [{ name: 'p1.png', data: await buildPng(800, 1100, '#bbbbbb') }])
    await readOf(keyer, pageId)
    const other = await server.login('tuphap.binhminh')
    expect((await other.get(`/api/pages/${pageId}/ocr`)).status).toBe(404)
    expect((await other.post(`/api/pages/${pageId}/ocr`)).status).toBe(404)
    expect((await other.get(`/api/books/${book.id}/ocr`)).status).toBe(404)
    expect((await other.put(`/api/books/${book.id}/ocr`, { enabled: false, version: 1 })).status).toBe(404)
    for (const username of ['congan.anphu', 'lanhdao.anphu']) {
      const client = await server.login(username)
      expect((await client.get(`/api/pages/${pageId}/ocr`)).status).toBe(403)
      expect((await client.post(`/api/pages/${pageId}/ocr`)).status).toBe(403)
    }
    const audited = (await auditRows(server, pageId)).filter((r) => r.action === 'page.ocr.read')
    expect(audited.every((r) => r.user_id !== null)).toBe(true)
  })
})

describe('provenance', () => {
  it('a save carrying the OCR proposals records each field, changed or not, counted in the book\'s accuracy', async () => {
    const book = await createBook(officer, server, '98001', { volume: '39/2024' })
    const fields = buildBirthFields({ so: '31', nksHoTen: 'Nguyễn Văn An', nksGioiTinh: '1' })
    const ocr = [
      { key: 'so', proposed: '31', confidence: 91 },
      { key: 'nksHoTen', proposed: 'Nguyễn Văn An', confidence: 91 },
      // Proposed "Nữ", the keyer saw a boy: changed.
      { key: 'nksGioiTinh', proposed: '2', confidence: 55 },
    ]
    const created = await keyer.post(`/api/books/${book.id}/entries`, { fields, ocr })
    expect(created.status).toBe(201)
    const rows = await server.db.kysely.selectFrom('entry_ocr_fields').selectAll().where('entry_id', '=', created.body.id).orderBy('field_key').execute()
    expect(rows.map((r) => [r.field_key, r.proposed, r.changed])).toEqual([['nksGioiTinh', '2', true], ['nksHoTen', 'Nguyễn Văn An', false], ['so', '31', false]])
    expect(await bookOcr(officer, book.id)).toMatchObject({ fieldsProposed: 3, fieldsKept: 2 })

    // A later save's pass over a field replaces the earlier record: the mother's name kept, the name corrected.
    const updated = await keyer.put(`/api/entries/${created.body.id}`, {
      fields: { ...fields, nksHoTen: 'Nguyễn Văn Ân' },
      version: created.body.version,
      ocr: [{ key: 'nksHoTen', proposed: 'Nguyễn Văn An', confidence: 91 }, { key: 'meHoTen', proposed: 'Trần Thị Bích', confidence: 88 }],
    })
    expect(updated.status).toBe(200)
    expect(await bookOcr(officer, book.id)).toMatchObject({ fieldsProposed: 4, fieldsKept: 2 })
  })

  it('refuses provenance for a field the type does not have, and writes nothing', async () => {
    const book = await createBook(officer, server, '98001', { volume: '40/2024' })
    const response = await keyer.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields(), ocr: [{ key: 'khongCo', proposed: 'x', confidence: 50 }] })
    expect(response.status).toBe(400)
    expect(response.body.message).toMatch(/Ô đề xuất OCR không có trong danh mục/)
    const bad = await keyer.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields(), ocr: [{ key: 'so', proposed: '1', confidence: 150 }] })
    expect(bad.status).toBe(400)
    expect(await server.db.kysely.selectFrom('entries').select('id').where('book_id', '=', book.id).execute()).toEqual([])
  })
})
