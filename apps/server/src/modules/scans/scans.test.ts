import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { buildPdf, buildPng, buildTiff, buildTruncatedJpeg, uploadScans, waitForJob } from './scan-fixtures'

// Small limit so that the over-size case needs only a small file; read when the server starts.
process.env.MAX_UPLOAD_MB = '1'

let server: TestServer
let officer: Client
let bookId: string

interface Page {
  id: string
  position: number
  status: string
  kind: string
  rotation: number
  width: number
  height: number
  imageUrl: string
  thumbnailUrl: string
  imageSha256: string
  fileName: string
  sourcePage: number
  version: number
}
const pagesOf = async (id = bookId, client = officer) => (await client.get(`/api/books/${id}/pages`)).body.items as Page[]

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  bookId = (await createBook(officer, server)).id
})
afterAll(async () => server?.close())

describe('scan upload', () => {
  it('splits a PDF and a TIFF into pages, reads the type from the bytes, and refuses bad files one by one', async () => {
    const upload = await uploadScans(officer, bookId, [
      { name: 'so-khai-sinh.pdf', data: await buildPdf(3), type: 'application/pdf' },
      { name: 'trang-4-5.tif', data: await buildTiff(['#ff0000', '#0000ff']) },
      { name: 'hong.jpg', data: await buildTruncatedJpeg(), type: 'image/jpeg' },
      { name: 'anh-that-la-png.pdf', data: await buildPng(), type: 'application/pdf' },
      { name: 'ghi-chu.jpg', data: Buffer.from('Đây là một tệp văn bản, không phải ảnh.\n'), type: 'image/jpeg' },
      { name: 'qua-lon.png', data: Buffer.concat([await buildPng(), Buffer.alloc(1_200_000, 7)]) },
    ])
    expect(upload.status).toBe(201)
    const [pdf, tiff, corrupt, png, text, big] = upload.body.results
    expect(pdf).toMatchObject({ status: 'accepted', mimeType: 'application/pdf', pageCount: 3, firstPosition: 1, lastPosition: 3, alreadyStored: false })
    expect(tiff).toMatchObject({ status: 'accepted', mimeType: 'image/tiff', pageCount: 2, firstPosition: 4, lastPosition: 5 })
    expect(corrupt).toMatchObject({ status: 'rejected', uploadId: null })
    expect(corrupt?.message).toMatch(/"hong\.jpg".*JPEG bị hỏng/)
    expect(png).toMatchObject({ status: 'accepted', mimeType: 'image/png', pageCount: 1, firstPosition: 6 })
    expect(text).toMatchObject({ status: 'rejected' })
    expect(text?.message).toMatch(/"ghi-chu\.jpg".*Không phải ảnh quét hoặc PDF/)
    expect(big).toMatchObject({ status: 'rejected' })
    expect(big?.message).toMatch(/"qua-lon\.png" lớn hơn mức cho phép 1 MB/)
    expect(upload.body.pagesAdded).toBe(6)

    const job = await waitForJob(officer, upload.body.jobId ?? '')
    expect(job).toMatchObject({ status: 'succeeded', result: { pagesTotal: 6, pagesDone: 6, pagesFailed: 0 } })
    const pages = await pagesOf()
    expect(pages.map((p) => [p.position, p.status, p.fileName, p.sourcePage])).toEqual([
      [1, 'ready', 'so-khai-sinh.pdf', 1], [2, 'ready', 'so-khai-sinh.pdf', 2], [3, 'ready', 'so-khai-sinh.pdf', 3],
      [4, 'ready', 'trang-4-5.tif', 1], [5, 'ready', 'trang-4-5.tif', 2], [6, 'ready', 'anh-that-la-png.pdf', 1],
    ])
    // A4 portrait PDF page: 1600 px on its long side; the dark block is really painted.
    expect(pages[0]).toMatchObject({ height: 1600, width: 1131 })
    const image = await officer.fetch(pages[0]?.imageUrl ?? '')
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/jpeg')
    expect(image.headers.get('etag')).toBe(`"${pages[0]?.imageSha256}"`)
    // Page images are personal data: never kept in a browser or proxy cache (issue 14).
    expect(image.headers.get('cache-control')).toBe('no-store')
    const stats = await sharp(Buffer.from(await image.arrayBuffer())).stats()
    expect(stats.channels[0]?.min).toBeLessThan(60)
    // TIFF page 2 is the blue one: the page index reached sharp.
    const thumb = Buffer.from(await (await officer.fetch(pages[4]?.thumbnailUrl ?? '')).arrayBuffer())
    const blue = await sharp(thumb).stats()
    expect(blue.channels[2]?.mean).toBeGreaterThan(200)
    expect(blue.channels[0]?.mean).toBeLessThan(50)
    expect((await sharp(thumb).metadata()).height).toBe(200)
    // The browser's copy is still good: 304 without a body.
    const again = await officer.fetch(pages[0]?.imageUrl ?? '', { headers: { 'if-none-match': `"${pages[0]?.imageSha256}"` } })
    expect(again.status).toBe(304)

    const audit = await auditRows(server, bookId)
    const uploadAudit = audit.find((r) => r.action === 'scan.upload')
    expect((uploadAudit?.details as { files: unknown[] }).files).toHaveLength(6)
    expect(audit.some((r) => r.action === 'page.list')).toBe(true)
    expect((await auditRows(server, pages[0]?.id ?? '')).map((r) => r.action)).toEqual(['page.view'])
  })

  it('stores the same file once: a second upload to the book is a duplicate, to another book it reuses the stored bytes', async () => {
    const pdf = await buildPdf(2, 'Trung')
    const first = await uploadScans(officer, bookId, [{ name: 'a.pdf', data: pdf }])
    expect(first.status).toBe(201)
    await waitForJob(officer, first.body.jobId ?? '')
    const before = (await pagesOf()).length
    const second = await uploadScans(officer, bookId, [{ name: 'a-ban-sao.pdf', data: pdf }])
    expect(second.status).toBe(200)
    expect(second.body.results[0]).toMatchObject({ status: 'duplicate', alreadyStored: true, uploadId: first.body.results[0]?.uploadId })
    expect(second.body.results[0]?.message).toMatch(/đã được tải lên sổ này \(tệp "a\.pdf", trang \d+-\d+\)/)
    expect((await pagesOf()).length).toBe(before)

    const otherBook = (await createBook(officer, server, '98001', { volume: '02/2024' })).id
    const third = await uploadScans(officer, otherBook, [{ name: 'a.pdf', data: pdf }])
    expect(third.body.results[0]).toMatchObject({ status: 'accepted', alreadyStored: true })
    await waitForJob(officer, third.body.jobId ?? '')
    const sha = first.body.results[0]?.sha256 ?? ''
    const copies = fs.readdirSync(path.join(server.services.files.location, sha.slice(0, 2), sha.slice(2, 4))).filter((n) => n === sha)
    expect(copies).toHaveLength(1)
  })

  it('refuses a request where every file is bad with 422 and the reasons', async () => {
    const truncatedPdf = (await buildPdf(2)).subarray(0, 400)
    const response = await uploadScans(officer, bookId, [
      { name: 'readme.txt', data: Buffer.from('xin chào') },
      { name: 'so-hong.pdf', data: Buffer.concat([Buffer.from('%PDF-1.7\n'), truncatedPdf.subarray(9), Buffer.alloc(2000, 0x41)]) },
    ])
    expect(response.status).toBe(422)
    expect(response.body.message).toMatch(/Không tệp nào được nhận/)
    expect(response.body.results[0]?.message).toMatch(/readme\.txt/)
    expect(response.body.results[1]).toMatchObject({ status: 'rejected', mimeType: null })
    expect(response.body.results[1]?.message).toMatch(/"so-hong\.pdf": Tệp PDF bị hỏng/)
  })
})

