import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PageOcrView } from '@hts/domain'
import { createBook } from '../../test/factories'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { uploadScans, waitForJob } from '../scans/scan-fixtures'
import { createTesseractEngine, prepareImage } from './engine'
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

describe('the image as Tesseract is given it', () => {
  /** A 1200 × 1700 page: yellowed paper lit unevenly, a dark folded corner, a black bar of print, a red stamp. */
  async function scan(): Promise<Buffer> {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1700">
      <defs><radialGradient id="l" cx="80%" cy="20%" r="90%"><stop offset="0" stop-color="#f6f1e3"/><stop offset="1" stop-color="#8a8578"/></radialGradient></defs>
      <rect width="1200" height="1700" fill="url(#l)"/>
      <polygon points="0,0 400,0 0,400" fill="#3a3530" opacity="0.6"/>
      <rect x="30" y="60" width="80" height="16" fill="#141414"/>
      <rect x="600" y="900" width="400" height="20" fill="#141414"/>
      <circle cx="700" cy="1300" r="150" fill="none" stroke="#c8102e" stroke-width="14" opacity="0.8"/>
    </svg>`
    return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer()
  }

  it('divides out the lighting and the folded corner, drops the red stamp, keeps the print dark, enlarges to 2800 px', async () => {
    const prepared = await prepareImage(await scan())
    expect((await sharp(prepared).metadata()).channels).toBe(1)
    const { data, info } = await sharp(prepared).extractChannel(0).raw().toBuffer({ resolveWithObject: true })
    expect(Math.abs(Math.max(info.width, info.height) - 2800)).toBeLessThanOrEqual(2)
    const k = 2800 / 1700
    const at = (x: number, y: number) => data[Math.round(y * k) * info.width + Math.round(x * k)] ?? -1
    expect(at(1100, 100)).toBeGreaterThan(240) // lit paper
    expect(at(100, 1600)).toBeGreaterThan(240) // paper in the shadow
    expect(at(60, 150)).toBeGreaterThan(200) // paper under the folded corner
    expect(at(800, 910)).toBeLessThan(60) // print
    expect(at(70, 68)).toBeLessThan(100) // print under the folded corner
    expect(at(850, 1300)).toBeGreaterThan(200) // the stamp's ring
  })
})
