import { describe, expect, it } from 'vitest'
import { findField } from '../catalog'
import type { FieldDef } from '../catalog/types'
import { exportValue, normalizeCell } from './values'

const f = (key: string): FieldDef => {
  const field = findField('KS', key)
  if (!field) throw new Error(key)
  return field
}

describe('normalizeCell', () => {
  it('keeps partial dates and turns every date form into the MOJ form', () => {
    expect(normalizeCell(f('ngayDangKy'), '2006')).toEqual({ value: '2006', notes: [] })
    expect(normalizeCell(f('ngayDangKy'), '08.2006')).toEqual({ value: '08.2006', notes: [] })
    expect(normalizeCell(f('ngayDangKy'), '27.10.2008')).toEqual({ value: '27.10.2008', notes: [] })
    expect(normalizeCell(f('meNgaySinh'), '10/10/1981')).toEqual({ value: '10.10.1981', notes: ['dateReformatted'] })
    expect(normalizeCell(f('meNgaySinh'), '1981-10-10')).toEqual({ value: '10.10.1981', notes: ['dateReformatted'] })
    expect(normalizeCell(f('ngayDangKy'), new Date(Date.UTC(2008, 0, 15)))).toEqual({ value: '15.01.2008', notes: ['excelDate'] })
    expect(normalizeCell(f('ngayDangKy'), 39462)).toEqual({ value: '15.01.2008', notes: ['excelDate'] })
    expect(normalizeCell(f('ngayDangKy'), 2006)).toEqual({ value: '2006', notes: [] })
    // Unreadable or guessed dates stay as written so that validation says what is wrong.
    expect(normalizeCell(f('ngayDangKy'), '31.02.2008').value).toBe('31.02.2008')
    expect(normalizeCell(f('ngayDangKy'), '15.01.08').value).toBe('15.01.08')
    expect(normalizeCell(f('ngayDangKy'), '5005').value).toBe('5005')
  })

  it('turns codes written as labels or numbers into codes, and keeps ethnicity/nationality as written', () => {
    expect(normalizeCell(f('nksGioiTinh'), 'Nữ')).toEqual({ value: '2', notes: ['codeFromLabel'] })
    expect(normalizeCell(f('nksGioiTinh'), 1)).toEqual({ value: '1', notes: [] })
    expect(normalizeCell(f('loaiDangKy'), '1.0')).toEqual({ value: '1', notes: [] })
    expect(normalizeCell(f('loaiDangKy'), 'Đăng kí quá hạn')).toEqual({ value: '4', notes: ['codeFromLabel'] })
    expect(normalizeCell(f('loaiDangKy'), 'không rõ')).toEqual({ value: 'không rõ', notes: [] })
    expect(normalizeCell(f('nksDanToc'), 'HMông')).toEqual({ value: 'HMông', notes: [] })
    expect(normalizeCell(f('chaQuocTich'), 'Nhật Bản ')).toEqual({ value: 'Nhật Bản', notes: [] })
  })

  it('restores the leading zeros Excel dropped from ID numbers, and says so', () => {
    expect(normalizeCell(f('nksSoDinhDanh'), 1208012345)).toEqual({ value: '001208012345', notes: ['idRestored'] })
    expect(normalizeCell(f('nksSoDinhDanh'), 79208012345)).toEqual({ value: '079208012345', notes: ['idRestored'] })
    expect(normalizeCell(f('nksSoDinhDanh'), '79208012345')).toEqual({ value: '079208012345', notes: ['idRestored'] })
    expect(normalizeCell(f('nksSoDinhDanh'), '079208012345')).toEqual({ value: '079208012345', notes: [] })
    expect(normalizeCell(f('meSoGiayToTuyThan'), 12345678)).toEqual({ value: '012345678', notes: ['idRestored'] })
    expect(normalizeCell(f('meSoGiayToTuyThan'), 141742143)).toEqual({ value: '141742143', notes: [] })
    // 11 digits whose padded form is not a valid ID stay as they are (validation reports them).
    expect(normalizeCell(f('nksSoDinhDanh'), 99908012345).value).toBe('99908012345')
  })

  it('converts a legacy-encoded column and counts it; ASCII text untouched', () => {
    expect(normalizeCell(f('nksHoTen'), 'NguyÔn ThÞ Hoµ', 'tcvn3')).toEqual({ value: 'Nguyễn Thị Hoà', notes: ['legacyConverted'] })
    expect(normalizeCell(f('nksHoTen'), 'Tran Van A', 'tcvn3')).toEqual({ value: 'Tran Van A', notes: [] })
    expect(normalizeCell(f('nksHoTen'), 'NguyÔn ThÞ Hoµ')).toEqual({ value: 'NguyÔn ThÞ Hoµ', notes: [] })
  })

  it('empty cells and numbers in text fields', () => {
    expect(normalizeCell(f('ghiChu'), null).value).toBe('')
    expect(normalizeCell(f('ghiChu'), '   ').value).toBe('')
    expect(normalizeCell(f('so'), 12)).toEqual({ value: '12', notes: [] })
    expect(normalizeCell(f('so'), '01/2018').value).toBe('01/2018')
  })
})

describe('exportValue', () => {
  it('writes dates in the MOJ form and keeps everything else as stored', () => {
    expect(exportValue(f('ngayDangKy'), '2006')).toBe('2006')
    expect(exportValue(f('ngayDangKy'), '1.2.2008')).toBe('01.02.2008')
    expect(exportValue(f('nksSoDinhDanh'), '001208012345')).toBe('001208012345')
    expect(exportValue(f('ghiChu'), undefined)).toBe('')
  })
})
