import { describe, expect, it } from 'vitest'
import { getBookType } from '../catalog'
import { applyIllegible, carryForwardFields, cleanIllegibleFields, keyingLayout, nextEntryNumber } from './index'

describe('nextEntryNumber', () => {
  it('keeps the way the book writes the number', () => {
    expect(nextEntryNumber('12')).toBe('13')
    expect(nextEntryNumber('009')).toBe('010')
    expect(nextEntryNumber('01/2018')).toBe('02/2018')
    expect(nextEntryNumber(undefined)).toBe('1')
    expect(nextEntryNumber('12a')).toBe('1')
  })
})

describe('carryForwardFields', () => {
  it('repeats the header, adds one to số and keeps the page', () => {
    const next = carryForwardFields({ so: '7', trangSo: '4', quyenSo: '01/2008', noiDangKy: 'UBND xã An Phú', nguoiKy: 'Lê Văn Tâm', nksHoTen: 'Nguyễn Văn An', ngayDangKy: '02.01.2008' })
    expect(next).toEqual({ so: '8', trangSo: '4', quyenSo: '01/2008', noiDangKy: 'UBND xã An Phú', nguoiKy: 'Lê Văn Tâm' })
  })
})

describe('applyIllegible', () => {
  it('turns errors on flagged fields into warnings and leaves the others', () => {
    const issues = applyIllegible(
      [
        { field: 'meHoTen', severity: 'error', code: 'required', message: 'Chưa nhập họ tên mẹ' },
        { field: 'chaHoTen', severity: 'error', code: 'required', message: 'Chưa nhập họ tên cha' },
      ],
      ['meHoTen'],
    )
    expect(issues.map((i) => i.severity)).toEqual(['warning', 'error'])
    expect(issues[0]?.message).toMatch(/khó đọc/)
  })

  it('drops unknown and repeated keys', () => {
    expect(cleanIllegibleFields(['a', 'b', 'a', 'x'], new Set(['a', 'b']))).toEqual(['a', 'b'])
  })
})

describe('keyingLayout', () => {
  it('follows the birth page the catalog declares, every other KS field under "Các ô khác"', () => {
    const layout = keyingLayout('KS')
    expect(layout.sections.map((s) => s.title)).toEqual(getBookType('KS').pageLayout?.map((s) => s.title))
    expect(layout.sections[1]?.fields[0]?.key).toBe('nksHoTen')
    expect(layout.more.map((f) => f.key)).toContain('nksMatTich')
    const shown = [...layout.sections.flatMap((s) => s.fields), ...layout.more].map((f) => f.key).sort()
    expect(shown).toEqual(getBookType('KS').fields.map((f) => f.key).sort())
  })

  it('without a declared page: the catalog\'s groups, the repeating signature block last, nothing hidden', () => {
    const layout = keyingLayout('KT')
    expect(layout.more).toEqual([])
    expect(layout.sections[0]?.title).toBe('Thông tin đăng ký')
    expect(layout.sections.at(-1)?.fields.map((f) => f.key)).toEqual(['quyenSo', 'noiDangKy', 'nguoiKy', 'chucVuNguoiKy', 'nguoiThucHien', 'ghiChu'])
  })
})
