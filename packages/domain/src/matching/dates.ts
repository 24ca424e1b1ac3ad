/**
 * Birth dates for matching, with the precision the book or the population data has: a full day,
 * a month and year, or a year only. Books often hold less than the population database (older
 * books write only the year), so a partial date that fits is agreement, not a difference.
 */
import { daysInMonth, parsePartialDate } from '../dates/partial-date'

export interface DateParts {
  year: number
  month?: number
  day?: number
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 'yyyy', 'yyyy-mm' or 'yyyy-mm-dd': the compact form stored beside population records. */
export function datePartsToKey(d: DateParts): string {
  if (d.month === undefined) return String(d.year).padStart(4, '0')
  if (d.day === undefined) return `${String(d.year).padStart(4, '0')}-${pad(d.month)}`
  return `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`
}

/**
 * Read from the characters, not through a memo: matching reads a key from every candidate row (millions at 1M
 * people), and a memo's lookup by a freshly cut string cost more than the few character tests (measured).
 */
export function datePartsFromKey(key: string | null | undefined): DateParts | undefined {
  if (!key) return undefined
  return parseKey(key)
}

/** The number written by the digits of key[from, to), or -1 when one is not a digit. */
function digitsAt(key: string, from: number, to: number): number {
  let value = 0
  for (let i = from; i < to; i++) {
    const digit = key.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

const DASH = 45

function parseKey(key: string): DateParts | undefined {
  const n = key.length
  if (n !== 4 && n !== 7 && n !== 10) return undefined
  const year = digitsAt(key, 0, 4)
  if (year < 0) return undefined
  if (n === 4) return { year }
  const month = key.charCodeAt(4) === DASH ? digitsAt(key, 5, 7) : -1
  if (month < 0) return undefined
  if (n === 7) return { year, month }
  const day = key.charCodeAt(7) === DASH ? digitsAt(key, 8, 10) : -1
  return day < 0 ? undefined : { year, month, day }
}

/** A date as books and extracts write it (dd.mm.yyyy, mm.yyyy, yyyy, dd/mm/yyyy, ISO...), or undefined. */
export function parseDateParts(input: string | number | null | undefined): DateParts | undefined {
  if (input === null || input === undefined || input === '') return undefined
  const parsed = parsePartialDate(input, { allowExcelSerial: typeof input === 'number' })
  if (!parsed.ok) return undefined
  const { year, month, day } = parsed.value
  return day !== undefined && month !== undefined ? { year, month, day } : month !== undefined ? { year, month } : { year }
}

/** The same day with day and month exchanged, when that is a real, different date. */
export function swappedDate(d: DateParts): DateParts | undefined {
  if (d.day === undefined || d.month === undefined || d.day === d.month || d.day > 12) return undefined
  if (d.month > daysInMonth(d.year, d.day)) return undefined
  return { year: d.year, month: d.day, day: d.month }
}

export const DATE_LEVELS = {
  exact: 'Trùng ngày',
  compatible: 'Phù hợp (một bên chỉ ghi tháng/năm hoặc năm)',
  swapped: 'Đảo ngày và tháng',
  near: 'Lệch một phần (ngày, tháng, một chữ số của năm hoặc hai chữ số đảo chỗ)',
  sameYear: 'Chỉ trùng năm',
  different: 'Khác',
} as const
export type DateLevel = keyof typeof DATE_LEVELS

/**
 * Two dates at the level "different" that are two keying slips apart, not another date: the year one
 * slip off (see nearYear) and, on whole dates, the day or the month off too (05.03.1985 for 07.03.1986)
 * or the day and month swapped (03.05.1985 for 05.03.1986); on a partial date, the month. Weighed as
 * "different" all the same; only "not found" looks at it (see onlySlips in decide.ts: such a person is
 * shown to a person, not made a new one).
 */
export function twoSlipsApart(a: DateParts, b: DateParts, level: DateLevel = compareDates(a, b)): boolean {
  // `level`: the scorer already has it. Cheapest test first: scoring asks this of every candidate at "different".
  if (level !== 'different') return false
  if (a.day !== undefined && b.day !== undefined && a.month !== b.month && a.day !== b.day && (a.day !== b.month || a.month !== b.day)) return false
  return nearYear(a.year, b.year)
}

/**
 * Years that are one slip apart: ±1, one digit different, or two neighbouring digits keyed in the
 * wrong order (1985/1958, 1975/1957: issue 15, the same slip as "Tàon" for "Toàn").
 */
export function nearYear(a: number, b: number): boolean {
  if (Math.abs(a - b) === 1) return true
  const x = String(a)
  const y = String(b)
  if (x.length !== y.length) return false
  const diff: number[] = []
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i)
  if (diff.length === 1) return true
  const [i, j] = diff
  return diff.length === 2 && j === (i as number) + 1 && x[i as number] === y[j as number] && x[j as number] === y[i as number]
}

export function compareDates(a: DateParts, b: DateParts): DateLevel {
  const full = a.day !== undefined && b.day !== undefined
  if (full) {
    if (a.year === b.year && a.month === b.month && a.day === b.day) return 'exact'
    if (a.year === b.year && a.day === b.month && a.month === b.day) return 'swapped'
    const sameMonth = a.month === b.month
    const sameDay = a.day === b.day
    if (a.year === b.year && (sameMonth || sameDay)) return 'near'
    if (sameMonth && sameDay && nearYear(a.year, b.year)) return 'near'
    return a.year === b.year ? 'sameYear' : 'different'
  }
  const monthsFit = a.month === undefined || b.month === undefined || a.month === b.month
  if (monthsFit && a.year === b.year) return 'compatible'
  if (monthsFit && nearYear(a.year, b.year)) return 'near'
  return a.year === b.year ? 'sameYear' : 'different'
}
