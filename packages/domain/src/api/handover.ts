import { z } from 'zod'
import { BookTypeSchema } from './schemas'
import { listOf, Timestamp } from './common'

/**
 * Handover batches (chuyển giao, issue 11): a book's approved entries handed over as the MOJ Excel
 * with a manifest of exactly the versions handed over, each with the SHA-256 of its fields.
 */

/** Hand over every approved entry of the book. */
export const HandoverCreate = z.object({
  /** The count the officer saw: refused (409) when more or fewer are approved now, so nothing unseen is handed over. */
  expectedCount: z.number().int().min(0).optional(),
  note: z.string().trim().max(1000, 'Ghi chú dài quá 1000 ký tự').optional(),
})
export type HandoverCreate = z.infer<typeof HandoverCreate>

/** One line of the manifest: the entry, the version handed over and the SHA-256 of its fields. */
export const HandoverEntryView = z.object({
  entryId: z.uuid(),
  so: z.string().nullable(),
  ngayDangKy: z.string().nullable(),
  version: z.number().int(),
  sha256: z.string(),
  /** It was in an earlier batch and comes again after a correction. */
  rehandover: z.boolean(),
})
export type HandoverEntryView = z.infer<typeof HandoverEntryView>

/**
 * The entry PDFs of a batch: built by a background job after the handover (a book's PDFs are too big
 * for the handover's own transaction). The package can be downloaded once they are ready.
 */
export const HANDOVER_PDF_STATUSES = {
  none: 'Không có bản quét',
  building: 'Đang tạo tệp PDF',
  ready: 'Đã có tệp PDF',
  failed: 'Tạo tệp PDF bị lỗi',
} as const
export type HandoverPdfStatus = keyof typeof HANDOVER_PDF_STATUSES
export const HandoverPdfsView = z.object({
  status: z.enum(['none', 'building', 'ready', 'failed']),
  statusLabel: z.string(),
  /** Entries with page images (one PDF each). */
  expected: z.number().int(),
  /** PDFs written so far while building. */
  done: z.number().int(),
  error: z.string().nullable(),
})
export type HandoverPdfsView = z.infer<typeof HandoverPdfsView>

export const HandoverBatchView = z.object({
  id: z.uuid(),
  bookId: z.uuid(),
  unitId: z.uuid(),
  createdBy: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: Timestamp,
  entryCount: z.number().int(),
  /** SHA-256 of the package's two files, built once with the batch and kept: every download gives the same bytes. */
  excelSha256: z.string(),
  manifestSha256: z.string(),
  note: z.string().nullable(),
  packageUrl: z.string(),
  pdfs: HandoverPdfsView,
})
export type HandoverBatchView = z.infer<typeof HandoverBatchView>

export const HandoverBatchDetail = HandoverBatchView.extend({ entries: z.array(HandoverEntryView) })
export type HandoverBatchDetail = z.infer<typeof HandoverBatchDetail>

export const HandoverCreated = HandoverBatchDetail.extend({
  /** Approved entries whose rules now find an error (a catalog change since approval): left approved, to correct first. */
  skippedWithErrors: z.number().int(),
})
export type HandoverCreated = z.infer<typeof HandoverCreated>

/** A book's batches, newest first, with how many approved entries are ready for the next one. */
export const BookHandovers = z.object({
  ready: z.number().int(),
  /** The user's role may hand over (the transition table's), so the UI offers only what the server allows. */
  canHandOver: z.boolean(),
  items: z.array(HandoverBatchView),
})
export type BookHandovers = z.infer<typeof BookHandovers>

/** An entry handed over and corrected since: it goes into the next batch once approved again. */
export const PendingRehandoverItem = z.object({
  entryId: z.uuid(),
  so: z.number().int().nullable(),
  registrationDate: z.string().nullable(),
  subjectName: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  version: z.number().int(),
  batchId: z.uuid(),
  batchCreatedAt: Timestamp,
  handedOverVersion: z.number().int(),
  /** The reason written with the correction; null when the change came from elsewhere (a link to the population database). */
  reason: z.string().nullable(),
  changeKind: z.string().nullable(),
  changedAt: Timestamp.nullable(),
  changedByName: z.string().nullable(),
})
export type PendingRehandoverItem = z.infer<typeof PendingRehandoverItem>

