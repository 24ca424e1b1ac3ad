import { z } from 'zod'
import { Timestamp } from './common'
import { OcrProvenanceSchema } from './ocr'

/** Response shapes of the keying-support API: numbering, carry-forward, drafts, suggestions, assignments, queue. */

const Range = z.object({ from: z.number().int(), to: z.number().int() })
export const NumberingView = z.object({
  bookId: z.uuid(),
  years: z.array(z.object({
    year: z.number().int(),
    count: z.number().int().describe('Số trường hợp của sổ này trong năm'),
    min: z.number().int().nullable(),
    max: z.number().int().nullable(),
    missingCount: z.number().int(),
    missing: z.array(Range).describe('Số còn thiếu trong 1..max (không có trong sổ này lẫn các sổ khác cùng cơ quan, loại, năm), gộp thành khoảng'),
    duplicates: z.array(z.object({
      so: z.number().int(),
      entries: z.array(z.object({ id: z.uuid(), bookId: z.uuid(), volume: z.string(), trangSo: z.number().int().nullable() })),
    })).describe('Số bị dùng hai lần trở lên (ít nhất một lần trong sổ này)'),
    otherBooks: z.array(z.object({ bookId: z.uuid(), volume: z.string(), count: z.number().int(), min: z.number().int(), max: z.number().int() }))
      .describe('Sổ khác cùng cơ quan đăng ký, loại sổ và năm: số của chúng được tính là đã có'),
  })),
  withoutNumber: z.number().int().describe('Trường hợp chưa có số'),
  withoutYear: z.number().int().describe('Trường hợp chưa có ngày đăng ký đọc được'),
})

const PageRef = z.object({ id: z.uuid(), position: z.number().int() }).nullable()
export const NextEntryView = z.object({
  bookId: z.uuid(),
  fields: z.record(z.string(), z.string()).describe('Giá trị điền sẵn: quyenSo, noiDangKy, nguoiKy, chucVuNguoiKy, nguoiThucHien (lặp lại từ trường hợp trước), so = số trước + 1, trangSo'),
  year: z.number().int().describe('Năm đăng ký của trường hợp trước (hoặc năm mở sổ): dùng cho ngày nhập tắt'),
  previousEntryId: z.uuid().nullable(),
  page: PageRef.describe('Trang ảnh đang nhập (trang của trường hợp trước, hoặc trang đầu sổ)'),
  nextPage: PageRef.describe('Trang kế tiếp (khi trường hợp sang trang)'),
})

export const DraftView = z.object({
  clientTxnId: z.string(),
  bookId: z.uuid(),
  fields: z.record(z.string(), z.string()),
  pageIds: z.array(z.string()),
  illegibleFields: z.array(z.string()),
  seq: z.number().int(),
  savedAt: Timestamp,
  /** OCR proposals the keyer passed over so far (issue 16): sent with the entry when it is saved. */
  ocr: OcrProvenanceSchema.optional(),
})
export const DraftSaved = DraftView.extend({ ignored: z.boolean().describe('true: bản trên máy chủ mới hơn, bản gửi lên không được ghi') })

export const DraftList = z.object({ items: z.array(DraftView) })

export const QueueView = z.object({
  items: z.array(z.object({
    book: z.object({ id: z.uuid(), bookType: z.string(), volume: z.string(), year: z.number().int(), issuingAuthority: z.string(), custodianUnitName: z.string() }),
    assignedAt: Timestamp,
    entryCount: z.number().int(),
    myEntryCount: z.number().int(),
    pageCount: z.number().int(),
    pagesWithEntries: z.number().int(),
    lastEntry: z.object({ id: z.uuid(), so: z.number().int().nullable(), trangSo: z.number().int().nullable(), savedAt: Timestamp, page: PageRef })
      .nullable().describe('Trường hợp người này lưu gần nhất trong sổ: chỗ đã dừng'),
    openDraft: z.object({ clientTxnId: z.string(), savedAt: Timestamp }).nullable().describe('Bản nháp chưa lưu mới nhất trong sổ'),
  })),
})

export const ValuesView = z.object({
  items: z.array(z.object({
    value: z.string(),
    count: z.number().int().describe('Số lần đã dùng trong sổ'),
    source: z.enum(['field', 'book', 'unit']).describe('field: ô này trong sổ; book: ô địa danh khác trong sổ; unit: tên đơn vị hành chính của tỉnh'),
  })),
})

export const AssignmentList = z.object({
  items: z.array(z.object({ userId: z.uuid(), username: z.string(), fullName: z.string(), assignedAt: Timestamp, assignedBy: z.string().nullable() })),
})

export type NumberingView = z.infer<typeof NumberingView>
export type NextEntryView = z.infer<typeof NextEntryView>
export type DraftView = z.infer<typeof DraftView>
export type DraftSaved = z.infer<typeof DraftSaved>
export type DraftList = z.infer<typeof DraftList>
export type ValuesView = z.infer<typeof ValuesView>
export type AssignmentList = z.infer<typeof AssignmentList>
export type QueueView = z.infer<typeof QueueView>

/** A draft checked while it is keyed: its số already used, or the same event already keyed (DOMAIN.md §10). */
export const DuplicateCheckBody = z.object({
  fields: z.record(z.string().max(64), z.string().max(2000)).refine((f) => Object.keys(f).length <= 300, 'Quá nhiều trường'),
  excludeEntryId: z.uuid().optional().describe('Trường hợp đang sửa: không so với chính nó'),
})
/** An entry named in a duplicate warning, pair or link: enough to say which and open it. */
export const EntryRef = z.object({
  id: z.uuid(),
  bookId: z.uuid(),
  volume: z.string(),
  so: z.number().int().nullable(),
  registrationYear: z.number().int().nullable(),
  subjectName: z.string().nullable(),
  status: z.string(),
})
export const DuplicateCheckView = z.object({
  sameNumber: z.array(EntryRef).describe('Trường hợp khác đã dùng số này trong năm đăng ký (cùng cơ quan, loại sổ)'),
  samePerson: z.array(EntryRef.extend({
    fields: z.array(z.object({ key: z.string(), label: z.string(), verdict: z.enum(['agree', 'weak', 'differ']), note: z.string() })),
  })).describe('Trường hợp có thể là cùng một sự kiện đã nhập (cùng người, ngày, cha mẹ)'),
})
export type DuplicateCheckResult = z.infer<typeof DuplicateCheckView>
