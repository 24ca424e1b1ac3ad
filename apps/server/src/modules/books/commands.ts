/**
 * The books module's commands: the only code that writes `books` (lint forbids it elsewhere). They
 * run in the caller's transaction and write the audit row with the change.
 */
import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { recordAudit, type Actor } from '../audit'

export interface MissingBook {
  bookType: string
  volume: string
  year: number
  issuingAuthority: string
  custodianUnitId: string
}

/**
 * Creates a book an import names but the unit does not have yet (the user confirmed it). A book
 * created meanwhile by someone else is left alone: returns undefined, and the caller uses theirs.
 */
export async function createBookIfAbsent(trx: Transaction<Database>, actor: Actor | null, book: MissingBook, importId: string): Promise<string | undefined> {
  const row = await trx
    .insertInto('books')
    .values({ book_type: book.bookType, volume: book.volume, year: book.year, issuing_authority: book.issuingAuthority, custodian_unit_id: book.custodianUnitId, condition: 'intact', created_by: actor?.id ?? null })
    .onConflict((oc) => oc.constraint('books_identity').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!row) return undefined
  await recordAudit(trx, actor, { action: 'book.create', entityType: 'book', entityId: row.id, details: { importId, volume: book.volume, year: book.year, issuingAuthority: book.issuingAuthority } })
  return row.id
}

/**
 * What may name a book: the tables with a book_id (commands.test.ts compares them with the database's
 * foreign keys, so a new one is not forgotten; reconciliation_results has none by design), an import
 * chosen for the book, and an unfinished job given the book.
 */
export const BOOK_REFERENCES = {
  entries: 'trường hợp đăng ký',
  book_pages: 'trang ảnh quét',
  scan_uploads: 'tệp ảnh quét',
  entry_drafts: 'bản nháp đang nhập',
  book_assignments: 'phân công nhập liệu',
  followup_cases: 'hồ sơ theo dõi',
  reconciliation_results: 'kết quả đối chiếu',
  reconciliation_models: 'trọng số đối chiếu đã học từ sổ',
  acceptance_lots: 'đợt nghiệm thu',
  handover_batches: 'đợt chuyển giao',
  imports: 'lần nhập Excel chọn sổ này',
  jobs: 'tác vụ đang chờ hoặc đang chạy',
  book_band_layouts: 'đánh dấu dòng của sổ',
  page_ocr: 'kết quả OCR của trang',
  book_ocr_settings: 'cài đặt OCR của sổ',
  entry_ocr_fields: 'nguồn OCR của trường hợp',
} as const
export type BookReference = keyof typeof BOOK_REFERENCES
const BOOK_ID_TABLES = ['entries', 'book_pages', 'scan_uploads', 'entry_drafts', 'book_assignments', 'followup_cases', 'reconciliation_results', 'reconciliation_models', 'acceptance_lots', 'handover_batches', 'book_band_layouts', 'page_ocr', 'book_ocr_settings', 'entry_ocr_fields'] as const satisfies readonly BookReference[]

export type BookDeletion = { deleted: true } | { deleted: false; missing: true } | { deleted: false; missing: false; references: BookReference[] }

/**
 * Removes a book nothing refers to, audited with `reason` (why it goes: an import that created it and
 * took no row into it). The book row is locked first: a concurrent entry or scan waits for this
 * transaction (its foreign key check needs the row) and then finds it gone, or is seen here and keeps
 * the book. Refusing is an answer, not an error: the caller's transaction goes on.
 */
export async function deleteBookIfEmpty(trx: Transaction<Database>, actor: Actor | null, bookId: string, reason: string, details: Record<string, unknown> = {}): Promise<BookDeletion> {
  const book = await trx.selectFrom('books').selectAll().where('id', '=', bookId).forUpdate().executeTakeFirst()
  if (!book) return { deleted: false, missing: true }
  const checks = [
    ...BOOK_ID_TABLES.map((table) => sql`exists (select 1 from ${sql.table(table)} where book_id = ${bookId}) as ${sql.id(table)}`),
    sql`exists (select 1 from imports where options->'target'->>'bookId' = ${bookId}) as imports`,
    sql`exists (select 1 from jobs where status in ('queued', 'running') and (params->>'bookId' = ${bookId} or coalesce(params->'bookIds', '[]'::jsonb) @> jsonb_build_array(${bookId}::text))) as jobs`,
  ]
  const found = (await sql<Record<BookReference, boolean>>`select ${sql.join(checks)}`.execute(trx)).rows[0]
  const references = (Object.keys(BOOK_REFERENCES) as BookReference[]).filter((key) => found?.[key] === true)
  if (references.length > 0) return { deleted: false, missing: false, references }
  await trx.deleteFrom('books').where('id', '=', bookId).execute()
  await recordAudit(trx, actor, {
    action: 'book.delete',
    entityType: 'book',
    entityId: bookId,
    details: { ...details, reason, bookType: book.book_type, volume: book.volume, year: book.year, issuingAuthority: book.issuing_authority, custodianUnitId: book.custodian_unit_id },
  })
  return { deleted: true }
}
