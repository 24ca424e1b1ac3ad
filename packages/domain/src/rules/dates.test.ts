import { describe, expect, it } from 'vitest'
import { getBookType } from '../catalog'
import type { BookTypeCode, EntryFields } from '../catalog/types'
import type { RuleContext } from './context'
import { checkDates } from './dates'
import type { BookContext } from './types'

const today = new Date(2026, 2, 1)
const ctx = (code: BookTypeCode, fields: EntryFields, book: BookContext = {}): RuleContext => ({
  def: getBookType(code), fields, book, today,
})
const birth = (fields: EntryFields, book?: BookContext) =>
  checkDates(ctx('KS', { ngayDangKy: '27.10.2008', loaiDangKy: '1', nksNgaySinh: '01.09.2008', ...fields }, book))
const codes = (issues: { code: string }[]) => issues.map((i) => i.code)

describe('registration date and the book', () => {
  it('accepts a date inside the window', () => {
    expect(birth({}, { year: 2008, openedOn: '2008-01-02', closedOn: '2008-12-31' })).toEqual([])
  })

  it('warns before the book was opened or its year', () => {
    const before = birth({}, { year: 2008, openedOn: '2008-11-01' })
    expect(before[0]).toMatchObject({ field: 'ngayDangKy', severity: 'warning', code: 'date.outsideBook' })
    expect(before[0]?.message).toMatch(/01\.11\.2008/)
    expect(codes(birth({}, { year: 2009 }))).toEqual(['date.outsideBook'])
  })

  it('warns after the book was closed', () => {
    expect(codes(birth({}, { year: 2008, closedOn: '2008-10-01' }))).toEqual(['date.outsideBook'])
  })

  it('keeps a partial registration date that overlaps the window', () => {
    expect(birth({ ngayDangKy: '2008', nksNgaySinh: '2008', loaiDangKy: '2' }, { year: 2008, openedOn: '2008-06-01' })).toEqual([])
  })
})

describe('order of dates', () => {
  it('warns when the birth is after the registration', () => {
    const issues = birth({ nksNgaySinh: '01.11.2008', loaiDangKy: '2' })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ field: 'nksNgaySinh', code: 'date.order', severity: 'warning' })
    expect(issues[0]?.message).toMatch(/^Ngày đăng ký phải sau ngày sinh/)
  })

  it('stays silent when precision cannot decide', () => {
    expect(birth({ nksNgaySinh: '2008', loaiDangKy: '2' })).toEqual([])
    expect(birth({ nksNgaySinh: '10.2008', loaiDangKy: '2' })).toEqual([])
  })

  it('checks death after birth and before its registration', () => {
    const death = (fields: EntryFields) => checkDates(ctx('KT', { ngayDangKy: '05.01.2010', nktNgaySinh: '1950', ...fields }))
    expect(death({ nktNgayChet: '02.01.2010' })).toEqual([])
    expect(codes(death({ nktNgayChet: '02.01.1949' }))).toEqual(['date.order'])
    expect(death({ nktNgayChet: '02.01.1949' })[0]?.message).toMatch(/^Ngày chết phải sau ngày sinh/)
    expect(codes(death({ nktNgayChet: '06.01.2010' }))).toEqual(['date.order'])
  })

  it('ignores dates that do not parse (field-format reports them)', () => {
    expect(birth({ nksNgaySinh: '31.02.2008' })).toEqual([])
  })
})

describe('parents plausibly older than the child', () => {
  it('accepts ordinary ages, with partial dates', () => {
    expect(birth({ meNgaySinh: '10/10/1981', chaNgaySinh: '1971' })).toEqual([])
    expect(birth({ meNgaySinh: '1996' })).toEqual([]) // 11 or 12: precision cannot tell
  })

  it('warns about a mother under 12 or more than 60 years older', () => {
    const young = birth({ meNgaySinh: '01.01.2000' })
    expect(young[0]).toMatchObject({ field: 'meNgaySinh', code: 'date.parentAge', severity: 'warning' })
    expect(young[0]?.message).toMatch(/mẹ chưa đủ 12 tuổi/)
    expect(codes(birth({ meNgaySinh: '1940' }))).toEqual(['date.parentAge'])
    expect(birth({ meNgaySinh: '02.09.1948' })).toEqual([]) // 59 years old
  })

  it('allows a father up to 80 years older', () => {
    expect(birth({ chaNgaySinh: '1940' })).toEqual([])
    expect(codes(birth({ chaNgaySinh: '1920' }))).toEqual(['date.parentAge'])
  })

  it('uses the recognition type for CMC', () => {
    const cmc = (loaiXacNhan: string) =>
      checkDates(ctx('CMC', { ngayDangKy: '01.01.2020', loaiXacNhan, cmNgaySinh: '1940', ncNgaySinh: '2005' }))
    expect(codes(cmc('2'))).toEqual(['date.parentAge']) // mother 65 years older
    expect(cmc('1')).toEqual([]) // father: up to 80
  })
})

describe('on time versus late births (60 days)', () => {
  it('warns "on time" registered after 60 days', () => {
    expect(birth({ nksNgaySinh: '28.08.2008' })).toEqual([]) // 60 days
    const late = birth({ nksNgaySinh: '27.08.2008' }) // 61 days
    expect(late[0]).toMatchObject({ field: 'loaiDangKy', code: 'registration.lateButOnTime', severity: 'warning' })
  })

  it('warns "late" registered within 60 days', () => {
    expect(codes(birth({ loaiDangKy: '4' }))).toEqual(['registration.onTimeButLate'])
    expect(birth({ loaiDangKy: '4', nksNgaySinh: '02.03.2008' })).toEqual([])
    expect(birth({ loaiDangKy: 'Đăng ký quá hạn', nksNgaySinh: '02.03.2008' })).toEqual([])
  })

  it('stays silent for partial dates that could go either way, other types and old books', () => {
    expect(birth({ nksNgaySinh: '08.2008' })).toEqual([])
    expect(birth({ loaiDangKy: '2', nksNgaySinh: '02.03.2008' })).toEqual([])
    expect(birth({ ngayDangKy: '18.11.1998', nksNgaySinh: '02.03.1998' })).toEqual([])
  })
})
