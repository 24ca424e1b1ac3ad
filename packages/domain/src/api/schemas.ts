import { z } from 'zod'
import { BOOK_TYPE_CODES } from '../catalog'
import { ENTRY_ACTIONS, ENTRY_STATUSES, type EntryAction, type EntryStatus } from '../workflow'
import { OcrProvenanceSchema } from './ocr'

/** Request schemas shared by the server (validation, OpenAPI) and the web app (forms). */

// zod's built-in messages in Vietnamese for anything without a message of our own.
z.config(z.locales.vi())

// The catalog's list: a new book type is accepted without touching this file.
export const BookTypeSchema = z.enum(BOOK_TYPE_CODES, { message: 'Loại sổ không hợp lệ' })

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày phải có dạng yyyy-mm-dd' })
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), {
    message: 'Ngày không có thật',
  })

export const LoginBody = z.object({
  username: z.string().trim().min(1, 'Chưa nhập tên đăng nhập').max(100),
  password: z.string().min(1, 'Chưa nhập mật khẩu').max(200),
})

export const BOOK_CONDITIONS = { intact: 'Còn nguyên vẹn', damaged: 'Rách nát, hư hỏng', lost: 'Bị mất' } as const
export type BookCondition = keyof typeof BOOK_CONDITIONS

const bookFields = {
  bookType: BookTypeSchema,
  // Volume as the book writes it: "01/2006" (volume 01 opened 2006) or just "01".
  volume: z.string().trim().regex(/^\d{1,3}(\/\d{4})?$/, { message: 'Quyển số phải có dạng 01/2006 hoặc 01' }),
  year: z.number().int().min(1900, 'Năm mở sổ phải từ 1900').max(2100, 'Năm mở sổ không hợp lệ'),
  issuingAuthority: z.string().trim().min(1, 'Chưa nhập cơ quan đăng ký (ghi như trên sổ)').max(300),
  issuingUnitId: z.uuid().nullish(),
  custodianUnitId: z.uuid({ message: 'Chưa chọn đơn vị lưu giữ sổ' }),
  openedOn: isoDate.nullish(),
  closedOn: isoDate.nullish(),
  pageCount: z.number().int().min(1, 'Số trang phải lớn hơn 0').max(10_000).nullish(),
  paperSize: z.enum(['A3', 'A4']).nullish(),
  condition: z.enum(['intact', 'damaged', 'lost']).default('intact'),
  conditionNote: z.string().trim().max(2000).nullish(),
  /** Double keying (issue 11): two keyers key every entry blind, the system compares them. */
  doubleKeying: z.boolean().optional(),
}

type BookShape = { volume?: string; year?: number; openedOn?: string | null; closedOn?: string | null }

function checkBookConsistency(book: BookShape, ctx: z.RefinementCtx): void {
  const volumeYear = book.volume?.split('/')[1]
  if (volumeYear && book.year !== undefined && Number(volumeYear) !== book.year) {
    ctx.addIssue({ code: 'custom', path: ['volume'], message: `Năm trong quyển số (${volumeYear}) khác năm mở sổ (${book.year})` })
  }
  if (book.openedOn && book.closedOn && book.closedOn < book.openedOn) {
    ctx.addIssue({ code: 'custom', path: ['closedOn'], message: 'Ngày khóa sổ phải sau ngày mở sổ' })
  }
}

export const BookInput = z.object(bookFields).superRefine(checkBookConsistency)
export type BookInput = z.infer<typeof BookInput>

export const BookUpdate = z
  .object({ ...bookFields, condition: bookFields.condition.optional() })
  .partial()
  .extend({ version: z.number().int().min(1) })
  .superRefine(checkBookConsistency)
export type BookUpdate = z.infer<typeof BookUpdate>

export const EntryFieldsSchema = z.record(z.string().max(100), z.string().max(4000))

/** Fields the keyer marked illegible (khó đọc): the value is kept as far as it could be read. */
export const IllegibleFieldsSchema = z.array(z.string().max(100)).max(200, 'Quá nhiều ô được đánh dấu khó đọc')

export const EntryCreate = z.object({
  fields: EntryFieldsSchema,
  /** Client transaction id: a retried save with the same id never creates a second entry. */
  clientTxnId: z.string().min(8).max(100).optional(),
  /** Scanned page(s) the entry is on, in order (one, or two when it runs over a page). */
  pageIds: z.array(z.uuid({ message: 'Mã trang ảnh không hợp lệ' })).max(2, 'Một trường hợp nằm trên tối đa hai trang').optional(),
  illegibleFields: IllegibleFieldsSchema.optional(),
  /** true: save and mark keyed in one transaction ("Lưu và hoàn thành"); refused (422) when errors remain, the save itself kept as a draft. */
  complete: z.boolean().optional(),
  /** Entries the duplicate check showed the keyer before this save (same số, same event): kept in the audit row. */
  duplicatesSeen: z.array(z.uuid()).max(20).optional(),
  /** Fields that came from an OCR proposal the keyer passed over (issue 16): recorded with the entry. */
  ocr: OcrProvenanceSchema.optional(),
})
export type EntryCreate = z.infer<typeof EntryCreate>

export const EntryUpdate = z.object({
  fields: EntryFieldsSchema,
  version: z.number().int().min(1),
  /** Omitted: page links unchanged; [] unlinks. */
  pageIds: z.array(z.uuid({ message: 'Mã trang ảnh không hợp lệ' })).max(2, 'Một trường hợp nằm trên tối đa hai trang').optional(),
  /** Omitted: flags unchanged; [] clears them. */
  illegibleFields: IllegibleFieldsSchema.optional(),
  /** true: save and mark keyed in one transaction; see EntryCreate.complete. */
  complete: z.boolean().optional(),
  /** Save, then take this action in the same transaction (a checker's "correct and approve"). */
  action: z.enum(Object.keys(ENTRY_ACTIONS) as [EntryAction, ...EntryAction[]], { message: 'Thao tác không hợp lệ' }).optional(),
  /** Why: required to correct a handed-over entry or to return one. */
  reason: z.string().trim().max(1000, 'Lý do dài quá 1000 ký tự').optional(),
  /** See EntryCreate.ocr. */
  ocr: OcrProvenanceSchema.optional(),
})
export type EntryUpdate = z.infer<typeof EntryUpdate>

const ENTRY_ACTION_VALUES = Object.keys(ENTRY_ACTIONS) as [EntryAction, ...EntryAction[]]
const ENTRY_STATUS_VALUES = Object.keys(ENTRY_STATUSES) as [EntryStatus, ...EntryStatus[]]

export const EntryTransitionBody = z.object({
  action: z.enum(ENTRY_ACTION_VALUES, { message: 'Thao tác không hợp lệ' }),
  version: z.number().int().min(1),
  /** Why (required to return an entry to its keyer). */
  reason: z.string().trim().max(1000, 'Lý do dài quá 1000 ký tự').optional(),
})

export const ValidateEntryBody = z.object({ bookType: BookTypeSchema, fields: EntryFieldsSchema, bookId: z.uuid().optional() })

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000, 'Số trang quá lớn').default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
})

export const BookListQuery = PageQuery.extend({
  type: BookTypeSchema.optional(),
  year: z.coerce.number().int().min(1900, 'Năm phải từ 1900').max(2100, 'Năm không hợp lệ').optional(),
  unitId: z.uuid().optional(),
})

export const EntryListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(ENTRY_STATUS_VALUES).optional(),
})

export const LockUserBody = z.object({ reason: z.string().trim().min(1, 'Ghi lý do khóa tài khoản').max(500) })
