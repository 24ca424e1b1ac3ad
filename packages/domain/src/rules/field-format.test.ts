import { describe, expect, it } from 'vitest'
import { getBookType } from '../catalog'
import type { EntryFields } from '../catalog/types'
import { checkFieldFormats } from './field-format'
import { checkRequired } from './required'

const today = new Date(2026, 2, 1)
const run = (fields: EntryFields) => checkFieldFormats({ def: getBookType('KS'), fields, book: {}, today })
const only = (fields: EntryFields) => run(fields).map((i) => [i.field, i.severity, i.code])

describe('checkFieldFormats', () => {
  it('accepts well-formed values of every kind', () => {
    expect(
      run({
        so: '12', trangSo: '55', ngayDangKy: '27.10.2008', loaiDangKy: '1', nksHoTen: 'Phạm Anh Đài',
        nksNgaySinh: '08.2008', meNgaySinh: '1981', nksDanToc: "H'Mông", nksQuocTich: 'Việt Nam',
        nksSoDinhDanh: '001208012345', noiDangKy: 'UBND xã An Nhơn', meSoGiayToTuyThan: '165415511',
      }),
    ).toEqual([])
  })

  it('rejects impossible dates with the parser message', () => {
    const issues = run({ nksNgaySinh: '31.02.2008', ngayDangKy: '12.03.5005' })
    expect(issues.map((i) => i.message)).toEqual([
      'Ngày đăng ký: Năm 5005 không hợp lệ (kiểm tra lại, có thể là 2005?)',
      'Ngày, tháng, năm sinh: Ngày 31.02.2008 không có thật: tháng 2 năm 2008 chỉ có 29 ngày',
    ])
    expect(issues.every((i) => i.severity === 'error' && i.code === 'date.invalid')).toBe(true)
  })

  it('passes on parser warnings as warnings', () => {
    expect(only({ nksNgaySinh: '270808' })).toEqual([['nksNgaySinh', 'warning', 'date.warning']])
  })

  it('checks integers', () => {
    expect(only({ so: '0', trangSo: '5a' })).toEqual([
      ['so', 'error', 'integer.invalid'],
      ['trangSo', 'error', 'integer.invalid'],
    ])
    expect(run({ so: '01/2018' })).toEqual([])
  })

  it('checks codes against their list, and lists short lists', () => {
    const issues = run({ loaiDangKy: '9', nksDanToc: 'Klingon' })
    expect(issues.map((i) => i.code)).toEqual(['code.unknown', 'code.unknown'])
    expect(issues[0]?.message).toMatch(/^Loại đăng ký "9" không có trong danh mục.*1: Đăng ký đúng hạn/)
    expect(run({ nksDanToc: 'KINH', nksQuocTich: 'Nhật Bản ', loaiDangKy: '1.0' })).toEqual([])
  })

  it('rejects malformed personal IDs', () => {
    const issues = run({ nksSoDinhDanh: '01208012345' })
    expect(issues).toEqual([expect.objectContaining({ field: 'nksSoDinhDanh', severity: 'error', code: 'id.invalid' })])
    expect(issues[0]?.message).toMatch(/số 0/)
  })

  it('rejects absurdly long text and flags legacy encodings', () => {
    expect(only({ nksHoTen: 'A'.repeat(151) })).toEqual([['nksHoTen', 'error', 'text.tooLong']])
    const legacy = run({ nksHoTen: 'NguyÔn ThÞ Hoµ' })
    expect(legacy[0]).toMatchObject({ severity: 'warning', code: 'text.legacyEncoding' })
    expect(legacy[0]?.message).toMatch(/TCVN3.*"Nguyễn Thị Hoà"/)
  })

  it('skips empty values (required reports them)', () => {
    expect(run({ nksNgaySinh: '', so: ' ' })).toEqual([])
  })
})

describe('checkRequired', () => {
  it('lists every required field of an empty entry', () => {
    const issues = checkRequired({ def: getBookType('KS'), fields: {}, book: {}, today })
    const required = getBookType('KS').fields.filter((f) => f.required).map((f) => f.key)
    expect(issues.map((i) => i.field)).toEqual(required)
    expect(issues.every((i) => i.message.startsWith('Chưa nhập '))).toBe(true)
  })
})

describe('checkFieldFormats: remembered verdicts', () => {
  it('gives a value the same verdict every time, and a date the verdict of the day it is checked', () => {
    const fields = { nksNgaySinh: '01.01.2027', nksHoTen: 'Nguyễn Văn An' }
    const later = new Date(2026, 5, 1)
    const on = (day: Date) => checkFieldFormats({ def: getBookType('KS'), fields, book: {}, today: day }).map((i) => i.code)
    // In 2026 a birth on 01.01.2027 is in the future (a warning); the year 2027 itself is still allowed.
    expect(on(later)).toEqual(on(later))
    const earlier = new Date(2020, 5, 1)
    expect(on(earlier)).toEqual(['date.invalid'])
    expect(on(later)).not.toContain('date.invalid')
    expect(on(earlier)).toEqual(['date.invalid'])
  })
})
