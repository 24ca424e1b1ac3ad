import { describe, expect, it } from 'vitest'
import {
  comparePartialDates,
  formatPartialDate,
  isoToPartialDate,
  parsePartialDate,
  partialDateRange,
  partialDateToIso,
  type PartialDate,
  type ParseDateOptions,
} from './partial-date'

const today = new Date(2026, 2, 1) // 1 March 2026
const opts: ParseDateOptions = { today }

function ok(input: string | number | Date, options: ParseDateOptions = opts): PartialDate {
  const r = parsePartialDate(input, options)
  if (!r.ok) throw new Error(`expected ${String(input)} to parse: ${r.message}`)
  return r.value
}
function fail(input: string | number | Date, options: ParseDateOptions = opts): string {
  const r = parsePartialDate(input, options)
  if (r.ok) throw new Error(`expected ${String(input)} to fail, got ${formatPartialDate(r.value)}`)
  return r.message
}
const day = (year: number, month: number, d: number): PartialDate => ({ year, month, day: d, precision: 'day' })

describe('parsePartialDate: MOJ forms', () => {
  it('reads dd.mm.yyyy, mm.yyyy and yyyy', () => {
    expect(ok('27.10.2008')).toEqual(day(2008, 10, 27))
    expect(ok('01.2019')).toEqual({ year: 2019, month: 1, precision: 'month' })
    expect(ok('2006')).toEqual({ year: 2006, precision: 'year' })
    expect(ok('7.3.2008')).toEqual(day(2008, 3, 7))
    expect(ok('3.2008')).toEqual({ year: 2008, month: 3, precision: 'month' })
  })

  it('reads the other separators and ISO', () => {
    expect(ok('10/10/1981')).toEqual(day(1981, 10, 10))
    expect(ok('10-10-1981')).toEqual(day(1981, 10, 10))
    expect(ok('05/2019')).toEqual({ year: 2019, month: 5, precision: 'month' })
    expect(ok('2008-01-15')).toEqual(day(2008, 1, 15))
    expect(ok('2008-01-15T00:00:00Z')).toEqual(day(2008, 1, 15))
    expect(ok('2008-03')).toEqual({ year: 2008, month: 3, precision: 'month' })
    expect(ok(' 27.10.2008 ')).toEqual(day(2008, 10, 27))
  })

  it('reads the sample values of the MOJ birth template', () => {
    for (const s of ['27.10.2008', '01.09.2008', '12.11.2008', '16.07.2008', '18.11.2008', '02.03.2008', '07.12.1977', '17.12.1971', '01.02.2019', '29.01.2007']) {
      expect(formatPartialDate(ok(s))).toBe(s)
    }
    expect(formatPartialDate(ok('04.2019'))).toBe('04.2019')
    expect(formatPartialDate(ok('10/10/1981'))).toBe('10.10.1981')
  })
})

describe('parsePartialDate: compact forms', () => {
  it('reads ddmmyy with a century that is not in the future', () => {
    const r = parsePartialDate('270808', opts)
    expect(r.ok && r.value).toEqual(day(2008, 8, 27))
    expect(r.ok && r.warnings[0]).toMatch(/2008/)
    expect(ok('010145')).toEqual(day(1945, 1, 1))
    expect(ok('010126')).toEqual(day(2026, 1, 1))
    expect(ok('010626')).toEqual(day(1926, 6, 1)) // 01.06.2026 is after "today"
    expect(ok('27.08.08')).toEqual(day(2008, 8, 27))
  })

  it('reads ddmmyyyy, and yyyymmdd with a warning', () => {
    expect(ok('27082008')).toEqual(day(2008, 8, 27))
    const r = parsePartialDate('20080827', opts)
    expect(r.ok && r.value).toEqual(day(2008, 8, 27))
    expect(r.ok && r.warnings.length).toBe(1)
  })

  it('treats 6 digits as ddmmyy always: 082008 is not a month', () => {
    expect(fail('082008')).toMatch(/tháng 20 không hợp lệ.*08\.2008/)
  })

  it('keeps 1999 a year', () => {
    expect(ok('1999')).toEqual({ year: 1999, precision: 'year' })
    expect(ok('1999', { today, allowExcelSerial: true })).toEqual({ year: 1999, precision: 'year' })
    expect(ok(1999)).toEqual({ year: 1999, precision: 'year' })
  })

  it('reads compact numbers from number cells', () => {
    expect(ok(270808)).toEqual(day(2008, 8, 27))
    expect(ok(27082008)).toEqual(day(2008, 8, 27))
  })

  it('says a leading zero may be lost', () => {
    expect(fail('10908')).toMatch(/thiếu số 0/)
  })
})

