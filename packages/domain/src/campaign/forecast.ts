/**
 * Forecast of when a unit (or the province) finishes its entries (issue 13, DOMAIN.md §11). Work is
 * counted in working days, Monday to Friday; public holidays are not known to the system and are
 * not left out (the plans count the same way: "74 ngày làm việc").
 */

/** Days as 'yyyy-mm-dd' text, computed in UTC so that no local time zone shifts them. */
const dayMs = 86_400_000
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`)
const toDay = (time: number) => new Date(time).toISOString().slice(0, 10)

export const isWorkingDay = (day: string): boolean => {
  const weekday = new Date(toTime(day)).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

export const addDays = (day: string, days: number): string => toDay(toTime(day) + days * dayMs)

/** Working days from `from` to `to`, both included (0 when `to` is before `from`). */
export function workingDaysBetween(from: string, to: string): number {
  const start = toTime(from)
  const end = toTime(to)
  if (end < start) return 0
  const days = Math.round((end - start) / dayMs) + 1
  const weeks = Math.floor(days / 7)
  let count = weeks * 5
  for (let t = start + weeks * 7 * dayMs; t <= end; t += dayMs) if (isWorkingDay(toDay(t))) count++
  return count
}

/** The day on which `count` working days starting at `from` (included when it is one) are done. */
export function addWorkingDays(from: string, count: number): string {
  let day = from
  while (!isWorkingDay(day)) day = addDays(day, 1)
  let left = Math.max(Math.ceil(count), 1) - 1
  const weeks = Math.floor(left / 5)
  day = addDays(day, weeks * 7)
  left -= weeks * 5
  while (left > 0) {
    day = addDays(day, 1)
    if (isWorkingDay(day)) left--
  }
  return day
}

/** The Monday of the week of `day` (weeks run Monday to Sunday, as the Friday reports count them). */
export function weekStartOf(day: string): string {
  const weekday = new Date(toTime(day)).getUTCDay()
  return addDays(day, -((weekday + 6) % 7))
}

export interface DailyCount {
  day: string
  entries: number
}

/** The longest and shortest windows of measured throughput, in weeks. */
export const THROUGHPUT_WEEKS = { max: 4, min: 2 }

export interface Throughput {
  /** Entries per working day; 0 when nothing was done in the window. */
  perDay: number
  /** Working days measured. */
  workingDays: number
  /** First day of the window. */
  from: string
  /** Days with work in the window (today not counted): 0 = no pace measured yet. */
  daysWorked: number
}

/**
 * A unit's own pace: what it did in the last 4 weeks before today (today not counted: it is not
 * over) per working day; a unit that began less than 4 weeks ago is measured from its first day of
 * work, but over 2 weeks at least, so one good first day does not promise the moon.
 */
export function measuredThroughput(daily: readonly DailyCount[], today: string): Throughput {
  const windowEnd = addDays(today, -1)
  const earliest = addDays(today, -7 * THROUGHPUT_WEEKS.max)
  const latestStart = addDays(today, -7 * THROUGHPUT_WEEKS.min)
  const inWindow = daily.filter((d) => d.day >= earliest && d.day <= windowEnd && d.entries !== 0)
  const firstWork = inWindow.reduce<string | undefined>((first, d) => (first === undefined || d.day < first ? d.day : first), undefined)
  const from = firstWork === undefined ? earliest : firstWork > latestStart ? latestStart : firstWork < earliest ? earliest : firstWork
  const counted = inWindow.filter((d) => d.day >= from)
  const done = counted.reduce((sum, d) => sum + d.entries, 0)
  const workingDays = workingDaysBetween(from, windowEnd)
  return { perDay: workingDays > 0 ? done / workingDays : 0, workingDays, from, daysWorked: new Set(counted.map((d) => d.day)).size }
}

/**
 * Whether the pace measured can forecast anything. It can when the window holds a completed day of
 * work. A unit without one (it begins today, or the phase has just begun) has no pace yet: too
 * little to forecast, not "never finishes". Only a unit that did nothing at all, today included,
 * over the whole window (4 weeks) of a phase begun before it has a measured pace of 0: stalled.
 * `measured`: the caller's `measuredThroughput(daily, today)`, when it has it already.
 */
export function paceMeasured(daily: readonly DailyCount[], today: string, phaseStartsOn: string | null, measured: Throughput = measuredThroughput(daily, today)): boolean {
  if (measured.daysWorked > 0) return true
  const earliest = addDays(today, -7 * THROUGHPUT_WEEKS.max)
  const idle = !daily.some((d) => d.day >= earliest && d.day <= today && d.entries !== 0)
  return idle && phaseStartsOn !== null && phaseStartsOn <= earliest
}

export interface UnitForecast {
  /** Working days still needed at the measured pace; null when nothing is being done (never finishes). */
  workingDaysNeeded: number | null
  /** The expected last day; null when nothing is being done. */
  finishOn: string | null
  /** It will miss the deadline (or nothing is being done while work remains). */
  late: boolean
  /** Working days after the deadline (0 on time; null when it never finishes or there is no pace yet). */
  workingDaysLate: number | null
  /** No pace measured yet (see paceMeasured): no date, and not late either ("Chưa đủ số liệu để dự báo"). */
  insufficientData: boolean
}

/**
 * When the remaining entries are done at the pace measured, against the deadline. `measured` false
 * (paceMeasured): no pace yet, so no forecast rather than "never finishes".
 */
export function forecastFinish(remaining: number, perDay: number, today: string, deadline: string, measured = true): UnitForecast {
  if (remaining <= 0) return { workingDaysNeeded: 0, finishOn: today, late: false, workingDaysLate: 0, insufficientData: false }
  if (!measured && perDay <= 0) return { workingDaysNeeded: null, finishOn: null, late: false, workingDaysLate: null, insufficientData: true }
  if (perDay <= 0) return { workingDaysNeeded: null, finishOn: null, late: true, workingDaysLate: null, insufficientData: false }
  const workingDaysNeeded = Math.ceil(remaining / perDay)
  const finishOn = addWorkingDays(today, workingDaysNeeded)
  const late = finishOn > deadline
  return { workingDaysNeeded, finishOn, late, workingDaysLate: late ? workingDaysBetween(addDays(deadline, 1), finishOn) : 0, insufficientData: false }
}

/**
 * The plans' own arithmetic for a province: entries ÷ (units × entries per unit per day) working
 * days, e.g. 1,730,000 ÷ (235 × 100) ≈ 74. Rounded up: a day begun is a day worked.
 */
export function plannedWorkingDays(entries: number, units: number, entriesPerUnitPerDay: number): number | null {
  if (units <= 0 || entriesPerUnitPerDay <= 0) return null
  return Math.ceil(entries / (units * entriesPerUnitPerDay))
}

/**
 * Ranks units from the most likely to miss the deadline: never finishing, then most days late, then
 * least margin; units without a pace yet after those with one, finished units last.
 */
export function riskOrder(a: UnitForecast & { remaining: number }, b: UnitForecast & { remaining: number }): number {
  const score = (f: UnitForecast & { remaining: number }) =>
    f.remaining <= 0 ? -Infinity : f.insufficientData ? 0 : f.workingDaysNeeded === null ? Infinity : f.workingDaysNeeded
  return score(b) - score(a) || b.remaining - a.remaining
}
