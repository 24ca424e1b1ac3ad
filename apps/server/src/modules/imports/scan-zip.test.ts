/** Per-entry PDFs in and out: attach from a zip named by the MOJ convention, export in the package, round trip. */
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { createBook } from '../../test/factories'
import { buildZip, download, importFile, readZip, syntheticBirthRow, waitForJob } from '../../test/import-helpers'
import { buildPdf } from '../scans/scan-fixtures'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
})
afterAll(async () => server?.close())

async function attach(client: Client, bookId: string, zip: Buffer) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(zip)], { type: 'application/zip' }), 'anh-quet.zip')
  const response = await client.fetch(`/api/books/${bookId}/scans-zip`, { method: 'POST', body: form })
  return { status: response.status, body: (await response.json()) as any }
}

const pages = async (pdf: Buffer) => (await PDFDocument.load(pdf)).getPageCount()

describe('scans from a zip of PDFs, and PDFs in the MOJ package', () => {
  it('attaches PDFs named by the convention, lists the rest, exports them back and round-trips into an empty system', async () => {
    const officer = await server.login('tuphap.anphu')
    const book = await createBook(officer, server, '98001', { volume: '01/2008', year: 2008, openedOn: '2008-01-02', closedOn: '2008-12-31' })
    const ids: string[] = []
    for (const [so, date] of [['1', '15.01.2008'], ['2', '16.01.2008'], ['3', '17.01.2008']] as const) {
      const created = await officer.post(`/api/books/${book.id}/entries`, { fields: { ...syntheticBirthRow(Number(so), 2008, '01/2008'), so, ngayDangKy: date, nksNgaySinh: '01.01.2008' } })
      expect(created.status).toBe(201)
      ids.push(created.body.id)
    }
    const zip = await buildZip([
      ['KS.2008.01.2008-01-15.001.pdf', await buildPdf(1, 'So 1')],
      ['scans/KS.2008.01.2008-01-16.002.pdf', await buildPdf(2, 'So 2')],
      ['KS.2008.01.2008-01-17.003.pdf', await buildPdf(3, 'So 3')],
      ['KS.2008.01.2008-01-18.009.pdf', await buildPdf(1)],
      ['KT.2008.01.2008-01-15.001.pdf', await buildPdf(1)],
      ['anh-bia.jpg', Buffer.from('not a pdf')],
    ])
    const result = await attach(officer, book.id, zip)
    expect(result.status).toBe(200)
    expect(result.body.attached).toBe(2)
    expect(result.body.skipped).toEqual([{ name: 'anh-bia.jpg', reason: 'Không phải tệp PDF' }])
    const reasons = Object.fromEntries(result.body.unmatched.map((u: any) => [u.name, u.reason]))
    expect(reasons['KS.2008.01.2008-01-17.003.pdf']).toMatch(/3 trang/)
    expect(reasons['KS.2008.01.2008-01-18.009.pdf']).toMatch(/Không có trường hợp số 9/)
    expect(reasons['KT.2008.01.2008-01-15.001.pdf']).toMatch(/không phải sổ này/)
    for (const jobId of result.body.jobIds) expect((await waitForJob(officer, jobId)).status).toBe('succeeded')
    expect((await officer.get(`/api/entries/${ids[0]}`)).body.pageIds).toHaveLength(1)
    expect((await officer.get(`/api/entries/${ids[1]}`)).body.pageIds).toHaveLength(2)
    expect((await officer.get(`/api/entries/${ids[2]}`)).body.pageIds).toEqual([])
    const again = await attach(officer, book.id, zip)
    expect(again.body.attached).toBe(0)
    expect(again.body.unmatched.find((u: any) => u.name === 'KS.2008.01.2008-01-15.001.pdf').reason).toMatch(/đã có trang ảnh/)

    const pkg = await download(officer, `/api/books/${book.id}/package.zip`)
    expect(pkg.status).toBe(200)
    const outer = await readZip(pkg.bytes)
    expect([...outer.keys()].sort()).toEqual(['THIEU_BAN_QUET.txt', 'xaanphu_tsh.KS.2008.01.xlsx', 'xaanphu_tsh.KS.2008.01.zip'])
    expect(outer.get('THIEU_BAN_QUET.txt')!.toString('utf8')).toMatch(/số 3, ngày đăng ký 17\.01\.2008/)
    const inner = await readZip(outer.get('xaanphu_tsh.KS.2008.01.zip')!)
    expect([...inner.keys()]).toEqual(['KS.2008.01.2008-01-15.001.pdf', 'KS.2008.01.2008-01-16.002.pdf'])
    expect(await pages(inner.get('KS.2008.01.2008-01-15.001.pdf')!)).toBe(1)
    expect(await pages(inner.get('KS.2008.01.2008-01-16.002.pdf')!)).toBe(2)

    // The whole package into an empty system: the Excel, then the zip of PDFs.
    const empty = await startTestServer({ jobRunner: { pollMs: 50 } })
    try {
      const other = await empty.login('tuphap.anphu')
      const imported = await importFile(other, 'xaanphu_tsh.KS.2008.01.xlsx', outer.get('xaanphu_tsh.KS.2008.01.xlsx')!)
      expect(imported.counts).toMatchObject({ accepted: 3 })
      const bookId = imported.analysis.routes[0].bookId as string
      const attached = await attach(other, bookId, outer.get('xaanphu_tsh.KS.2008.01.zip')!)
      expect(attached.body).toMatchObject({ attached: 2, unmatched: [] })
    } finally {
      await empty.close()
    }
  })

  it('refuses a zip with ../ paths or a bomb, and writes nothing', async () => {
    const officer = await server.login('tuphap.anphu')
    const book = await createBook(officer, server, '98001', { volume: '02/2008', year: 2008, openedOn: null, closedOn: null })
    const traversal = await attach(officer, book.id, await buildZip([['../../KS.2008.02.2008-01-15.001.pdf', await buildPdf(1)]]))
    expect(traversal.status).toBe(422)
    expect(traversal.body.message).toMatch(/đường dẫn không hợp lệ/)
    const bomb = await attach(officer, book.id, await buildZip([['KS.2008.02.2008-01-15.001.pdf', Buffer.alloc(60 * 1024 * 1024)]]))
    expect(bomb.status).toBe(422)
    expect(bomb.body.message).toMatch(/bom nén/)
    const pagesOfBook = await server.db.kysely.selectFrom('book_pages').select('id').where('book_id', '=', book.id).execute()
    expect(pagesOfBook).toEqual([])
    expect((await attach(await server.login('tuphap.binhminh'), book.id, await buildZip([['a.pdf', await buildPdf(1)]]))).status).toBe(404)
    expect((await attach(await server.login('congan.anphu'), book.id, await buildZip([['a.pdf', await buildPdf(1)]]))).status).toBe(403)
  })
})
