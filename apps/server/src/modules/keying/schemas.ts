import { z } from 'zod'
import { EntryFieldsSchema, IllegibleFieldsSchema } from '@hts/domain'

/** Request and response shapes of the keying-support API (validation + OpenAPI at /api/docs). */

export const ClientTxnParams = z.object({
  clientTxnId: z.string().min(8, 'Mã giao dịch phía máy khách quá ngắn').max(100).describe('Cùng mã sẽ gửi kèm khi tạo trường hợp (clientTxnId)'),
})

export const NumberingQuery = z.object({ year: z.coerce.number().int().min(1800).max(2200).optional().describe('Một năm đăng ký; bỏ trống: mọi năm có trong sổ') })

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

export const DraftBody = z.object({
  bookId: z.uuid({ message: 'Chưa chọn sổ' }),
  fields: EntryFieldsSchema,
  pageIds: z.array(z.uuid()).max(2).optional(),
  illegibleFields: IllegibleFieldsSchema.optional().describe('Ô được đánh dấu khó đọc'),
  seq: z.number().int().min(1).optional().describe('Bộ đếm của máy khách, tăng mỗi lần lưu: bản lưu đến muộn hơn bản mới hơn sẽ bị bỏ qua (ignored: true)'),
})

export const DraftView = z.object({
  clientTxnId: z.string(),
  bookId: z.uuid(),
  fields: z.record(z.string(), z.string()),
  pageIds: z.array(z.string()),
  illegibleFields: z.array(z.string()),
  seq: z.number().int(),
  savedAt: z.string(),
})
export const DraftSaved = DraftView.extend({ ignored: z.boolean().describe('true: bản trên máy chủ mới hơn, bản gửi lên không được ghi') })

export const ValuesQuery = z.object({ field: z.string().min(1, 'Chọn ô cần gợi ý').max(100) })
export const ValuesView = z.object({
  items: z.array(z.object({
    value: z.string(),
    count: z.number().int().describe('Số lần đã dùng trong sổ'),
    source: z.enum(['field', 'book', 'unit']).describe('field: ô này trong sổ; book: ô địa danh khác trong sổ; unit: tên đơn vị hành chính của tỉnh'),
  })),
})

export const DraftList = z.object({ items: z.array(DraftView) })

export const DraftListQuery = z.object({ bookId: z.uuid().optional() })

export const AssignBody = z.object({ userId: z.uuid({ message: 'Chưa chọn người nhập liệu' }) })
export const AssignmentParams = z.object({ id: z.uuid(), userId: z.uuid() })
export const AssignmentList = z.object({
  items: z.array(z.object({ userId: z.uuid(), username: z.string(), fullName: z.string(), assignedAt: z.string(), assignedBy: z.string().nullable() })),
})

export const QueueView = z.object({
  items: z.array(z.object({
    book: z.object({ id: z.uuid(), bookType: z.string(), volume: z.string(), year: z.number().int(), issuingAuthority: z.string(), custodianUnitName: z.string() }),
    assignedAt: z.string(),
    entryCount: z.number().int(),
    myEntryCount: z.number().int(),
    pageCount: z.number().int(),
    pagesWithEntries: z.number().int(),
    lastEntry: z.object({ id: z.uuid(), so: z.number().int().nullable(), trangSo: z.number().int().nullable(), savedAt: z.string(), page: PageRef })
      .nullable().describe('Trường hợp người này lưu gần nhất trong sổ: chỗ đã dừng'),
    openDraft: z.object({ clientTxnId: z.string(), savedAt: z.string() }).nullable().describe('Bản nháp chưa lưu mới nhất trong sổ'),
  })),
})
