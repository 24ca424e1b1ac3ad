import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PageOcrView } from '@hts/domain'
import { createBook } from '../../test/factories'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { uploadScans, waitForJob } from '../scans/scan-fixtures'
import { createTesseractEngine } from './engine'
import { EXPECTED_FIELDS, printedPage } from './ocr-fixtures'

/**
 * The real engine on a generated printed page (two birth entries in DejaVu Serif): uploaded like a
 * scan, rendered by the scans job, read by the 'ocr.page' job with Tesseract's Vietnamese model,
 * anchored to the catalog's fields. One warm worker; the page takes a second or a few.
 */
let server: TestServer
let officer: Client

beforeAll(async () => {
  server = await startTestServer({ ocrEngine: createTesseractEngine() })
  officer = await server.login('tuphap.anphu')
})
afterAll(async () => server?.close())

describe("job 'ocr.page' with Tesseract", () => {
  it('reads a printed page into the right fields of its two entries', async () => {
    const book = await createBook(officer, server, '98001', { volume: '01/2018', year: 2018, openedOn: '2018-01-02', closedOn: '2018-12-31' })
    const upload = await uploadScans(officer, book.id, [{ name: 'trang-in.png', data: await printedPage() }])
    expect(upload.status).toBe(201)
    expect((await waitForJob(officer, upload.body.jobId ?? '')).status).toBe('succeeded')
    const pageId = ((await officer.get(`/api/books/${book.id}/pages`)).body as { items: { id: string }[] }).items[0]?.id ?? ''
    const [job] = await server.db.kysely.selectFrom('jobs').select('id').where('kind', '=', 'ocr.page').execute()
    expect((await waitForJob(officer, job?.id ?? '', 120_000)).status).toBe('succeeded')

    const view = PageOcrView.parse((await officer.get(`/api/pages/${pageId}/ocr`)).body)
    expect(view.status).toBe('done')
    expect(view.entries).toHaveLength(2)
    const read = view.entries.map((e) => Object.fromEntries(e.fields.map((f) => [f.key, f.value])))
    // Every expected field is found; a letter may be misread (counted below), never a field put in another's place.
    let right = 0
    let total = 0
    EXPECTED_FIELDS.forEach((expected, i) => {
      expect(Object.keys(read[i] ?? {}).sort()).toEqual(Object.keys(expected).sort())
      for (const [key, value] of Object.entries(expected)) {
        total++
        if (read[i]?.[key] === value) right++
      }
    })
    console.info(`ocr job: ${right}/${total} fields exact, ${view.ms} ms, confidence ${view.confidence}`)
    expect(right / total).toBeGreaterThanOrEqual(0.9)
    expect(view.confidence ?? 0).toBeGreaterThan(70)
  }, 180_000)
})
