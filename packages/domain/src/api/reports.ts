import { z } from 'zod'
import { AppendixRowView } from './campaign'
import { CalendarDate, Timestamp } from './common'
import { REPORT_LEVEL_CODES, REPORT_STATES, TIME_PATTERN } from '../campaign/weekly-report'

/** Weekly progress reports (issue 13): requests and responses. */

const day = z.iso.date({ message: 'Tuần phải là một ngày dạng yyyy-mm-dd (ngày bất kỳ trong tuần)' })
const unitId = z.uuid({ message: 'Mã đơn vị không hợp lệ' })

export const WeeklyReportQuery = z.object({
  unitId: unitId.optional().describe('Bỏ trống: đơn vị của người xem'),
  week: day.optional().describe('Một ngày bất kỳ trong tuần; bỏ trống: tuần này'),
})
export type WeeklyReportQuery = z.infer<typeof WeeklyReportQuery>

const text = (what: string) => z.string().max(8000, `${what} dài quá 8.000 ký tự: rút gọn lại`)
export const WeeklyReportTexts = z.object({
  /** I. Tình hình triển khai. */
  situation: text('Tình hình triển khai'),
  /** III. Khó khăn, vướng mắc. */
  difficulties: text('Khó khăn, vướng mắc'),
  /** IV. Đề xuất, kiến nghị. */
  proposals: text('Đề xuất, kiến nghị'),
  /** Kinh phí. */
  budget: text('Kinh phí'),
})
export type WeeklyReportTexts = z.infer<typeof WeeklyReportTexts>

export const WeeklyReportSave = WeeklyReportTexts.extend({
  unitId,
  week: day,
  /** The version seen (0: no report yet). */
  version: z.number().int().min(0),
})
export type WeeklyReportSave = z.infer<typeof WeeklyReportSave>
export const WeeklyReportSubmit = z.object({ unitId, week: day, version: z.number().int().min(0) })
export type WeeklyReportSubmit = z.infer<typeof WeeklyReportSubmit>

const Activity = z.object({ keyed: z.number().int(), checked: z.number().int(), approved: z.number().int(), returned: z.number().int(), handedOver: z.number().int() })

/** The figures of a report: computed live while a draft, frozen (this shape, as JSON) when submitted. */
export const WeeklyReportFigures = z.object({
  computedAt: z.string(),
  /** The last day counted (the week's Sunday, or today for the week running). */
  asOf: CalendarDate,
  phase: z.object({ id: z.uuid(), name: z.string(), deadline: CalendarDate, unitPriceVnd: z.number().int() }).nullable(),
  byType: z.array(z.object({
    bookType: z.string(), label: z.string(), planned: z.number().int().nullable(), total: z.number().int(), done: z.number().int(),
    inDatabase: z.number().int(), remaining: z.number().int().nullable(),
    /** This week for this type (Monday to the last day counted); absent from reports submitted before it was counted by type. */
    week: Activity.optional(),
  })),
  totals: z.object({ planned: z.number().int().nullable(), total: z.number().int(), done: z.number().int(), inDatabase: z.number().int(), remaining: z.number().int().nullable() }),
  /** This week, Monday to the last day counted. */
  week: Activity,
  daily: z.array(Activity.extend({ day: CalendarDate })),
  /** People who keyed, checked or approved something this week. */
  staff: z.number().int(),
  /** Entries keyed per working day over the last 2-4 weeks, and the finish date at that pace. */
  perDay: z.number(),
  forecast: z.object({ workingDaysNeeded: z.number().int().nullable(), finishOn: z.string().nullable(), late: z.boolean(), workingDaysLate: z.number().int().nullable(), insufficientData: z.boolean().optional() }).nullable(),
  cost: z.object({ unitPriceVnd: z.number().int(), toDate: z.number(), remaining: z.number(), planned: z.number() }).nullable(),
  appendix: z.array(AppendixRowView).nullable(),
})
export type WeeklyReportFigures = z.infer<typeof WeeklyReportFigures>

export const ReportStateSchema = z.enum(Object.keys(REPORT_STATES) as [keyof typeof REPORT_STATES, ...Array<keyof typeof REPORT_STATES>])

/** A unit below and its report of the week (the late list). */
export const WeeklyReportUnitStatus = z.object({
  unitId: z.uuid(),
  name: z.string(),
  level: z.string(),
  state: ReportStateSchema,
  stateLabel: z.string(),
  /** Not submitted after the deadline, or submitted after it. */
  late: z.boolean(),
  dueAt: z.string(),
  submittedAt: z.string().nullable(),
  texts: WeeklyReportTexts.nullable(),
})
export type WeeklyReportUnitStatus = z.infer<typeof WeeklyReportUnitStatus>
export const WeeklyReportUnitList = z.object({ weekStart: CalendarDate, items: z.array(WeeklyReportUnitStatus) })
export type WeeklyReportUnitList = z.infer<typeof WeeklyReportUnitList>

/** What a submitted report keeps as it was: its figures and, for a level above, its units' reports at that moment. */
export const WeeklyReportSnapshot = z.object({ figures: WeeklyReportFigures, units: z.array(WeeklyReportUnitStatus) })
export type WeeklyReportSnapshot = z.infer<typeof WeeklyReportSnapshot>

export const WeeklyReportView = z.object({
  unit: z.object({ id: z.uuid(), name: z.string(), level: z.string() }),
  weekStart: CalendarDate,
  weekEnd: CalendarDate,
  dueAt: z.string(),
  status: z.enum(['none', 'draft', 'submitted']),
  state: ReportStateSchema,
  stateLabel: z.string(),
  late: z.boolean(),
  texts: WeeklyReportTexts,
  /** 0 while nothing is saved. */
  version: z.number().int(),
  updatedAt: Timestamp.nullable(),
  submittedAt: Timestamp.nullable(),
  submittedBy: z.string().nullable(),
  figures: WeeklyReportFigures,
  /** The units below and their reports (empty for a commune). */
  units: z.array(WeeklyReportUnitStatus),
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
})
export type WeeklyReportView = z.infer<typeof WeeklyReportView>

/** The reminder on the home page: the user's unit has not submitted this week's report (from Thursday). */
export const WeeklyReportReminder = z.object({
  reminder: z.object({ unitId: z.uuid(), unitName: z.string(), weekStart: CalendarDate, dueAt: z.string(), late: z.boolean(), status: z.enum(['none', 'draft']) }).nullable(),
})
export type WeeklyReportReminder = z.infer<typeof WeeklyReportReminder>

export const ReportDeadlineView = z.object({ level: z.enum(REPORT_LEVEL_CODES), label: z.string(), weekday: z.number().int(), time: z.string() })
export const ReportDeadlineList = z.object({ items: z.array(ReportDeadlineView), canEdit: z.boolean() })
export type ReportDeadlineList = z.infer<typeof ReportDeadlineList>
export const ReportDeadlinesUpdate = z.object({
  items: z.array(z.object({
    level: z.enum(REPORT_LEVEL_CODES, { message: 'Cấp không hợp lệ' }),
    weekday: z.number().int().min(1, 'Thứ trong tuần từ 1 (Thứ Hai) đến 7 (Chủ nhật)').max(7, 'Thứ trong tuần từ 1 (Thứ Hai) đến 7 (Chủ nhật)'),
    time: z.string().regex(TIME_PATTERN, { message: 'Giờ phải có dạng HH:MM (ví dụ 15:00)' }),
  })).min(1, 'Nhập hạn của ít nhất một cấp').max(3),
})
export type ReportDeadlinesUpdate = z.infer<typeof ReportDeadlinesUpdate>
