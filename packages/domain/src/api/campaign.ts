import { z } from 'zod'
import { BookTypeSchema } from './schemas'
import { BookConditionSchema } from './books'
import { CalendarDate, Timestamp } from './common'
import { AQL_VALUES, DEFAULT_AQL, isTableAql } from '../acceptance/sampling'
import { MONTH_PATTERN, phaseProblems } from '../campaign/phases'
import { PLAN_ACTION_CODES, PLAN_STATUS_CODES } from '../campaign/plans'

/** Campaign phases, unit plans and the book inventory (issue 13): requests and responses. */

const month = (what: string) => z.string().regex(MONTH_PATTERN, { message: `${what} phải có dạng yyyy-mm (ví dụ 1990-01)` })
const day = (what: string) => z.iso.date({ message: `${what} phải có dạng yyyy-mm-dd` })

const phaseFields = z.object({
  name: z.string().trim().min(1, 'Nhập tên giai đoạn').max(200, 'Tên giai đoạn dài quá 200 ký tự'),
  windowFrom: month('Tháng bắt đầu của khoảng đăng ký'),
  windowTo: month('Tháng kết thúc của khoảng đăng ký'),
  bookTypes: z.array(BookTypeSchema).min(1, 'Chọn ít nhất một loại sổ').max(20),
  /** null: every unit of the province; else the chosen units (historic ones allowed). */
  unitIds: z.array(z.uuid({ message: 'Mã đơn vị không hợp lệ' })).min(1, 'Chọn ít nhất một đơn vị, hoặc để trống là tất cả').max(2000).nullable(),
  startsOn: day('Ngày bắt đầu'),
  deadline: day('Hạn hoàn thành'),
  unitPriceVnd: z.number({ message: 'Nhập đơn giá (đồng/trường hợp)' }).int('Đơn giá phải là số nguyên').min(0, 'Đơn giá không được âm').max(10_000_000, 'Đơn giá quá lớn'),
  /** Percent nonconforming entries for acceptance, a value of ISO 2859-1 Table 2-A. */
  aql: z.number().refine(isTableAql, { message: `AQL phải là một giá trị của bảng ISO 2859-1: ${AQL_VALUES.join('; ')}` }).default(DEFAULT_AQL),
})

/** Window and dates checked together, with the domain's messages on the field they concern. */
function checked<T extends z.ZodType<z.infer<typeof phaseFields>>>(schema: T) {
  return schema.superRefine((value, ctx) => {
    for (const [path, message] of Object.entries(phaseProblems(value))) ctx.addIssue({ code: 'custom', path: [path], message })
  })
}

export const PhaseInput = checked(phaseFields)
export type PhaseInput = z.infer<typeof PhaseInput>
export const PhaseUpdate = checked(phaseFields.extend({ version: z.number().int().min(1) }))
export type PhaseUpdate = z.infer<typeof PhaseUpdate>

export const PhaseView = z.object({
  id: z.uuid(),
  provinceUnitId: z.uuid(),
  name: z.string(),
  windowFrom: z.string(),
  windowTo: z.string(),
  bookTypes: z.array(z.string()),
  unitIds: z.array(z.uuid()).nullable(),
  unitNames: z.array(z.string()).describe('Tên các đơn vị đã chọn (rỗng khi là tất cả)'),
  startsOn: CalendarDate,
  deadline: CalendarDate,
  unitPriceVnd: z.number().int(),
  aql: z.number(),
  version: z.number().int(),
  updatedAt: Timestamp,
  canEdit: z.boolean(),
})
export type PhaseView = z.infer<typeof PhaseView>
export const PhaseList = z.object({ items: z.array(PhaseView) })
export type PhaseList = z.infer<typeof PhaseList>

export const PlanStatusSchema = z.enum(PLAN_STATUS_CODES)
export const PlanActionSchema = z.enum(PLAN_ACTION_CODES, { message: 'Thao tác không hợp lệ' })

export const PlanLine = z.object({
  bookType: BookTypeSchema,
  booksPlanned: z.number().int().min(0, 'Số sổ không được âm').max(100_000),
  entriesPlanned: z.number().int().min(0, 'Số trường hợp không được âm').max(100_000_000),
})
export type PlanLine = z.infer<typeof PlanLine>

/** A team member: one of the unit's accounts, or a person without an account (by name). */
export const TeamMember = z.union([
  z.object({ userId: z.uuid({ message: 'Mã tài khoản không hợp lệ' }), name: z.string().max(200).optional() }),
  z.object({ userId: z.null().optional(), name: z.string().trim().min(1, 'Nhập họ tên người tham gia').max(200) }),
])
export type TeamMember = z.infer<typeof TeamMember>

