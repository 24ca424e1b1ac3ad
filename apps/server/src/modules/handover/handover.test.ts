import { createHash } from 'node:crypto'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalFieldsJson, HandoverManifest } from '@hts/domain'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { download, readWorkbook, readZip } from '../../test/import-helpers'
import { buildPdf, uploadScans, waitForJob } from '../scans/scan-fixtures'

/**
 * Handover batches through the server (issue 11): sohoa.anphu keys, tuphap.anphu approves and hands
 * over; a correction with a reason takes an entry out of its batch and lists it for the next one; an
 * old batch's package keeps what was handed over.
 */
let server: TestServer
let keyer: Client
let officer: Client
let number = 0

beforeAll(async () => {
  server = await startTestServer()
  keyer = await server.login('sohoa.anphu')
  officer = await server.login('tuphap.anphu')
})
afterAll(async () => server?.close())

interface Entry { id: string; version: number; status: string }

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

async function keyedEntry(bookId: string, overrides: Record<string, string> = {}, pageIds: string[] = []): Promise<Entry> {
  number += 1
  const response = await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(number), ...overrides }), complete: true, pageIds })
  expect(response.status).toBe(201)
  return response.body as Entry
}

async function approvedEntry(bookId: string, overrides: Record<string, string> = {}, pageIds: string[] = []): Promise<Entry> {
  const entry = await keyedEntry(bookId, overrides, pageIds)
  const approved = await officer.post(`/api/entries/${entry.id}/transitions`, { action: 'approve', version: entry.version })
  expect(approved.status).toBe(200)
  return approved.body as Entry
}

const entryInDb = (id: string) => server.db.kysely.selectFrom('entries').select(['status', 'version', 'fields']).where('id', '=', id).executeTakeFirstOrThrow()
const batchCount = async (bookId: string) => (await server.db.kysely.selectFrom('handover_batches').select('id').where('book_id', '=', bookId).execute()).length