describe('parsePartialDate: Excel serials and Date objects', () => {
  it('reads serial numbers, with the 1900 leap-year bug', () => {
    expect(ok(39473)).toEqual(day(2008, 1, 26))
    expect(ok(39448)).toEqual(day(2008, 1, 1)) // well-known: 1 January 2008
    expect(ok(1)).toEqual(day(1900, 1, 1))
    expect(ok(59)).toEqual(day(1900, 2, 28))
    expect(ok(61)).toEqual(day(1900, 3, 1))
    expect(fail(60)).toMatch(/29\.02\.1900/)
    expect(ok(39473.75)).toEqual(day(2008, 1, 26))
    const r = parsePartialDate(39473, opts)
    expect(r.ok && r.warnings[0]).toMatch(/Excel/)
  })

  it('reads numeric strings as serials only when allowed', () => {
    expect(ok('39473', { today, allowExcelSerial: true })).toEqual(day(2008, 1, 26))
    expect(fail('39473')).toMatch(/5 chữ số/)
    expect(fail(39473, { today, allowExcelSerial: false })).toMatch(/không phải là ngày/)
  })

  it('reads a JS Date in UTC, as exceljs gives it', () => {
    expect(ok(new Date(Date.UTC(2008, 9, 27)))).toEqual(day(2008, 10, 27))
    expect(ok(new Date('2008-01-15T00:00:00.000Z'))).toEqual(day(2008, 1, 15))
    expect(fail(new Date('nope'))).toMatch(/không hợp lệ/)
  })
})

describe('parsePartialDate: errors', () => {
  it('rejects impossible days with a message that says why', () => {
    expect(fail('31.02.2008')).toBe('Ngày 31.02.2008 không có thật: tháng 2 năm 2008 chỉ có 29 ngày')
    expect(fail('29.02.2007')).toBe('Ngày 29.02.2007 không có thật: tháng 2 năm 2007 chỉ có 28 ngày')
    expect(fail('31.04.2008')).toBe('Ngày 31.04.2008 không có thật: tháng 4 chỉ có 30 ngày')
    expect(ok('29.02.2008')).toEqual(day(2008, 2, 29))
    expect(ok('29.02.2000')).toEqual(day(2000, 2, 29))
    expect(fail('29.02.1900')).toMatch(/28 ngày/)
  })

  it('rejects month 13 and day 0', () => {
    expect(fail('15.13.2008')).toMatch(/^Tháng 13 không hợp lệ: tháng phải từ 1 đến 12/)
    expect(fail('13.2008')).toMatch(/^Tháng 13 không hợp lệ/)
    expect(fail('00.05.2008')).toMatch(/^Ngày 0 không hợp lệ/)
    expect(fail('32.01.2008')).toMatch(/^Ngày 32 không hợp lệ/)
  })

  it('flags the year 5005 typo, without guessing', () => {
    expect(fail('12.03.5005')).toBe('Năm 5005 không hợp lệ (kiểm tra lại, có thể là 2005?)')
    expect(fail('5005')).toBe('Năm 5005 không hợp lệ (kiểm tra lại, có thể là 2005?)')
    expect(fail(5005)).toBe('Năm 5005 không hợp lệ (kiểm tra lại, có thể là 2005?)')
  })

  it('rejects years outside 1800..next year', () => {
    expect(fail('1799')).toMatch(/Năm 1799 không hợp lệ/)
    expect(ok('2027')).toEqual({ year: 2027, precision: 'year' })
    expect(fail('2028')).toMatch(/Năm 2028 không hợp lệ/)
    expect(fail('0208')).toMatch(/Năm 208 không hợp lệ|Năm 0208|không hợp lệ/)
  })

  it('warns about dates after today', () => {
    const r = parsePartialDate('15.06.2026', opts)
    expect(r.ok && r.warnings[0]).toMatch(/sau ngày hôm nay/)
  })

  it('rejects text that is not a date', () => {
    for (const s of ['', 'abc', '27.10', 'KS.2008.01.2008-01-15.001', '1.2.3.4']) {
      expect(fail(s)).toMatch(/ngày\.tháng\.năm/)
    }
  })
})