describe('pages', () => {
  it('reorders, rotates (re-deriving from the unrotated image) and marks blank/cover, with audit', async () => {
    const book = (await createBook(officer, server, '98001', { volume: '03/2024' })).id
    const upload = await uploadScans(officer, book, [{ name: 'b.pdf', data: await buildPdf(3, 'So B') }])
    await waitForJob(officer, upload.body.jobId ?? '')
    const pages = await pagesOf(book)
    const reversed = [...pages].reverse().map((p) => p.id)
    const reordered = await officer.put(`/api/books/${book}/pages/order`, { pageIds: reversed })
    expect(reordered.status).toBe(200)
    expect((await pagesOf(book)).map((p) => p.id)).toEqual(reversed)
    expect((await pagesOf(book)).map((p) => p.position)).toEqual([1, 2, 3])
    const incomplete = await officer.put(`/api/books/${book}/pages/order`, { pageIds: reversed.slice(0, 2) })
    expect(incomplete.status).toBe(409)
    expect(incomplete.body.message).toMatch(/không khớp với sổ \(sổ có 3 trang, gửi lên 2\)/)

    const page = pages[0] as Page
    const turned = await officer.patch(`/api/pages/${page.id}`, { rotation: 90 })
    expect(turned.status).toBe(200)
    expect(turned.body).toMatchObject({ rotation: 90, width: page.height, height: page.width })
    expect(turned.body.imageSha256).not.toBe(page.imageSha256)
    const back = await officer.patch(`/api/pages/${page.id}`, { rotation: 0, kind: 'cover', version: turned.body.version })
    expect(back.body).toMatchObject({ rotation: 0, kind: 'cover', kindLabel: 'Bìa', imageSha256: page.imageSha256 })
    const stale = await officer.patch(`/api/pages/${page.id}`, { kind: 'blank', version: turned.body.version })
    expect(stale.status).toBe(409)
    expect((await officer.patch(`/api/pages/${page.id}`, { rotation: 45 })).status).toBe(400)
    const actions = (await auditRows(server, page.id)).map((r) => r.action)
    expect(actions).toEqual(['page.update', 'page.update'])
    expect((await auditRows(server, book)).map((r) => r.action)).toContain('page.reorder')
  })

  it('deletes a page not linked to an entry and closes the gap; an upload without pages may be uploaded again', async () => {
    const book = (await createBook(officer, server, '98001', { volume: '05/2024' })).id
    const pdf = await buildPdf(3, 'Xoa')
    const upload = await uploadScans(officer, book, [{ name: 'nham-so.pdf', data: pdf }])
    await waitForJob(officer, upload.body.jobId ?? '')
    const [p1, p2, p3] = await pagesOf(book)
    const entry = await officer.post(`/api/books/${book}/entries`, { fields: buildBirthFields(), pageIds: [p2?.id] })
    expect(entry.status).toBe(201)
    const refused = await officer.delete(`/api/pages/${p2?.id}`)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/Trang 2 đang gắn với 1 trường hợp/)
    const deleted = await officer.delete(`/api/pages/${p1?.id}`)
    expect(deleted.status).toBe(200)
    expect((await pagesOf(book)).map((p) => [p.id, p.position])).toEqual([[p2?.id, 1], [p3?.id, 2]])
    expect((await auditRows(server, p1?.id ?? '')).map((r) => r.action)).toEqual(['page.delete'])

    await officer.put(`/api/entries/${entry.body.id}`, { fields: buildBirthFields(), version: entry.body.version, pageIds: [] })
    expect((await officer.delete(`/api/pages/${p2?.id}`)).status).toBe(200)
    expect((await officer.delete(`/api/pages/${p3?.id}`)).status).toBe(200)
    expect(await pagesOf(book)).toEqual([])
    const again = await uploadScans(officer, book, [{ name: 'dung-so.pdf', data: pdf }])
    expect(again.body.results[0]).toMatchObject({ status: 'accepted', alreadyStored: true, firstPosition: 1 })
  })

  it("another commune's officer gets 404 on the book's pages, images and changes; a leader may view but not upload", async () => {
    const pages = await pagesOf()
    const other = await server.login('tuphap.binhminh')
    expect((await other.get(`/api/books/${bookId}/pages`)).status).toBe(404)
    expect((await other.fetch(pages[0]?.imageUrl ?? '')).status).toBe(404)
    expect((await other.patch(`/api/pages/${pages[0]?.id}`, { kind: 'blank' })).status).toBe(404)
    expect((await other.put(`/api/books/${bookId}/pages/order`, { pageIds: pages.map((p) => p.id) })).status).toBe(404)
    expect((await other.delete(`/api/pages/${pages[0]?.id}`)).status).toBe(404)
    expect((await uploadScans(other, bookId, [{ name: 'x.png', data: await buildPng() }])).status).toBe(404)
    const leader = await server.login('lanhdao.anphu')
    expect((await leader.get(`/api/books/${bookId}/pages`)).status).toBe(200)
    expect((await uploadScans(leader, bookId, [{ name: 'x.png', data: await buildPng() }])).status).toBe(403)
    expect((await pagesOf()).length).toBe(pages.length)
  })
})

