import { z } from 'zod'
import { pageOf, Timestamp } from './common'
import { EntryRef } from './keying'

/** The duplicate review list (issue 12, DOMAIN.md §10): pairs found by the scan, decided by an officer. */

export const DUPLICATE_PAIR_STATUSES = {
  open: 'Chưa xử lý',
  same: 'Cùng một trường hợp (đã loại một bản)',
  different: 'Khác người / khác sự kiện',
} as const
export type DuplicatePairStatus = keyof typeof DUPLICATE_PAIR_STATUSES

export const DuplicateScanBody = z.object({
  unitId: z.uuid({ message: 'Chọn đơn vị' }),
  bookId: z.uuid({ message: 'Mã sổ không hợp lệ' }).optional().describe('Chỉ các cặp có ít nhất một trường hợp của sổ này'),
})

export const DuplicateListQuery = z.object({
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional().describe('Bỏ trống: mọi đơn vị trong phạm vi'),
  status: z.enum(['open', 'same', 'different']).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
})


export const DuplicatePairView = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  bookType: z.string(),
  sameNumber: z.boolean().describe('Cùng số trong năm đăng ký (cùng cơ quan, loại sổ)'),
  sameEvent: z.boolean().describe('Có thể cùng một sự kiện (cùng người, ngày, cha mẹ)'),
  fields: z.array(z.object({ key: z.string(), label: z.string(), verdict: z.enum(['agree', 'weak', 'differ']), note: z.string() })),
  entries: z.tuple([EntryRef, EntryRef]),
  status: z.enum(['open', 'same', 'different']),
  keptEntryId: z.uuid().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  foundAt: Timestamp,
})
export const DuplicatePairList = pageOf(DuplicatePairView)

export const DuplicateDecisionBody = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('same'),
    keepEntryId: z.uuid({ message: 'Chọn bản giữ lại' }),
    reason: z.string().trim().max(500).optional(),
  }),
  z.object({ decision: z.literal('different'), reason: z.string().trim().max(500).optional() }),
])
export type DuplicateDecision = z.infer<typeof DuplicateDecisionBody>

/** Entries of other registers about the people this entry names (DOMAIN.md §10), and what looks impossible. */
export const RelatedEntries = z.object({
  items: z.array(z.object({
    role: z.string().describe('Người trong trường hợp này: "Người được đăng ký", "Thông tin người chồng"...'),
    person: z.string(),
    relation: z.string().describe('Loại việc của trường hợp liên quan: Khai sinh, Khai tử, Kết hôn...'),
    entry: EntryRef.extend({ bookType: z.string() }),
  })),
  flags: z.array(z.string()).describe('Điều bất thường cần xem lại (tiếng Việt)'),
})