describe('formatting, ranges and comparison', () => {
  it('formats in the MOJ form, zero-padded', () => {
    expect(formatPartialDate(day(2008, 1, 5))).toBe('05.01.2008')
    expect(formatPartialDate({ year: 2006, month: 3, precision: 'month' })).toBe('03.2006')
    expect(formatPartialDate({ year: 2006, precision: 'year' })).toBe('2006')
  })

  it('round-trips partial dates through text', () => {
    for (const s of ['05.01.2008', '03.2006', '2006', '29.02.2008']) expect(formatPartialDate(ok(s))).toBe(s)
  })

  it('gives earliest ISO and ranges', () => {
    expect(partialDateToIso(day(2008, 1, 15))).toBe('2008-01-15')
    expect(partialDateToIso({ year: 2008, precision: 'year' })).toBe('2008-01-01')
    expect(partialDateRange({ year: 2008, month: 2, precision: 'month' })).toEqual(['2008-02-01', '2008-02-29'])
    expect(partialDateRange({ year: 2007, precision: 'year' })).toEqual(['2007-01-01', '2007-12-31'])
  })

  it('compares, or says it cannot', () => {
    const y2008 = { year: 2008, precision: 'year' } as const
    expect(comparePartialDates(y2008, day(2008, 3, 15))).toBeNull()
    expect(comparePartialDates({ year: 2007, precision: 'year' }, day(2008, 3, 15))).toBe(-1)
    expect(comparePartialDates(day(2008, 3, 16), day(2008, 3, 15))).toBe(1)
    expect(comparePartialDates(day(2008, 3, 15), day(2008, 3, 15))).toBe(0)
    expect(comparePartialDates(y2008, y2008)).toBe(0)
    expect(comparePartialDates({ year: 2008, month: 3, precision: 'month' }, day(2008, 4, 1))).toBe(-1)
  })

  it('reads ISO back', () => {
    expect(isoToPartialDate('2008-01-15')).toEqual(day(2008, 1, 15))
    expect(isoToPartialDate('2008-01')).toEqual({ year: 2008, month: 1, precision: 'month' })
    expect(isoToPartialDate('2008')).toEqual({ year: 2008, precision: 'year' })
    expect(isoToPartialDate('2008-02-30')).toBeNull()
    expect(isoToPartialDate('15.01.2008')).toBeNull()
  })
})

describe('parsePartialDate: remembered results', () => {
  it('answers the same text the same way, and the answer cannot be changed by a caller', () => {
    const first = parsePartialDate('15.03.2008')
    const second = parsePartialDate('15.03.2008')
    expect(second).toEqual(first)
    expect(Object.isFrozen(first)).toBe(true)
    if (!first.ok) throw new Error('expected a date')
    expect(() => {
      ;(first.value as { year: number }).year = 1999
    }).toThrow()
    expect(partialDateRange(first.value)).toEqual(['2008-03-15', '2008-03-15'])
  })

  it('does not reuse an answer given for another "today"', () => {
    const then = new Date(Date.UTC(2020, 5, 1))
    const now = new Date(Date.UTC(2026, 5, 1))
    expect(parsePartialDate('01.01.2025', { today: then }).ok).toBe(false)
    expect(parsePartialDate('01.01.2025', { today: now }).ok).toBe(true)
    expect(parsePartialDate('01.01.2025', { today: then }).ok).toBe(false)
  })
})
