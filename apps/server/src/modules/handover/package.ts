/**
 * A handover batch's package: the MOJ Excel of exactly the versions handed over (read back from
 * their revisions), manifest.json naming every entry, its version, the SHA-256 of its fields and of
 * its page images, and the Excel's own SHA-256, and the zip of entry PDFs (built afterwards by the
 * 'handover.pdfs' job from the pages the manifest names). A download zips the kept files.
 */
import { createHash } from 'node:crypto'
import { PassThrough, type Readable } from 'node:stream'
import type { Kysely } from 'kysely'
import yazl from 'yazl'
import { canonicalFieldsJson, ENTRY_DIGEST_RULE, HandoverManifest, type EntryFields } from '@hts/domain'
import type { Database } from '../../db/schema'
import { revisionFields, type RevisionRef } from '../entries'
import { pdfNamer, writeMojWorkbook } from '../exports'

export const MANIFEST_FILE = 'manifest.json'

/** The số as the MOJ file names want it: a number, or null when the book wrote none (or not a number). */
export const soNumber = (so: string | null | undefined): number | null => (so && /^\d+$/.test(so) ? Number(so) : null)

/** A kept manifest's bytes, read back and checked against its schema. */
export const parseManifest = (bytes: Buffer): HandoverManifest => HandoverManifest.parse(JSON.parse(bytes.toString('utf8')) as unknown)
/** As in the book's export: the entries handed over without a scanned page (no PDF). */
export const MISSING_SCANS_FILE = 'THIEU_BAN_QUET.txt'

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

/** The digest the manifest gives each entry (the rule is written into the manifest too). */
export const fieldsSha256 = (fields: Readonly<Record<string, string>>): string => sha256Hex(canonicalFieldsJson(fields))

/** Everything a stream receives, once the writer is done with it. */
export async function collect(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  await Promise.all([write(out), ended])
  return Buffer.concat(chunks)
}

export interface PackageInput {
  batchId: string
  book: HandoverManifest['book']
  unit: HandoverManifest['unit']
  createdBy: HandoverManifest['createdBy']
  createdAt: Date
  note: string | null
  excelFileName: string
  pdfZipFileName: string
  /** In the batch's order, with the digest computed when the entries were handed over. */
  entries: ReadonlyArray<RevisionRef & { sha256: string }>
  /** Each entry's page images (file-store hashes) in its page order; an entry without pages gets no PDF. */
  pages: ReadonlyMap<string, readonly string[]>
}

export interface BuiltPackage {
  excel: Buffer
  manifest: Buffer
  /** Entries with a PDF to build. */
  pdfsExpected: number
}

/**
 * Writes the Excel from the revisions (so the package shows what was handed over, never what an entry
 * says now) and checks each revision against the digest taken at the handover before naming it.
 */
export async function buildPackage(db: Kysely<Database>, input: PackageInput): Promise<BuiltPackage> {
  const lines: HandoverManifest['entries'] = []
  const pdfName = pdfNamer({ book_type: input.book.type, year: input.book.year, volume: input.book.volume })
  async function* fields(): AsyncGenerator<EntryFields> {
    for await (const revision of revisionFields(db, input.entries)) {
      const expected = input.entries[lines.length]
      const sha256 = fieldsSha256(revision.fields)
      if (!expected || expected.entryId !== revision.entryId || expected.sha256 !== sha256) {
        throw new Error(`handover ${input.batchId}: revision ${revision.entryId}@${revision.version} does not match its digest`)
      }
      const pages = input.pages.get(revision.entryId) ?? []
      const so = revision.fields.so ?? null
      const ngayDangKy = revision.fields.ngayDangKy ?? null
      // Named as the book's export names it, from the number and date handed over.
      const pdf = pages.length > 0 ? pdfName({ so: soNumber(so), ngayDangKy }) : null
      lines.push({ id: revision.entryId, so, ngayDangKy, version: revision.version, sha256, pdf, pages: [...pages] })
      yield revision.fields
    }
  }
  const excel = await collect((out) => writeMojWorkbook(out, input.book.type, fields()))
  const manifest: HandoverManifest = {
    format: 'hts.handover/2',
    batchId: input.batchId,
    book: input.book,
    unit: input.unit,
    createdBy: input.createdBy,
    createdAt: input.createdAt.toISOString(),
    note: input.note,
    excel: { fileName: input.excelFileName, sha256: sha256Hex(excel) },
    pdfZip: { fileName: input.pdfZipFileName },
    entryDigest: ENTRY_DIGEST_RULE,
    entries: lines,
  }
  return { excel, manifest: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), pdfsExpected: lines.filter((l) => l.pdf).length }
}

export interface PackageFiles {
  excelFileName: string
  excel: Buffer
  manifest: Buffer
  /** The zip of entry PDFs from the file store (null when no entry has a page). */
  pdfZip: { fileName: string; size: number; stream: Readable } | null
  /** The entries handed over without a scanned page, as a text for the receiver (null: none). */
  missingScans: string | null
}

/** The download: the kept Excel under its MOJ name, the zip of PDFs beside it and the manifest, dated at the handover. */
export function packageZipStream(files: PackageFiles, mtime: Date): Readable {
  const zip = new yazl.ZipFile()
  zip.addBuffer(files.excel, files.excelFileName, { mtime })
  // PDFs of JPEG pages do not shrink: stored, and streamed (a book's PDFs run to hundreds of MB).
  if (files.pdfZip) zip.addReadStream(files.pdfZip.stream, files.pdfZip.fileName, { mtime, compress: false, size: files.pdfZip.size })
  if (files.missingScans) zip.addBuffer(Buffer.from(files.missingScans, 'utf8'), MISSING_SCANS_FILE, { mtime })
  zip.addBuffer(files.manifest, MANIFEST_FILE, { mtime })
  zip.end()
  const out = new PassThrough()
  zip.outputStream.on('error', (error: Error) => out.destroy(error))
  return zip.outputStream.pipe(out)
}
