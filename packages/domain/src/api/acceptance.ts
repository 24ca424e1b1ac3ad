import { z } from 'zod'
import { pageOf, Timestamp } from './common'
import { BookTypeSchema } from './schemas'
import { AQL_VALUES, isTableAql } from '../acceptance/sampling'

/** Lot statuses: sampled and being inspected, then accepted or rejected. */
export const LOT_STATUSES = {
  inspecting: 'Đang kiểm tra mẫu',
  accepted: 'Đạt — nghiệm thu',
  rejected: 'Không đạt — trả lại để sửa',
} as const
export type LotStatus = keyof typeof LOT_STATUSES

export const LotCreate = z.object({
  unitId: z.uuid({ message: 'Chọn đơn vị' }),
  bookId: z.uuid({ message: 'Mã sổ không hợp lệ' }).optional(),
  /** Free text (older lots); the name of the campaign phase when `phaseId` is given. */
  phase: z.string().trim().min(1, 'Nhập tên giai đoạn').max(200).optional(),
  /** A phase the campaign module defines (issue 13): its name, AQL and unit price are the defaults. */
  phaseId: z.uuid({ message: 'Mã giai đoạn không hợp lệ' }).optional(),
  yearFrom: z.number().int().min(1900).max(2100).optional(),
  yearTo: z.number().int().min(1900).max(2100).optional(),
  /** Percent nonconforming entries, a value of ISO 2859-1 Table 2-A; default DEFAULT_AQL. */
  aql: z.number().refine(isTableAql, { message: `AQL phải là một giá trị của bảng ISO 2859-1: ${AQL_VALUES.join('; ')}` }).optional(),
  /** VND per entry; default the phase's price, else 0. */
  unitPrice: z.number().int().min(0).max(10_000_000).optional(),
  /** Re-inspection of a rejected lot after rework. */
  previousLotId: z.uuid().optional(),
}).refine((v) => v.yearFrom === undefined || v.yearTo === undefined || v.yearFrom <= v.yearTo, { message: 'Năm bắt đầu sau năm kết thúc', path: ['yearTo'] })
  .refine((v) => v.phase !== undefined || v.phaseId !== undefined, { message: 'Chọn giai đoạn của chiến dịch hoặc nhập tên giai đoạn', path: ['phase'] })
export type LotCreate = z.infer<typeof LotCreate>

export const FieldError = z.object({
  field: z.string().min(1).max(100),
  /** What the register holds now (filled by the server). */
  found: z.string().max(4000).optional(),
  correct: z.string().max(4000),
})
export type FieldError = z.infer<typeof FieldError>

export const SampleInspection = z.object({ errors: z.array(FieldError).max(200) })
export type SampleInspection = z.infer<typeof SampleInspection>

export const LotSampleView = z.object({
  entryId: z.uuid(),
  position: z.number().int(),
  bookId: z.uuid(),
  bookType: BookTypeSchema,
  so: z.number().int().nullable(),
  subjectName: z.string().nullable(),
  keyedBy: z.uuid().nullable(),
  keyedByName: z.string().nullable(),
  inspected: z.boolean(),
  errors: z.array(FieldError.extend({ found: z.string(), label: z.string() })),
})
export type LotSampleView = z.infer<typeof LotSampleView>

export const LotView = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  bookId: z.uuid().nullable(),
  phase: z.string(),
  /** The campaign phase, for lots drawn after migration 0022 for a defined phase. */
  phaseId: z.uuid().nullable(),
  yearFrom: z.number().int().nullable(),
  yearTo: z.number().int().nullable(),
  aql: z.number(),
  inspectionLevel: z.string(),
  lotSize: z.number().int(),
  codeLetter: z.string(),
  sampleSize: z.number().int(),
  acceptanceNumber: z.number().int(),
  rejectionNumber: z.number().int(),
  seed: z.string(),
  unitPrice: z.number().int(),
  amount: z.number().int().describe('Số trường hợp × đơn giá (VND)'),
  status: z.string(),
  statusLabel: z.string(),
  inspectedCount: z.number().int(),
  defectiveEntries: z.number().int(),
  fieldErrors: z.number().int(),
  previousLotId: z.uuid().nullable(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
})
export type LotView = z.infer<typeof LotView>

export const LotDetail = LotView.extend({
  samples: z.array(LotSampleView),
  errorsByField: z.array(z.object({ field: z.string(), label: z.string(), count: z.number().int() })),
  errorsByKeyer: z.array(z.object({ keyedBy: z.uuid().nullable(), name: z.string().nullable(), sampled: z.number().int(), defective: z.number().int(), fieldErrors: z.number().int() })),
})
export type LotDetail = z.infer<typeof LotDetail>

export const LotPage = pageOf(LotView)
export type LotPage = z.infer<typeof LotPage>

export const LotListQuery = z.object({
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
})
export type LotListQuery = z.infer<typeof LotListQuery>
