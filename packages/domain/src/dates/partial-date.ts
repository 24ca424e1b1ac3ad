/**
 * Dates as books write them: a full day, or only month and year, or only the year. The MOJ form is
 * dd.mm.yyyy / mm.yyyy / yyyy; files in the wild add dd/mm/yyyy, ISO, Excel serials and what a
 * keyer types fast (270808). Nothing is guessed silently: every interpretation is a warning.
 */

export type DatePrecision = 'day' | 'month' | 'year'

export interface PartialDate {
  year: number
  month?: number
  day?: number
  precision: DatePrecision
}

export type PartialDateResult =
  | { ok: true; value: PartialDate; warnings: string[] }
  | { ok: false; message: string }

export interface ParseDateOptions {
  /** Read a numeric string of up to 5 digits as an Excel day serial (numbers always are). */
  allowExcelSerial?: boolean
  /** "Now" for two-digit years and the upper year bound; defaults to the current date. */
  today?: Date
}

export const MIN_DATE_YEAR = 1800

const EXPECTED = 'nhập theo dạng ngày.tháng.năm (27.08.2008), tháng.năm (08.2008) hoặc năm (2008)'

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** MOJ form: dd.mm.yyyy, mm.yyyy or yyyy, zero-padded. */
export function formatPartialDate(d: PartialDate): string {
  switch (d.precision) {
    case 'day':
      return `${pad(d.day ?? 1)}.${pad(d.month ?? 1)}.${pad(d.year, 4)}`
    case 'month':
      return `${pad(d.month ?? 1)}.${pad(d.year, 4)}`
    case 'year':
      return pad(d.year, 4)
  }
}

/** [earliest, latest] day the date can mean, ISO yyyy-mm-dd (2008 → 2008-01-01 .. 2008-12-31). */
/** Ranges of the (frozen, shared) dates parsePartialDate hands out: computed once each. */
const ranges = new WeakMap<PartialDate, readonly [string, string]>()

export function partialDateRange(d: PartialDate): [string, string] {
  const known = ranges.get(d)
  if (known) return [known[0], known[1]]
  const range = computeRange(d)
  if (Object.isFrozen(d)) ranges.set(d, range)
  return range
}

function computeRange(d: PartialDate): [string, string] {
  const y = pad(d.year, 4)
  switch (d.precision) {
    case 'day':
      return [`${y}-${pad(d.month ?? 1)}-${pad(d.day ?? 1)}`, `${y}-${pad(d.month ?? 1)}-${pad(d.day ?? 1)}`]
    case 'month': {
      const m = d.month ?? 1
      return [`${y}-${pad(m)}-01`, `${y}-${pad(m)}-${pad(daysInMonth(d.year, m))}`]
    }
    case 'year':
      return [`${y}-01-01`, `${y}-12-31`]
  }
}

/** Earliest ISO day, for sorting and indexing. */
export function partialDateToIso(d: PartialDate): string {
  return partialDateRange(d)[0]
}

/**
 * -1, 0 or 1; null when the two overlap without being the same (2008 vs 15.03.2008: the first may
 * be before, on or after the second).
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): -1 | 0 | 1 | null {
  const [aFrom, aTo] = partialDateRange(a)
  const [bFrom, bTo] = partialDateRange(b)
  if (aTo < bFrom) return -1
  if (aFrom > bTo) return 1
  if (aFrom === bFrom && aTo === bTo) return 0
  return null
}

/** 'yyyy-mm-dd', 'yyyy-mm' or 'yyyy' (a real date) → PartialDate; null otherwise. */
export function isoToPartialDate(iso: string): PartialDate | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso.trim())
  if (!m) return null
  const year = Number(m[1])
  const month = m[2] === undefined ? undefined : Number(m[2])
  const day = m[3] === undefined ? undefined : Number(m[3])
  if (month !== undefined && (month < 1 || month > 12)) return null
  if (day !== undefined && (day < 1 || day > daysInMonth(year, month ?? 1))) return null
  if (day !== undefined) return { year, month, day, precision: 'day' }
  if (month !== undefined) return { year, month, precision: 'month' }
  return { year, precision: 'year' }
}

/** ISO day of a JS date read in UTC (exceljs gives dates as UTC midnight). */
function utcParts(date: Date): { year: number; month: number; day: number } {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

function todayParts(options?: ParseDateOptions) {
  const now = options?.today ?? new Date()
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() }
}