describe('rendering job', () => {
  it('resumes after a crash with the pages still pending (a job left running by a dead process)', async () => {
    const book = (await createBook(officer, server, '98001', { volume: '06/2024' })).id
    const upload = await uploadScans(officer, book, [{ name: 'd.pdf', data: await buildPdf(3, 'Resume') }])
    const jobId = upload.body.jobId ?? ''
    await waitForJob(officer, jobId)
    const [, p2, p3] = await pagesOf(book)
    // As if the process died after page 1: pages 2-3 pending, the job "running" with an old heartbeat.
    const { kysely } = server.db
    await kysely.updateTable('book_pages').set({ status: 'pending', image_sha256: null, thumb_sha256: null, base_sha256: null })
      .where('id', 'in', [p2?.id ?? '', p3?.id ?? '']).execute()
    await kysely.updateTable('jobs').set({ status: 'running', finished_at: null, result: null, heartbeat_at: new Date(Date.now() - 10 * 60_000) })
      .where('id', '=', jobId).execute()
    server.services.jobs.wake()
    const deadline = Date.now() + 30_000
    while ((await pagesOf(book)).some((p) => p.status !== 'ready') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    const pages = await pagesOf(book)
    expect(pages.map((p) => p.status)).toEqual(['ready', 'ready', 'ready'])
    expect(pages[1]?.imageSha256).toBe(p2?.imageSha256)
    expect(await waitForJob(officer, jobId)).toMatchObject({ status: 'succeeded', result: { pagesTotal: 3, pagesDone: 3 } })
  })
})

describe('file integrity', () => {
  it('a stored file changed on disk is refused on read and reported by the integrity check; a deleted one is reported missing', async () => {
    const book = (await createBook(officer, server, '98001', { volume: '04/2024' })).id
    const upload = await uploadScans(officer, book, [{ name: 'c.png', data: await buildPng(700, 900, '#c0ffee') }])
    await waitForJob(officer, upload.body.jobId ?? '')
    const [page] = await pagesOf(book)
    const store = server.services.files.location
    const file = (sha: string) => path.join(store, sha.slice(0, 2), sha.slice(2, 4), sha)
    const imageFile = file(page?.imageSha256 ?? '')
    fs.writeFileSync(imageFile, Buffer.concat([fs.readFileSync(imageFile), Buffer.from('tampered')]))
    const read = await officer.fetch(page?.imageUrl ?? '')
    expect(read.status).toBe(500)
    expect(((await read.json()) as { message: string }).message).toMatch(/đã bị thay đổi hoặc hỏng \(mã băm không khớp\)/)
    fs.rmSync(file(upload.body.results[0]?.sha256 ?? ''))

    const admin = await server.login('admin')
    expect((await officer.post('/api/files/verify')).status).toBe(403)
    const started = await admin.post('/api/files/verify')
    expect(started.status).toBe(202)
    const job = await waitForJob(admin, started.body.jobId)
    const result = job.result as { corruptCount: number; missingCount: number; corrupt: Array<{ sha256: string; references: Array<{ label: string; bookId: string }> }>; missing: Array<{ sha256: string; references: Array<{ label: string }> }>; message: string }
    expect(result.corruptCount).toBe(1)
    expect(result.corrupt[0]).toMatchObject({ sha256: page?.imageSha256, references: [{ label: 'Ảnh trang 1', bookId: book }] })
    expect(result.missingCount).toBe(1)
    expect(result.missing[0]?.references[0]?.label).toBe('Tệp gốc "c.png"')
    expect(result.message).toMatch(/1 tệp bị thay đổi\/hỏng, 1 tệp bị thiếu/)
  })
})
