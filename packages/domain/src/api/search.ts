import { z } from 'zod'
import { ENTRY_STATUSES, type EntryStatus } from '../workflow'
import { BookTypeSchema } from './schemas'

/**
 * Registry-wide search (issue 12): a name typed however the citizen spells it, and filters. At least
 * one criterion is required: an empty search would list the whole registry.
 */
const STATUS_VALUES = Object.keys(ENTRY_STATUSES) as [EntryStatus, ...EntryStatus[]]
const year = z.coerce.number().int().min(1800, 'Năm phải từ 1800').max(2100, 'Năm không hợp lệ')
const isoDate = z.iso.date({ message: 'Ngày phải có dạng yyyy-mm-dd' })
const text = (max: number) => z.string().trim().max(max, `Dài quá ${max} ký tự`).optional()

export const SearchQuery = z.object({
  q: text(200),
  bookType: BookTypeSchema.optional(),
  yearFrom: year.optional(),
  yearTo: year.optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional(),
  status: z.enum(STATUS_VALUES, { message: 'Trạng thái không hợp lệ' }).optional(),
  /** A parent's name (mother or father), typed as for `q`. */
  parent: text(200),
  personalId: z.string().trim().regex(/^\d{9,12}$/, 'Số định danh gồm 9 đến 12 chữ số').optional(),
  so: z.coerce.number().int().min(1, 'Số phải từ 1').max(999_999_999, 'Số quá lớn').optional(),
  volume: text(50),
  page: z.coerce.number().int().min(1).max(1000, 'Số trang quá lớn').default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).refine((v) => [v.q, v.parent, v.personalId, v.so, v.volume].some((x) => x !== undefined && x !== '') || v.yearFrom !== undefined || v.dateFrom !== undefined, {
  message: 'Nhập họ tên, tên cha mẹ, số định danh, số/quyển hoặc năm để tìm',
  path: ['q'],
}).refine((v) => v.yearFrom === undefined || v.yearTo === undefined || v.yearFrom <= v.yearTo, { message: 'Năm bắt đầu phải trước năm kết thúc', path: ['yearTo'] })
  .refine((v) => v.dateFrom === undefined || v.dateTo === undefined || v.dateFrom <= v.dateTo, { message: 'Ngày bắt đầu phải trước ngày kết thúc', path: ['dateTo'] })
export type SearchQuery = z.infer<typeof SearchQuery>

/** How a result's name matched: ranked in this order. */
export const SEARCH_MATCHES = {
  exact: 'Đúng tên',
  folded: 'Đúng tên (không dấu)',
  partial: 'Thiếu/thừa tên đệm',
  fuzzy: 'Gần đúng',
  filter: 'Theo bộ lọc',
} as const
export type SearchMatch = keyof typeof SEARCH_MATCHES

export const SearchResult = z.object({
  id: z.uuid(),
  bookId: z.uuid(),
  bookType: BookTypeSchema,
  volume: z.string(),
  bookYear: z.number().int(),
  unitName: z.string(),
  so: z.string().nullable(),
  registrationDate: z.string().nullable(),
  subjectName: z.string().nullable(),
  birthDate: z.string().nullable(),
  motherName: z.string().nullable(),
  fatherName: z.string().nullable(),
  status: z.enum(STATUS_VALUES),
  match: z.enum(Object.keys(SEARCH_MATCHES) as [SearchMatch, ...SearchMatch[]]),
  /** The entry's page images, in order (first one opens beside the entry). */
  pageIds: z.array(z.uuid()),
})
export type SearchResult = z.infer<typeof SearchResult>

export const SearchPage = z.object({
  items: z.array(SearchResult),
  /** Matches over every page, counted up to SEARCH_TOTAL_CAP (then `totalCapped`). */
  total: z.number().int(),
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
})
export type SearchPage = z.infer<typeof SearchPage>

export const SEARCH_TOTAL_CAP = 500