/** Year typo hints: the single-digit changes that give a year in range (5005 → 2005). */
function yearSuggestions(year: number, maxYear: number): number[] {
  const digits = String(year)
  if (digits.length !== 4) return []
  const found = new Set<number>()
  for (let i = 0; i < 4; i++) {
    for (let d = 0; d <= 9; d++) {
      const candidate = Number(digits.slice(0, i) + d + digits.slice(i + 1))
      if (candidate !== year && candidate >= MIN_DATE_YEAR && candidate <= maxYear) found.add(candidate)
    }
  }
  return [...found].sort((a, b) => b - a)
}

function yearError(year: number, maxYear: number): string {
  const hints = yearSuggestions(year, maxYear)
  if (hints.length >= 1 && hints.length <= 2) {
    return `Năm ${year} không hợp lệ (kiểm tra lại, có thể là ${hints.join(' hoặc ')}?)`
  }
  return `Năm ${year} không hợp lệ: năm phải từ ${MIN_DATE_YEAR} đến ${maxYear}`
}

/** Checks the parts (month, day, year range, real calendar day) and builds the result. */
function build(
  year: number,
  month: number | undefined,
  day: number | undefined,
  options: ParseDateOptions | undefined,
  warnings: string[] = [],
): PartialDateResult {
  const today = todayParts(options)
  const maxYear = today.year + 1
  if (month !== undefined && (month < 1 || month > 12)) {
    return { ok: false, message: `Tháng ${month} không hợp lệ: tháng phải từ 1 đến 12 (${EXPECTED})` }
  }
  if (day !== undefined && (day < 1 || day > 31)) {
    return { ok: false, message: `Ngày ${day} không hợp lệ: ngày phải từ 1 đến 31 (${EXPECTED})` }
  }
  if (!Number.isInteger(year) || year < MIN_DATE_YEAR || year > maxYear) return { ok: false, message: yearError(year, maxYear) }
  if (day !== undefined && month !== undefined && day > daysInMonth(year, month)) {
    const written = `${pad(day)}.${pad(month)}.${year}`
    const detail = month === 2 ? `tháng 2 năm ${year} chỉ có ${daysInMonth(year, 2)} ngày` : `tháng ${month} chỉ có ${daysInMonth(year, month)} ngày`
    return { ok: false, message: `Ngày ${written} không có thật: ${detail}` }
  }
  const value: PartialDate =
    day !== undefined && month !== undefined
      ? { year, month, day, precision: 'day' }
      : month !== undefined
        ? { year, month, precision: 'month' }
        : { year, precision: 'year' }
  const todayIso = `${pad(today.year, 4)}-${pad(today.month)}-${pad(today.day)}`
  if (partialDateToIso(value) > todayIso) warnings.push(`Ngày ${formatPartialDate(value)} ở sau ngày hôm nay`)
  return { ok: true, value, warnings }
}

/** Two-digit year: the latest century that does not put the date after today (08 → 2008, 45 → 1945). */
function expandYear(yy: number, month: number, day: number, options?: ParseDateOptions): { year: number; warning: string } {
  const today = todayParts(options)
  const todayIso = `${pad(today.year, 4)}-${pad(today.month)}-${pad(today.day)}`
  let year = Math.floor(today.year / 100) * 100 + yy
  if (`${pad(year, 4)}-${pad(month)}-${pad(day)}` > todayIso) year -= 100
  return { year, warning: `Năm ghi 2 chữ số "${pad(yy)}" được hiểu là năm ${year}: kiểm tra lại` }
}

/** Excel day serial → date. Excel counts 1900 as a leap year: serial 60 is 29.02.1900, which never existed. */
function fromExcelSerial(serial: number, options?: ParseDateOptions): PartialDateResult {
  const whole = Math.floor(serial)
  if (whole === 60) return { ok: false, message: 'Số ngày Excel 60 là ngày 29.02.1900, ngày không có thật: kiểm tra lại ô này' }
  if (whole < 1) return { ok: false, message: `Số ${serial} không phải là ngày: ${EXPECTED}` }
  // Serials before 60 count from 31.12.1899; after it, the phantom 29.02.1900 shifts them by one.
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
  const { year, month, day } = utcParts(new Date(epoch + whole * 86_400_000))
  return build(year, month, day, options, [`Ô chứa số ngày Excel ${whole}, được đọc là ${pad(day)}.${pad(month)}.${year}`])
}

