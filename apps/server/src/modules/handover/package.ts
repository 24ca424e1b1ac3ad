/**
 * A handover batch's package: the MOJ Excel of exactly the versions handed over (read back from
 * their revisions) and manifest.json naming every entry, its version and the SHA-256 of its fields,
 * and the Excel's own SHA-256. Built once with the batch; a download zips the two kept files.
 */
import { createHash } from 'node:crypto'
import { PassThrough, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Kysely } from 'kysely'
import yazl from 'yazl'
import { canonicalFieldsJson, ENTRY_DIGEST_RULE, type EntryFields, type HandoverManifest } from '@hts/domain'
import type { Database } from '../../db/schema'
import { revisionFields, type RevisionRef } from '../entries'
import { writeMojWorkbook } from '../exports'

export const MANIFEST_FILE = 'manifest.json'

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
  /** In the batch's order, with the digest computed when the entries were handed over. */
  entries: ReadonlyArray<RevisionRef & { sha256: string }>
}

export interface BuiltPackage {
  excel: Buffer
  manifest: Buffer
}

/**
 * Writes the Excel from the revisions (so the package shows what was handed over, never what an entry
 * says now) and checks each revision against the digest taken at the handover before naming it.
 */
export async function buildPackage(db: Kysely<Database>, input: PackageInput): Promise<BuiltPackage> {
  const lines: HandoverManifest['entries'] = []
  async function* fields(): AsyncGenerator<EntryFields> {
    for await (const revision of revisionFields(db, input.entries)) {
      const expected = input.entries[lines.length]
      const sha256 = fieldsSha256(revision.fields)
      if (!expected || expected.entryId !== revision.entryId || expected.sha256 !== sha256) {
        throw new Error(`handover ${input.batchId}: revision ${revision.entryId}@${revision.version} does not match its digest`)
      }
      lines.push({ id: revision.entryId, so: revision.fields.so ?? null, ngayDangKy: revision.fields.ngayDangKy ?? null, version: revision.version, sha256 })
      yield revision.fields
    }
  }
  const excel = await collect((out) => writeMojWorkbook(out, input.book.type, fields()))
  const manifest: HandoverManifest = {
    format: 'hts.handover/1',
    batchId: input.batchId,
    book: input.book,
    unit: input.unit,
    createdBy: input.createdBy,
    createdAt: input.createdAt.toISOString(),
    note: input.note,
    excel: { fileName: input.excelFileName, sha256: sha256Hex(excel) },
    entryDigest: ENTRY_DIGEST_RULE,
    entries: lines,
  }
  return { excel, manifest: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }
}

/** The download: the kept Excel under its MOJ name and the manifest, dated at the handover. */
export async function writePackageZip(out: Writable, files: { excelFileName: string; excel: Buffer; manifest: Buffer }, mtime: Date): Promise<void> {
  const zip = new yazl.ZipFile()
  const done = pipeline(zip.outputStream, out)
  zip.addBuffer(files.excel, files.excelFileName, { mtime })
  zip.addBuffer(files.manifest, MANIFEST_FILE, { mtime })
  zip.end()
  await done
}