const planFields = z.object({
  lines: z.array(PlanLine).max(20).refine((lines) => new Set(lines.map((l) => l.bookType)).size === lines.length, { message: 'Mỗi loại sổ chỉ một dòng' }),
  team: z.array(TeamMember).max(500),
  startsOn: day('Ngày bắt đầu').nullable(),
  endsOn: day('Ngày kết thúc').nullable(),
  entriesPerDay: z.number().positive('Định mức phải lớn hơn 0').max(10_000).nullable(),
  note: z.string().trim().max(4000).nullable().optional(),
})
const datesInOrder = (v: { startsOn: string | null; endsOn: string | null }) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn
const DATES_MESSAGE = { message: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu', path: ['endsOn'] }

export const PlanCreate = z.object({ phaseId: z.uuid({ message: 'Chọn giai đoạn' }), unitId: z.uuid({ message: 'Chọn đơn vị' }) })
export type PlanCreate = z.infer<typeof PlanCreate>
export const PlanUpdate = planFields.extend({ version: z.number().int().min(1) }).refine(datesInOrder, DATES_MESSAGE)
export type PlanUpdate = z.infer<typeof PlanUpdate>
export const PlanTransitionBody = z.object({
  action: PlanActionSchema,
  version: z.number().int().min(1),
  reason: z.string().trim().max(2000).optional(),
})
export type PlanTransitionBody = z.infer<typeof PlanTransitionBody>
export const PlanListQuery = z.object({ phaseId: z.uuid({ message: 'Chọn giai đoạn' }), unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional() })
export type PlanListQuery = z.infer<typeof PlanListQuery>

export const PlanView = z.object({
  id: z.uuid(),
  phaseId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  status: PlanStatusSchema,
  statusLabel: z.string(),
  lines: z.array(PlanLine.extend({ label: z.string() })),
  team: z.array(z.object({ userId: z.uuid().nullable(), name: z.string() })),
  startsOn: CalendarDate.nullable(),
  endsOn: CalendarDate.nullable(),
  entriesPerDay: z.number().nullable(),
  note: z.string().nullable(),
  returnReason: z.string().nullable(),
  version: z.number().int(),
  submittedAt: Timestamp.nullable(),
  decidedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
  canEdit: z.boolean(),
  allowedActions: z.array(PlanActionSchema),
  /** The unit's accounts to pick the team from (only for who may edit). */
  teamCandidates: z.array(z.object({ userId: z.uuid(), name: z.string() })),
})
export type PlanView = z.infer<typeof PlanView>

/** A unit the phase covers, with its plan's status (null: no plan yet). */
export const PlanSummary = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  planId: z.uuid().nullable(),
  status: PlanStatusSchema.nullable(),
  statusLabel: z.string(),
  entriesPlanned: z.number().int(),
  updatedAt: Timestamp.nullable(),
})
export type PlanSummary = z.infer<typeof PlanSummary>
export const PlanSummaryList = z.object({ items: z.array(PlanSummary) })
export type PlanSummaryList = z.infer<typeof PlanSummaryList>

export const InventoryQuery = z.object({ unitId: z.uuid({ message: 'Chọn đơn vị' }), phaseId: z.uuid({ message: 'Mã giai đoạn không hợp lệ' }).optional() })
export type InventoryQuery = z.infer<typeof InventoryQuery>
export const AppendixQuery = z.object({ unitId: z.uuid({ message: 'Chọn đơn vị' }), phaseId: z.uuid({ message: 'Chọn giai đoạn' }) })
export type AppendixQuery = z.infer<typeof AppendixQuery>

export const EntryProgress = z.object({
  total: z.number().int(),
  keyed: z.number().int(),
  checked: z.number().int(),
  approved: z.number().int(),
  handedOver: z.number().int(),
})
export type EntryProgress = z.infer<typeof EntryProgress>

export const InventoryBook = z.object({
  id: z.uuid(),
  bookType: z.string(),
  typeLabel: z.string(),
  volume: z.string(),
  year: z.number().int(),
  unitName: z.string(),
  openedOn: CalendarDate.nullable(),
  closedOn: CalendarDate.nullable(),
  condition: BookConditionSchema,
  conditionLabel: z.string(),
  conditionNote: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  scannedPages: z.number().int(),
  entries: EntryProgress,
  version: z.number().int(),
  canEditCondition: z.boolean(),
})
export type InventoryBook = z.infer<typeof InventoryBook>

export const InventoryType = z.object({
  bookType: z.string(),
  label: z.string(),
  books: z.number().int(),
  damaged: z.number().int(),
  lost: z.number().int(),
  pageCount: z.number().int(),
  scannedPages: z.number().int(),
  firstYear: z.number().int().nullable(),
  lastYear: z.number().int().nullable(),
  entries: EntryProgress,
})
export type InventoryType = z.infer<typeof InventoryType>

export const AppendixRowView = z.object({
  stt: z.number().int().nullable(),
  bookType: z.string().nullable(),
  label: z.string(),
  total: z.number().int(),
  inDatabase: z.number().int(),
  toKey: z.number().int(),
  note: z.string(),
})
export type AppendixRowView = z.infer<typeof AppendixRowView>

export const InventoryView = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  phaseId: z.uuid().nullable(),
  phaseName: z.string().nullable(),
  books: z.array(InventoryBook),
  byType: z.array(InventoryType),
  /** Only for a phase. */
  appendix: z.array(AppendixRowView).nullable(),
})
export type InventoryView = z.infer<typeof InventoryView>
