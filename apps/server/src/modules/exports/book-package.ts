/**
 * The MOJ package of one book (DOMAIN.md §4): its Excel and a flat zip with one PDF per entry,
 * the entry's scanned pages assembled in order. Entries without scanned pages are listed, not invented.
 */
import fs from 'node:fs'
import { PassThrough, Transform, type Stream, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Kysely, Selectable } from 'kysely'
import { PDFDocument } from 'pdf-lib'
import yazl from 'yazl'
import { entryPdfName, isBookTypeCode, type BookTypeCode } from '@hts/domain'
import type { BooksTable, Database } from '../../db/schema'
import { withNotesColumn } from '../entries'
import type { FileStore } from '../files'
import { entriesByIds, entryIdsOfBook, fieldsOf } from './entries-source'
import type { MissingForMoj } from './missing-for-moj'
import { writeMojWorkbook } from './moj-workbook'

export type PackageBook = Selectable<BooksTable>

export function bookTypeOf(book: { book_type: string }): BookTypeCode {
  if (!isBookTypeCode(book.book_type)) throw new Error(`book type ${book.book_type}`)
  return book.book_type
}

/**
 * Streams the book's MOJ Excel; returns the ids of the entries written (for the audit trail).
 * `missing` counts, on the same pass, what the template needs and the entries lack.
 */
export async function writeBookExcel(db: Kysely<Database>, book: PackageBook, out: Stream, missing?: MissingForMoj): Promise<string[]> {
  const ids = await entryIdsOfBook(db, book.id)
  // The ghi chú column carries the book's note and the entry's marginal notes (issue 12).
  const entries = withNotesColumn(db, bookTypeOf(book), entriesByIds(db, ids))
  await writeMojWorkbook(out, bookTypeOf(book), fieldsOf(missing ? missing.track(entries) : entries))
  return ids
}

/** One page per scanned image, sized at 150 dpi (the display JPEGs are ~1600 px: about A4). */
export async function buildEntryPdf(images: readonly Buffer[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  for (const bytes of images) {
    const image = bytes[0] === 0x89 ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes)
    const scale = 72 / 150
    const page = pdf.addPage([image.width * scale, image.height * scale])
    page.drawImage(image, { x: 0, y: 0, width: image.width * scale, height: image.height * scale })
  }
  return pdf.save()
}

/** Page images of each entry of the book, in the entry's page order (ready pages only). */
export async function pageImagesByEntry(db: Kysely<Database>, bookId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('entry_pages')
    .innerJoin('book_pages', 'book_pages.id', 'entry_pages.page_id')
    .select(['entry_pages.entry_id', 'book_pages.image_sha256'])
    .where('book_pages.book_id', '=', bookId)
    .where('book_pages.status', '=', 'ready')
    .orderBy('entry_pages.entry_id')
    .orderBy('entry_pages.ordinal')
    .execute()
  const map = new Map<string, string[]>()
  for (const row of rows) {
    if (!row.image_sha256) continue
    const list = map.get(row.entry_id) ?? []
    list.push(row.image_sha256)
    map.set(row.entry_id, list)
  }
  return map
}

/**
 * The MOJ name of each entry's PDF in a book's zip. Two entries that would get the same name (no
 * number, or a number written twice in the book) get "_2", "_3"... so that nothing is overwritten.
 */
export function pdfNamer(book: { book_type: string; year: number; volume: string }): (entry: { so: number | null; ngayDangKy: string | undefined | null }) => string {
  const bookType = bookTypeOf(book)
  const names = new Map<string, number>()
  return (entry) => {
    const name = entryPdfName({ bookType, year: book.year, volume: book.volume }, { ngayDangKy: entry.ngayDangKy ?? undefined, so: entry.so })
    const seen = (names.get(name) ?? 0) + 1
    names.set(name, seen)
    return seen > 1 ? name.replace(/\.pdf$/, `_${seen}.pdf`) : name
  }
}

/** PDFs waiting in the zip writer beyond this are not built yet (memory stays flat for big books). */
const MAX_QUEUED_BYTES = 32 * 1024 * 1024

/** One PDF of the zip: its name and the file-store hashes of its page images, in order. */
export interface PdfOfEntry {
  name: string
  images: readonly string[]
}

/** Writes a flat zip of entry PDFs built from their page images; returns how many were written. */
export async function writePdfZip(files: FileStore, pdfs: AsyncIterable<PdfOfEntry>, out: Writable, checkpoint?: () => Promise<void>): Promise<number> {
  const zip = new yazl.ZipFile()
  // yazl keeps every added buffer until it is written out: wait while too much is still queued.
  let added = 0
  let written = 0
  let waiting: (() => void) | undefined
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      written += chunk.length
      if (waiting && added - written < MAX_QUEUED_BYTES / 2) {
        waiting()
        waiting = undefined
      }
      callback(null, chunk)
    },
  })
  const done = pipeline(zip.outputStream, counter, out)
  let count = 0
  try {
    for await (const { name, images } of pdfs) {
      await checkpoint?.()
      const pdf = await buildEntryPdf(await Promise.all(images.map((sha) => files.get(sha))))
      // JPEG inside a PDF does not shrink further: store, don't deflate. A stream, not addBuffer:
      // yazl keeps an added buffer referenced until the whole zip ends (a book's worth of PDFs).
      const stream = new PassThrough()
      stream.end(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength))
      zip.addReadStream(stream, name, { compress: false, size: pdf.length })
      added += pdf.length
      count++
      if (added - written > MAX_QUEUED_BYTES) await new Promise<void>((resolve) => (waiting = resolve))
    }
  } finally {
    zip.end()
  }
  await done
  return count
}

export interface PdfZipResult {
  pdfs: number
  /** Entries with no scanned page (no PDF in the zip). */
  missing: { so: number | null; ngayDangKy: string | null }[]
}

/** Writes the flat zip of the book's entry PDFs; entries without a scanned page are listed instead. */
export async function writeBookPdfZip(db: Kysely<Database>, files: FileStore, book: PackageBook, out: Writable, checkpoint?: () => Promise<void>): Promise<PdfZipResult> {
  const pages = await pageImagesByEntry(db, book.id)
  const nameOf = pdfNamer(book)
  const missing: PdfZipResult['missing'] = []
  async function* pdfs(): AsyncGenerator<PdfOfEntry> {
    for await (const entry of entriesByIds(db, await entryIdsOfBook(db, book.id))) {
      const images = pages.get(entry.id)
      if (!images || images.length === 0) {
        missing.push({ so: entry.so, ngayDangKy: entry.fields.ngayDangKy ?? null })
        continue
      }
      yield { name: nameOf({ so: entry.so, ngayDangKy: entry.fields.ngayDangKy }), images }
    }
  }
  return { pdfs: await writePdfZip(files, pdfs(), out, checkpoint), missing }
}

export async function writeToFile(path: string, write: (out: Writable) => Promise<unknown>): Promise<void> {
  const out = fs.createWriteStream(path)
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', () => resolve())
    out.on('error', reject)
  })
  try {
    await write(out)
  } catch (error) {
    // Stopped in the middle (cancelled, server stopping): close the file, leave the half for the cleanup.
    out.destroy()
    await closed.catch(() => {})
    throw error
  }
  if (!out.writableEnded) out.end()
  await closed
}
