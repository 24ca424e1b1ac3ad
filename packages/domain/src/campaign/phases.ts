/**
 * Campaign phases (issue 13, DOMAIN.md §11): the province digitises its books by periods of
 * registration. A phase names the window of registration months (inclusive, 'yyyy-mm'), the book
 * types, the units (null = every unit of the province) and what acceptance uses (unit price, AQL).
 */

/** 'yyyy-mm', months 01–12. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/

export interface YearMonth {
  year: number
  month: number
}

export function parseYearMonth(text: string): YearMonth | undefined {
  const match = MONTH_PATTERN.exec(text)
  return match ? { year: Number(match[1]), month: Number(match[2]) } : undefined
}

/** Where an entry's registration date falls, as precise as the book wrote it. */
export interface RegistrationMoment {
  year: number | null
  /** null when only the year is known. */
  month: number | null
}

export interface PhaseWindow {
  windowFrom: string
  windowTo: string
}

/**
 * Whether a registration falls in the window (contract with the dashboard, /tmp/h/contract.md):
 * a month inside [from, to]; a year only, when the year is inside [from.year, to.year];
 * no year at all belongs to no phase ("không rõ năm").
 */
export function inWindow(window: PhaseWindow, moment: RegistrationMoment): boolean {
  const from = parseYearMonth(window.windowFrom)
  const to = parseYearMonth(window.windowTo)
  if (!from || !to || moment.year === null) return false
  if (moment.month === null) return moment.year >= from.year && moment.year <= to.year
  const key = moment.year * 12 + moment.month
  return key >= from.year * 12 + from.month && key <= to.year * 12 + to.month
}

/** A book belongs to a phase's inventory when its year is inside the window's years. */
export function bookYearInWindow(window: PhaseWindow, year: number): boolean {
  const from = parseYearMonth(window.windowFrom)
  const to = parseYearMonth(window.windowTo)
  return !!from && !!to && year >= from.year && year <= to.year
}

export interface PhaseDraft extends PhaseWindow {
  startsOn: string
  deadline: string
  unitPriceVnd: number
}

/** Field → Vietnamese message for what a phase may not be; empty when it is fine. */
export function phaseProblems(phase: PhaseDraft): Record<string, string> {
  const problems: Record<string, string> = {}
  const from = parseYearMonth(phase.windowFrom)
  const to = parseYearMonth(phase.windowTo)
  if (!from) problems.windowFrom = 'Tháng bắt đầu phải có dạng yyyy-mm (ví dụ 1990-01)'
  if (!to) problems.windowTo = 'Tháng kết thúc phải có dạng yyyy-mm (ví dụ 1999-12)'
  if (from && to && from.year * 12 + from.month > to.year * 12 + to.month) problems.windowTo = 'Tháng kết thúc của khoảng đăng ký phải sau hoặc bằng tháng bắt đầu'
  if (phase.deadline < phase.startsOn) problems.deadline = 'Hạn hoàn thành phải sau hoặc bằng ngày bắt đầu'
  if (!Number.isInteger(phase.unitPriceVnd) || phase.unitPriceVnd < 0) problems.unitPriceVnd = 'Đơn giá phải là số nguyên không âm (đồng/trường hợp)'
  return problems
}