export const PendingRehandoverList = listOf(PendingRehandoverItem)
export type PendingRehandoverList = z.infer<typeof PendingRehandoverList>

/** What `manifest.json` of a package holds, so that a receiver (and the tests) can check every file and entry. */
export const HandoverManifest = z.object({
  /** 2: each entry names its page images and its PDF, and the package holds the zip of PDFs. */
  format: z.enum(['hts.handover/1', 'hts.handover/2']),
  batchId: z.uuid(),
  book: z.object({ id: z.uuid(), type: BookTypeSchema, volume: z.string(), year: z.number().int(), issuingAuthority: z.string() }),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  createdBy: z.object({ id: z.uuid().nullable(), name: z.string().nullable() }),
  createdAt: z.string(),
  note: z.string().nullable(),
  excel: z.object({ fileName: z.string(), sha256: z.string() }),
  /** The zip of entry PDFs beside the Excel (its hash is the batch's: it is built after the manifest). */
  pdfZip: z.object({ fileName: z.string() }).nullish(),
  entryDigest: z.string(),
  entries: z.array(z.object({
    id: z.uuid(),
    so: z.string().nullable(),
    ngayDangKy: z.string().nullable(),
    version: z.number().int(),
    sha256: z.string(),
    /** The PDF's name in the zip (null: the entry has no scanned page) and the SHA-256 of its page images in order. */
    pdf: z.string().nullish(),
    pages: z.array(z.string()).optional(),
  })),
})
export type HandoverManifest = z.infer<typeof HandoverManifest>

/** How each entry's sha256 is made, written into the manifest for the receiver. */
export const ENTRY_DIGEST_RULE = 'sha256 (hex) of the UTF-8 JSON of the entry fields, keys sorted by code point, no spaces'

/** The fields as that JSON: the same fields always give the same text, whatever order they were stored in. */
export function canonicalFieldsJson(fields: Readonly<Record<string, string>>): string {
  const keys = Object.keys(fields).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, fields[k]])))
}

/** A unit's books with approved entries waiting for handover: the unit hands over as one batch per book. */
export const UnitHandoverQuery = z.object({ unitId: z.uuid() })
export type UnitHandoverQuery = z.infer<typeof UnitHandoverQuery>

export const UnitHandoverBook = z.object({
  bookId: z.uuid(),
  bookType: z.string(),
  bookTypeLabel: z.string(),
  volume: z.string(),
  year: z.number().int(),
  ready: z.number().int(),
})
export type UnitHandoverBook = z.infer<typeof UnitHandoverBook>

export const UnitHandoverReady = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  /** The user's role may hand over (the transition table's). */
  canHandOver: z.boolean(),
  total: z.number().int(),
  books: z.array(UnitHandoverBook),
})
export type UnitHandoverReady = z.infer<typeof UnitHandoverReady>

export const UnitHandoverCreate = z.object({
  unitId: z.uuid(),
  /** The total the officer saw: refused (409) when more or fewer are approved now, so nothing unseen is handed over. */
  expectedCount: z.number().int().min(0),
  note: z.string().trim().max(1000, 'Ghi chú dài quá 1000 ký tự').optional(),
})
export type UnitHandoverCreate = z.infer<typeof UnitHandoverCreate>

/** One batch per book; a book refused on its own (e.g. its entries now have errors) is listed with the reason. */
export const UnitHandoverResult = z.object({
  handedOver: z.number().int(),
  batches: z.array(HandoverBatchView.extend({ skippedWithErrors: z.number().int() })),
  refused: z.array(UnitHandoverBook.extend({ message: z.string() })),
})
export type UnitHandoverResult = z.infer<typeof UnitHandoverResult>
