import { foldKey, VALUE_NOTES, volumeNumber, type ValueNote } from '@hts/domain'
import { z } from 'zod'
import type { NoteCounts } from './rows'
import type { TargetBook } from './repository'

/** Where the rows of a file go: the unit keeping the books, the office that registered them, a book or the rows' volumes. */
export const ImportTargetSchema = z.object({
  custodianUnitId: z.uuid({ message: 'Chưa chọn đơn vị lưu giữ sổ' }),
  issuingAuthority: z.string().trim().min(1, 'Chưa nhập cơ quan đăng ký (ghi như trên sổ)').max(300),
  bookId: z.uuid().nullish(),
  year: z.number().int().min(1900, 'Năm phải từ 1900').max(2100, 'Năm không hợp lệ').nullish(),
})
export type ImportTarget = z.infer<typeof ImportTargetSchema>

/** The target as stored with the import: its ids were checked when chosen (any uuid the database wrote). */
const StoredTarget = ImportTargetSchema.extend({ custodianUnitId: z.guid(), bookId: z.guid().nullish() })

/** imports.options once the import has started (before, it holds only the target: see StoredOptions). */
export const ImportOptions = z.object({
  target: StoredTarget,
  /** Rows missing only required fields are taken as drafts instead of being set aside. */
  allowIncomplete: z.boolean(),
  /** What to do with rows whose book does not exist yet: create the books (confirmed by the user) or set the rows aside. */
  missingBooks: z.enum(['create', 'reject']),
})
export type ImportOptions = z.infer<typeof ImportOptions>

/** imports.options at any time: the target chosen at upload, the rest once started. */
export const StoredOptions = ImportOptions.partial()

export const NoteCountsSchema = z.partialRecord(z.enum(Object.keys(VALUE_NOTES) as [ValueNote, ...ValueNote[]]), z.number()) satisfies z.ZodType<NoteCounts>

export const ImportProgress = z.object({
  phase: z.enum(['books', 'rows', 'done']),
  rowsTotal: z.number(),
  rowsRead: z.number(),
  accepted: z.number(),
  drafts: z.number(),
  rejected: z.number(),
  skipped: z.number(),
  warnings: z.number(),
  /** Rows taken with at least one warning: as many as import_warnings holds for the import (same transactions). */
  warningRows: z.number(),
  notes: NoteCountsSchema,
  /** Last file row whose outcome is committed; a resumed job continues after it. */
  checkpoint: z.number(),
  booksCreated: z.array(z.guid()),
  /** Of booksCreated, those removed at the end because no row went into them (the count says what is kept). */
  booksRemoved: z.array(z.guid()),
})
export type ImportProgress = z.infer<typeof ImportProgress>

export function initialProgress(rowsTotal: number): ImportProgress {
  return { phase: 'books', rowsTotal, rowsRead: 0, accepted: 0, drafts: 0, rejected: 0, skipped: 0, warnings: 0, warningRows: 0, notes: {}, checkpoint: 0, booksCreated: [], booksRemoved: [] }
}

/** The book a volume names: same year, same volume number, same office (compared folded). */
export function matchBook(books: readonly TargetBook[], route: { number: string; year: number }, issuingAuthority: string): TargetBook | undefined {
  const office = foldKey(issuingAuthority)
  return books.find((b) => b.year === route.year && volumeNumber(b.volume) === route.number && foldKey(b.issuing_authority) === office)
}
