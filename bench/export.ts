/**
 * Book package export benchmark (issue 4): a KS book of `--entries` entries (imported from a
 * generated file), each on one scanned page (`--images` distinct synthetic A4 page JPEGs, about the
 * size the scans module stores, cycled over the pages), then the MOJ package of the book
 * (GET /api/books/:id/package.zip: the Excel + the zip of one PDF per entry) downloaded in full.
 *
 *   npm run bench:export -- --entries 5000 [--images 200]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:export
 *
 * Last line: `export: S s for N entries (P PDFs, Z MB), peak RSS M MB (engine)`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import { Client } from '../apps/server/src/test/harness'
import { importFile, syntheticBirthRows, writeXlsxFile } from '../apps/server/src/test/import-helpers'
import { BENCH_PASSWORD, startBenchServer } from './lib/bench-server'

const { values } = parseArgs({ options: { entries: { type: 'string', default: '5000' }, images: { type: 'string', default: '200' } } })
const entries = Number(values.entries)
const images = Number(values.images)
const seconds = (from: number) => (performance.now() - from) / 1000
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

/** A page-like JPEG: paper tone, noise for handwriting texture, ruled lines; ~1600 px long side like the scans module's images. */
async function pageImage(i: number): Promise<Buffer> {
  const lines = Array.from({ length: 30 }, (_, k) => `<rect x="80" y="${120 + k * 36}" width="1000" height="2" fill="#555"/>`).join('')
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1131" height="1600"><rect width="100%" height="100%" fill="#efe6cf"/>${lines}<text x="90" y="90" font-size="40">Trang ${i}</text></svg>`)
  return sharp({ create: { width: 1131, height: 1600, channels: 3, background: '#efe6cf', noise: { type: 'gaussian', mean: 200, sigma: 18 } } })
    .composite([{ input: svg, blend: 'multiply' }])
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer()
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-bench-export-'))
const server = await startBenchServer()
try {
  const db = server.db.kysely
  const client = new Client(server.url)
  if ((await client.post('/api/auth/login', { username: 'tuphap.anphu', password: BENCH_PASSWORD })).status !== 200) throw new Error('login')

  // Setup (not measured): the entries, then one scanned page per entry.
  let t = performance.now()
  const file = path.join(dir, 'book.xlsx')
  await writeXlsxFile(file, syntheticBirthRows(entries, 2024))
  const imported = await importFile(client, 'book.xlsx', fs.readFileSync(file))
  const bookId = imported.analysis.routes[0].bookId as string
  const book = await db.selectFrom('books').selectAll().where('id', '=', bookId).executeTakeFirstOrThrow()
  const hashes: string[] = []
  let imageBytes = 0
  for (let i = 0; i < images; i++) {
    const jpeg = await pageImage(i)
    imageBytes += jpeg.length
    hashes.push((await server.services.files.put(jpeg)).sha256)
  }
  const upload = await db.insertInto('scan_uploads').values({ book_id: bookId, custodian_unit_id: book.custodian_unit_id, file_name: 'so-quet.pdf', sha256: hashes[0]!, size: imageBytes, mime_type: 'application/pdf', page_count: entries }).returning('id').executeTakeFirstOrThrow()
  const ids = (await db.selectFrom('entries').select('id').where('book_id', '=', bookId).orderBy('so').execute()).map((r) => r.id)
  for (let start = 0; start < ids.length; start += 500) {
    const pages = await db
      .insertInto('book_pages')
      .values(ids.slice(start, start + 500).map((_, k) => ({ book_id: bookId, custodian_unit_id: book.custodian_unit_id, position: start + k + 1, upload_id: upload.id, source_page: start + k + 1, status: 'ready' as const, image_sha256: hashes[(start + k) % hashes.length]!, base_sha256: hashes[(start + k) % hashes.length]!, width: 1131, height: 1600 })))
      .returning(['id', 'position'])
      .execute()
    await db.insertInto('entry_pages').values(pages.map((p) => ({ entry_id: ids[p.position - 1]!, page_id: p.id, ordinal: 1 }))).execute()
  }
  console.log(`setup: ${ids.length} entries, ${images} distinct page images (${Math.round(imageBytes / images / 1024)} kB each on average), ${seconds(t).toFixed(1)} s`)

  // Measured: the package download, streamed to disk as a browser would save it.
  let peak = process.memoryUsage().rss
  const before = peak
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
  t = performance.now()
  const response = await client.fetch(`/api/books/${bookId}/package.zip`)
  if (response.status !== 200 || !response.body) throw new Error(`package: ${response.status}`)
  const out = fs.createWriteStream(path.join(dir, 'package.zip'))
  let size = 0
  const reader = response.body.getReader()
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.length
    if (!out.write(next.value)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve) => out.end(() => resolve()))
  const elapsed = seconds(t)
  clearInterval(sampler)
  const audit = await db.selectFrom('audit_events').select('details').where('action', '=', 'export.book').where('entity_id', '=', bookId).orderBy('id', 'desc').executeTakeFirst()
  const pdfs = ids.length - Number((audit?.details as { missingScans?: number } | undefined)?.missingScans ?? 0)
  console.log(`package: ${response.headers.get('content-disposition')}`)
  console.log(`memory: RSS ${mb(before)} MB before, peak ${mb(peak)} MB during the export`)
  console.log(`export: ${elapsed.toFixed(1)} s for ${ids.length} entries (${pdfs} PDFs, ${mb(size)} MB), peak RSS ${mb(peak)} MB (${server.engine})`)
} finally {
  await server.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