function fromDigits(digits: string, options?: ParseDateOptions): PartialDateResult {
  const n = (from: number, to: number) => Number(digits.slice(from, to))
  switch (digits.length) {
    case 4:
      return build(Number(digits), undefined, undefined, options)
    case 6: {
      // Always ddmmyy: "082008" is not read as mm.yyyy (too easy to confuse); say how to write it.
      const [day, month] = [n(0, 2), n(2, 4)]
      const wrong = month < 1 || month > 12 ? `tháng ${month}` : day < 1 || day > 31 ? `ngày ${day}` : null
      if (wrong) {
        return { ok: false, message: `"${digits}" được đọc là ngày ${pad(day)}, tháng ${pad(month)}, năm ${digits.slice(4)} (ddmmyy): ${wrong} không hợp lệ; với tháng.năm hãy nhập dạng 08.2008` }
      }
      const { year, warning } = expandYear(n(4, 6), month, day, options)
      return build(year, month, day, options, [warning])
    }
    case 8: {
      const asDmy = build(n(4, 8), n(2, 4), n(0, 2), options)
      if (asDmy.ok) return asDmy
      // 20080827 (yyyymmdd) from another system: accepted, with a warning.
      const asYmd = build(n(0, 4), n(4, 6), n(6, 8), options, [`"${digits}" được đọc là năm-tháng-ngày`])
      return asYmd.ok ? asYmd : asDmy
    }
    default:
      return { ok: false, message: `Không đọc được ngày "${digits}" (${digits.length} chữ số): ${EXPECTED}` }
  }
}

const DMY = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})$/
const MY = /^(\d{1,2})[./-](\d{4})$/
const ISO = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/

const PARSE_CACHE_LIMIT = 20_000
const parseCache = new Map<string, PartialDateResult>()

function freezeResult(result: PartialDateResult): PartialDateResult {
  if (result.ok) {
    Object.freeze(result.value)
    Object.freeze(result.warnings)
  }
  return Object.freeze(result)
}

/**
 * Reads any of the accepted forms; see the module comment. Text results are cached (frozen, so
 * shared safely): an import reads the same few thousand dates again and again.
 */
export function parsePartialDate(input: string | number | Date, options?: ParseDateOptions): PartialDateResult {
  if (typeof input !== 'string') return parseUncached(input, options)
  const today = todayParts(options)
  const key = `${input}|${today.year}-${today.month}-${today.day}|${options?.allowExcelSerial ?? ''}`
  let result = parseCache.get(key)
  if (result === undefined) {
    result = freezeResult(parseUncached(input, options))
    if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.clear()
    parseCache.set(key, result)
  }
  return result
}

function parseUncached(input: string | number | Date, options?: ParseDateOptions): PartialDateResult {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, message: `Ngày không hợp lệ: ${EXPECTED}` }
    const { year, month, day } = utcParts(input)
    return build(year, month, day, options)
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return { ok: false, message: `Số ${input} không phải là ngày: ${EXPECTED}` }
    // A 4-digit number is a year typed in a number cell (5005 included: a typo to flag, not the
    // serial of a day in 1913); 6 or 8 digits are the keyer's compact 270808 / 27082008.
    const digits = String(input)
    if (Number.isInteger(input) && digits.length === 4) return build(input, undefined, undefined, options)
    if (Number.isInteger(input) && (digits.length === 6 || digits.length === 8)) return fromDigits(digits, options)
    if (options?.allowExcelSerial === false) return { ok: false, message: `Số ${input} không phải là ngày: ${EXPECTED}` }
    return fromExcelSerial(input, options)
  }
  const text = input.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (text === '') return { ok: false, message: `Chưa có ngày: ${EXPECTED}` }
  let m = DMY.exec(text)
  if (m) {
    const [day, month, y] = [Number(m[1]), Number(m[2]), m[3] ?? '']
    if (y.length === 2) {
      if (month < 1 || month > 12 || day < 1 || day > 31) return build(0, month, day, options)
      const { year, warning } = expandYear(Number(y), month, day, options)
      return build(year, month, day, options, [warning])
    }
    return build(Number(y), month, day, options)
  }
  if ((m = MY.exec(text))) return build(Number(m[2]), Number(m[1]), undefined, options)
  if ((m = ISO.exec(text))) return build(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]), options)
  if (/^\d+$/.test(text)) {
    if (options?.allowExcelSerial && text.length <= 5 && text.length !== 4) return fromExcelSerial(Number(text), options)
    if (text.length === 4 || text.length === 6 || text.length === 8) return fromDigits(text, options)
    if (text.length === 5 || text.length === 7) {
      return { ok: false, message: `Không đọc được ngày "${text}" (${text.length} chữ số): có thể thiếu số 0 ở đầu; ${EXPECTED}` }
    }
    return fromDigits(text, options)
  }
  return { ok: false, message: `Không đọc được ngày "${text}": ${EXPECTED}` }
}
