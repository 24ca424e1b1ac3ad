import { z } from 'zod'
import { EntryFieldsSchema, IllegibleFieldsSchema, OcrProvenanceSchema } from '@hts/domain'

/** Request shapes of the keying-support API (validation + OpenAPI at /api/docs); responses are in @hts/domain (api/keying.ts). */

export const ClientTxnParams = z.object({
  clientTxnId: z.string().min(8, 'Mã giao dịch phía máy khách quá ngắn').max(100).describe('Cùng mã sẽ gửi kèm khi tạo trường hợp (clientTxnId)'),
})

export const NumberingQuery = z.object({ year: z.coerce.number().int().min(1800).max(2200).optional().describe('Một năm đăng ký; bỏ trống: mọi năm có trong sổ') })

export const DraftBody = z.object({
  bookId: z.uuid({ message: 'Chưa chọn sổ' }),
  fields: EntryFieldsSchema,
  pageIds: z.array(z.uuid()).max(2).optional(),
  illegibleFields: IllegibleFieldsSchema.optional().describe('Ô được đánh dấu khó đọc'),
  seq: z.number().int().min(1).optional().describe('Bộ đếm của máy khách, tăng mỗi lần lưu: bản lưu đến muộn hơn bản mới hơn sẽ bị bỏ qua (ignored: true)'),
  ocr: OcrProvenanceSchema.optional().describe('Ô đã điền từ đề xuất OCR và giá trị được đề xuất: gửi lại khi lưu trường hợp'),
})

export const ValuesQuery = z.object({ field: z.string().min(1, 'Chọn ô cần gợi ý').max(100) })

export const AssignBody = z.object({ userId: z.uuid({ message: 'Chưa chọn người nhập liệu' }) })
export const AssignmentParams = z.object({ id: z.uuid(), userId: z.uuid() })

export const DraftListQuery = z.object({ bookId: z.uuid().optional() })