async function packageOf(client: Client, batchId: string) {
  const response = await download(client, `/api/handovers/${batchId}/package.zip`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/zip')
  const parts = await readZip(response.bytes)
  const manifestBytes = parts.get('manifest.json')
  if (!manifestBytes) throw new Error('no manifest.json')
  const manifest = HandoverManifest.parse(JSON.parse(manifestBytes.toString('utf8')))
  const excel = parts.get(manifest.excel.fileName)
  if (!excel) throw new Error(`no ${manifest.excel.fileName}`)
  const pdfZip = manifest.pdfZip ? parts.get(manifest.pdfZip.fileName) : undefined
  const missingScans = parts.get('THIEU_BAN_QUET.txt')?.toString('utf8')
  const expected = [manifest.excel.fileName, 'manifest.json', ...(pdfZip ? [manifest.pdfZip?.fileName ?? ''] : []), ...(missingScans ? ['THIEU_BAN_QUET.txt'] : [])]
  expect([...parts.keys()].sort()).toEqual(expected.sort())
  return { manifest, manifestBytes, excel, sheet: await readWorkbook(excel), pdfs: pdfZip ? await readZip(pdfZip) : new Map<string, Buffer>(), missingScans }
}

describe('refusals', () => {
  it('a book with nothing approved answers 422 in Vietnamese and writes nothing', async () => {
    const book = await createBook(officer, server, '98001', { volume: '02/2024' })
    const entry = await keyedEntry(book.id)
    const response = await officer.post(`/api/books/${book.id}/handovers`, {})
    expect(response.status).toBe(422)
    expect(response.body.message).toMatch(/chưa có trường hợp nào đã phê duyệt/)
    expect(await batchCount(book.id)).toBe(0)
    expect((await entryInDb(entry.id)).status).toBe('keyed')
  })

  it('refuses roles the transition table does not name, and a count that changed (409, nothing changed)', async () => {
    const book = await createBook(officer, server, '98001', { volume: '03/2024' })
    const entries = [await approvedEntry(book.id), await approvedEntry(book.id)]
    expect((await keyer.post(`/api/books/${book.id}/handovers`, {})).status).toBe(403)
    const province = await server.login('sotuphap')
    const notApprover = await province.post(`/api/books/${book.id}/handovers`, {})
    expect(notApprover.status).toBe(403)
    expect(notApprover.body.message).toMatch(/không được chuyển giao/)
    const stale = await officer.post(`/api/books/${book.id}/handovers`, { expectedCount: 3 })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toMatch(/\(2, không phải 3\)/)
    expect(await batchCount(book.id)).toBe(0)
    for (const e of entries) expect(await entryInDb(e.id)).toMatchObject({ status: 'approved', version: e.version })
    // One entry: the table's handOver is batch-only.
    const single = await officer.post(`/api/entries/${entries[0]?.id}/transitions`, { action: 'handOver', version: entries[0]?.version })
    expect(single.status).toBe(409)
  })
})

describe('a batch, a correction and the next batch', () => {
  let bookId: string
  let entries: Entry[]
  let firstBatch: { id: string; excelSha256: string; manifestSha256: string; entries: Array<{ entryId: string; version: number; sha256: string }> }
  let corrected: Entry

  beforeAll(async () => {
    bookId = (await createBook(officer, server, '98001', { volume: '04/2024' })).id
    entries = [
      await approvedEntry(bookId, { nksHoTen: 'Nguyễn Văn An' }),
      await approvedEntry(bookId, { nksHoTen: 'Trần Thị Bình' }),
      await approvedEntry(bookId, { nksHoTen: 'Lê Văn Cường' }),
    ]
    await keyedEntry(bookId, { nksHoTen: 'Phạm Thị Dung' })
  })

  it('hands over every approved entry: new versions and revisions, the manifest with each digest, audited', async () => {
    const before = await officer.get(`/api/books/${bookId}/handovers`)
    expect(before.body).toEqual({ ready: 3, canHandOver: true, items: [] })
    const response = await officer.post(`/api/books/${bookId}/handovers`, { expectedCount: 3 })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ bookId, entryCount: 3, createdByName: 'Trần Thị Minh Thư', skippedWithErrors: 0, packageUrl: `/api/handovers/${response.body.id}/package.zip` })
    firstBatch = response.body
    expect(firstBatch.entries.map((e) => e.entryId)).toEqual(entries.map((e) => e.id))
    for (const line of firstBatch.entries) {
      const row = await entryInDb(line.entryId)
      expect(row.status).toBe('handed_over')
      expect(line.version).toBe(row.version)
      expect(line.sha256).toBe(sha256(canonicalFieldsJson(row.fields)))
      const revision = await server.db.kysely.selectFrom('entry_revisions').select(['status', 'change_kind']).where('entry_id', '=', line.entryId).where('version', '=', line.version).executeTakeFirstOrThrow()
      expect(revision).toEqual({ status: 'handed_over', change_kind: 'transition:handOver' })
    }
    const bookAudit = (await auditRows(server, bookId)).find((r) => r.action === 'entry.handOver.bulk')
    expect(bookAudit?.details).toMatchObject({ batchId: firstBatch.id, entryIds: entries.map((e) => e.id) })
    expect((await auditRows(server, firstBatch.id)).map((r) => r.action)).toEqual(['handover.create'])
    const after = await officer.get(`/api/books/${bookId}/handovers`)
    expect(after.body.ready).toBe(0)
    expect(after.body.items).toEqual([expect.objectContaining({ id: firstBatch.id, entryCount: 3, createdByName: 'Trần Thị Minh Thư' })])
    expect((await officer.get(`/api/handovers/${firstBatch.id}`)).body.entries).toHaveLength(3)
  })

  it('the package: the MOJ Excel of the handed-over versions and a manifest whose hashes match', async () => {
    const pkg = await packageOf(officer, firstBatch.id)
    expect(sha256(pkg.excel)).toBe(pkg.manifest.excel.sha256)
    expect(pkg.manifest.excel.sha256).toBe(firstBatch.excelSha256)
    expect(sha256(pkg.manifestBytes)).toBe(firstBatch.manifestSha256)
    expect(pkg.manifest).toMatchObject({ batchId: firstBatch.id, book: { id: bookId, type: 'KS', volume: '04/2024' }, unit: { name: 'Xã An Phú' }, createdBy: { name: 'Trần Thị Minh Thư' } })
    expect(pkg.manifest.entries).toEqual(firstBatch.entries.map((e, i) => ({ id: e.entryId, so: String(number - 3 + i), ngayDangKy: '15.03.2024', version: e.version, sha256: e.sha256, pdf: null, pages: [] })))
    // No entry has a scanned page: no PDF to wait for, and the package says which entries lack one.
    expect((await officer.get(`/api/handovers/${firstBatch.id}`)).body.pdfs).toMatchObject({ status: 'none', expected: 0 })
    expect(pkg.pdfs.size).toBe(0)
    expect(pkg.missingScans).toMatch(/3 trường hợp/)
    expect(pkg.sheet.sheetNames).toEqual(['DL Import'])
    expect(pkg.sheet.rows.map((r) => r.nksHoTen)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'])
    const downloads = (await auditRows(server, firstBatch.id)).filter((r) => r.action === 'handover.download')
    expect(downloads).toHaveLength(1)
    expect(downloads[0]?.details).toMatchObject({ entryIds: entries.map((e) => e.id) })
  })

  it('a handed-over entry changes only with a reason, goes back to checked and is listed for re-handover', async () => {
    const target = entries[1] as Entry
    const current = await entryInDb(target.id)
    const fields = { ...current.fields, nksHoTen: 'Trần Thị Bích' }
    const noReason = await keyer.put(`/api/entries/${target.id}`, { fields, version: current.version })
    expect(noReason.status).toBe(422)
    expect(noReason.body.message).toMatch(/lý do đính chính/)
    expect((await entryInDb(target.id)).status).toBe('handed_over')
    const withReason = await keyer.put(`/api/entries/${target.id}`, { fields, version: current.version, reason: 'Đính chính tên theo quyết định số 12/QĐ-UBND' })
    expect(withReason.status).toBe(200)
    expect(withReason.body.status).toBe('checked')
    corrected = withReason.body as Entry
    const pending = await officer.get(`/api/books/${bookId}/handovers/pending-rehandover`)
    expect(pending.status).toBe(200)
    expect(pending.body.items).toEqual([expect.objectContaining({
      entryId: target.id, status: 'checked', statusLabel: 'Đã kiểm tra', batchId: firstBatch.id, handedOverVersion: current.version,
      reason: 'Đính chính tên theo quyết định số 12/QĐ-UBND', changeKind: 'correction', changedByName: 'Lê Văn Khoa', subjectName: 'Trần Thị Bích',
    })])
  })

  it('re-approved, it goes into the next batch; the old batch\'s package still shows what was handed over', async () => {
    const approved = await officer.post(`/api/entries/${corrected.id}/transitions`, { action: 'approve', version: corrected.version })
    expect(approved.status).toBe(200)
    expect((await officer.get(`/api/books/${bookId}/handovers`)).body.ready).toBe(1)
    const second = await officer.post(`/api/books/${bookId}/handovers`, { expectedCount: 1 })
    expect(second.status).toBe(201)
    expect(second.body.entries).toEqual([expect.objectContaining({ entryId: corrected.id, version: approved.body.version + 1, rehandover: true })])
    expect((await officer.get(`/api/books/${bookId}/handovers/pending-rehandover`)).body.items).toEqual([])
    const list = (await officer.get(`/api/books/${bookId}/handovers`)).body
    expect(list.items.map((b: { id: string }) => b.id)).toEqual([second.body.id, firstBatch.id])

    const old = await packageOf(officer, firstBatch.id)
    expect(old.sheet.rows.map((r) => r.nksHoTen)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'])
    expect(sha256(old.excel)).toBe(firstBatch.excelSha256)
    expect(sha256(old.manifestBytes)).toBe(firstBatch.manifestSha256)
    const next = await packageOf(officer, second.body.id)
    expect(next.sheet.rows.map((r) => r.nksHoTen)).toEqual(['Trần Thị Bích'])
    expect(next.manifest.entries[0]?.sha256).toBe(sha256(canonicalFieldsJson((await entryInDb(corrected.id)).fields)))
  })

  it('another unit\'s book and batch answer 404', async () => {
    const stranger = await server.login('tuphap.binhminh')
    expect((await stranger.get(`/api/books/${bookId}/handovers`)).status).toBe(404)
    expect((await stranger.post(`/api/books/${bookId}/handovers`, {})).status).toBe(404)
    expect((await stranger.get(`/api/books/${bookId}/handovers/pending-rehandover`)).status).toBe(404)
    expect((await stranger.get(`/api/handovers/${firstBatch.id}`)).status).toBe(404)
    expect((await download(stranger, `/api/handovers/${firstBatch.id}/package.zip`)).status).toBe(404)
    expect((await officer.get('/api/handovers/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })
})

describe('the entry PDFs (one per entry with scanned pages, built after the handover)', () => {
  const batchView = async (id: string) => (await officer.get(`/api/handovers/${id}`)).body as { pdfs: { status: string; done: number; expected: number; error: string | null } }
  async function pdfsReady(id: string) {
    const until = Date.now() + 60_000
    for (;;) {
      const { pdfs } = await batchView(id)
      if (pdfs.status !== 'building') return pdfs
      if (Date.now() > until) throw new Error(`PDFs of ${id} still building`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  it('names each entry\'s pages in the manifest and delivers one PDF per entry beside the Excel', async () => {
    const book = await createBook(officer, server, '98001', { volume: '06/2024' })
    const upload = await uploadScans(officer, book.id, [{ name: 'so.pdf', data: await buildPdf(3) }])
    expect((await waitForJob(officer, upload.body.jobId ?? '')).status).toBe('succeeded')
    const pages = (await officer.get(`/api/books/${book.id}/pages`)).body.items as Array<{ id: string }>
    const images = await server.db.kysely.selectFrom('book_pages').select(['id', 'image_sha256']).where('book_id', '=', book.id).execute()
    const imageOf = (id: string | undefined) => images.find((p) => p.id === id)?.image_sha256
    const [p1, p2, p3] = pages.map((p) => p.id)
    const twoPages = await approvedEntry(book.id, { nksHoTen: 'Đỗ Văn Hai', ngayDangKy: '02.04.2024' }, [p1 ?? '', p2 ?? ''])
    const onePage = await approvedEntry(book.id, { nksHoTen: 'Đỗ Thị Một', ngayDangKy: '03.04.2024' }, [p3 ?? ''])
    await approvedEntry(book.id, { nksHoTen: 'Đỗ Văn Không' })

    const created = await officer.post(`/api/books/${book.id}/handovers`, { expectedCount: 3 })
    expect(created.status).toBe(201)
    expect(created.body.pdfs).toMatchObject({ expected: 2 })
    expect(['building', 'ready']).toContain(created.body.pdfs.status)
    const early = await download(officer, `/api/handovers/${created.body.id}/package.zip`)
    if (early.status === 409) expect(JSON.parse(early.bytes.toString('utf8')).message).toMatch(/Đang tạo các tệp PDF/)
    else expect(early.status).toBe(200)

    expect(await pdfsReady(created.body.id)).toMatchObject({ status: 'ready', expected: 2, done: 2 })
    const pkg = await packageOf(officer, created.body.id)
    expect(pkg.manifest.format).toBe('hts.handover/2')
    expect(pkg.manifest.pdfZip?.fileName).toBe(pkg.manifest.excel.fileName.replace(/\.xlsx$/, '.zip'))
    const [first, second, third] = pkg.manifest.entries
    expect(first).toMatchObject({ id: twoPages.id, pdf: `KS.2024.06.2024-04-02.${String(number - 2).padStart(3, '0')}.pdf`, pages: [imageOf(p1), imageOf(p2)] })
    expect(second).toMatchObject({ id: onePage.id, pdf: `KS.2024.06.2024-04-03.${String(number - 1).padStart(3, '0')}.pdf`, pages: [imageOf(p3)] })
    expect(third).toMatchObject({ pdf: null, pages: [] })
    expect([...pkg.pdfs.keys()].sort()).toEqual([first?.pdf, second?.pdf].sort())
    const pageCount = async (name: string | null | undefined) => (await PDFDocument.load(pkg.pdfs.get(name ?? '') ?? Buffer.alloc(0))).getPageCount()
    expect(await pageCount(first?.pdf)).toBe(2)
    expect(await pageCount(second?.pdf)).toBe(1)
    expect(pkg.missingScans).toMatch(new RegExp(`số ${number}, ngày đăng ký 15.03.2024`))
    const audit = (await auditRows(server, created.body.id)).map((r) => r.action)
    expect(audit).toEqual(expect.arrayContaining(['handover.create', 'handover.pdfs', 'handover.download']))
    // Ready: nothing to rebuild.
    expect((await officer.post(`/api/handovers/${created.body.id}/pdfs`, {})).status).toBe(409)
  })

  it('a batch whose PDF job is gone says so, refuses the download with what to do, and builds them again on request', async () => {
    const book = await createBook(officer, server, '98001', { volume: '07/2024' })
    const upload = await uploadScans(officer, book.id, [{ name: 'so.pdf', data: await buildPdf(1) }])
    expect((await waitForJob(officer, upload.body.jobId ?? '')).status).toBe('succeeded')
    const [page] = (await officer.get(`/api/books/${book.id}/pages`)).body.items as Array<{ id: string }>
    await approvedEntry(book.id, {}, [page?.id ?? ''])
    const created = await officer.post(`/api/books/${book.id}/handovers`, { expectedCount: 1 })
    expect(created.status).toBe(201)
    await pdfsReady(created.body.id)
    // As when finished jobs are purged before the zip was recorded (the foreign key sets it to null).
    await server.db.kysely.updateTable('handover_batches').set({ pdf_job_id: null, pdf_zip_sha256: null, pdf_zip_size: null }).where('id', '=', created.body.id).execute()
    expect((await batchView(created.body.id)).pdfs).toMatchObject({ status: 'failed', error: 'Tác vụ tạo tệp PDF đã bị huỷ' })
    const refused = await download(officer, `/api/handovers/${created.body.id}/package.zip`)
    expect(refused.status).toBe(409)
    expect(JSON.parse(refused.bytes.toString('utf8')).message).toMatch(/Tạo lại tệp PDF/)
    const stranger = await server.login('tuphap.binhminh')
    expect((await stranger.post(`/api/handovers/${created.body.id}/pdfs`, {})).status).toBe(404)
    expect((await keyer.post(`/api/handovers/${created.body.id}/pdfs`, {})).status).toBe(403)
    const rebuilt = await officer.post(`/api/handovers/${created.body.id}/pdfs`, {})
    expect(rebuilt.status).toBe(200)
    expect(await pdfsReady(created.body.id)).toMatchObject({ status: 'ready', expected: 1 })
    expect((await packageOf(officer, created.body.id)).pdfs.size).toBe(1)
    expect((await auditRows(server, created.body.id)).map((r) => r.action)).toContain('handover.pdfs.rebuild')
  })
})
