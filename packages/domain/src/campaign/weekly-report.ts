/**
 * The weekly progress report (issue 13, DOMAIN.md §11): one per unit per ISO week (Monday to
 * Sunday, named by its Monday), due on a weekday and time of Vietnam (UTC+7, no daylight saving)
 * set per level by the province; reminders from the Thursday of the week.
 */
import { addDays, weekStartOf } from './forecast'

export const REPORT_LEVELS = { commune: 'Cấp xã', district: 'Cấp huyện', province: 'Cấp tỉnh' } as const
export type ReportLevel = keyof typeof REPORT_LEVELS
export const REPORT_LEVEL_CODES = Object.keys(REPORT_LEVELS) as ReportLevel[]
export const isReportLevel = (value: string): value is ReportLevel => Object.prototype.hasOwnProperty.call(REPORT_LEVELS, value)

export interface ReportDeadline {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number
  /** 'HH:MM', Vietnam time. */
  time: string
}

/** What a province has not set: Friday afternoon, the lower levels first so the level above can roll them up. */
export const DEFAULT_REPORT_DEADLINES: Record<ReportLevel, ReportDeadline> = {
  commune: { weekday: 5, time: '15:00' },
  district: { weekday: 5, time: '16:00' },
  province: { weekday: 5, time: '17:00' },
}

export const WEEKDAY_LABELS = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const
export const TIME_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]$/

const VIETNAM_OFFSET_MS = 7 * 3_600_000

/** An instant as Vietnam's calendar day and wall-clock time ('yyyy-mm-dd', 'HH:MM'), whatever the zone of the server or browser. */
export function vietnamClock(at: string | Date): { day: string; time: string } {
  const local = new Date(new Date(at).getTime() + VIETNAM_OFFSET_MS).toISOString()
  return { day: local.slice(0, 10), time: local.slice(11, 16) }
}

/** The Vietnam calendar day of an instant. */
export const vietnamDay = (at: Date): string => vietnamClock(at).day

/** The ISO week (its Monday) of a day. */
export const reportWeekOf = (day: string): string => weekStartOf(day)

/** The instant a week's report is due for a level's deadline. */
export function reportDueAt(weekStart: string, deadline: ReportDeadline): Date {
  return new Date(Date.parse(`${addDays(weekStart, deadline.weekday - 1)}T${deadline.time}:00+07:00`))
}

/** Reminders start on the Thursday of the week (00:00 Vietnam time). */
export function reminderStartsAt(weekStart: string): Date {
  return new Date(Date.parse(`${addDays(weekStart, 3)}T00:00:00+07:00`))
}

export const REPORT_STATES = { submitted: 'Đã nộp', late: 'Nộp muộn', missing: 'Chưa nộp' } as const
export type ReportState = keyof typeof REPORT_STATES

/**
 * Where a unit's report stands: submitted on time, submitted after the deadline (late), or not
 * submitted (late once the deadline has passed).
 */
export function reportState(submittedAt: Date | null, dueAt: Date, now: Date): { state: ReportState; late: boolean } {
  if (submittedAt) return submittedAt.getTime() > dueAt.getTime() ? { state: 'late', late: true } : { state: 'submitted', late: false }
  return { state: 'missing', late: now.getTime() > dueAt.getTime() }
}
