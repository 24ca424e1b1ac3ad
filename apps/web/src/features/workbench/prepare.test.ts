import { describe, expect, it } from 'vitest'
import { prepareForSave } from './prepare'

const book = { year: 2008, openedOn: null, closedOn: null }
const base = {
  so: '3', quyenSo: '01/2008', trangSo: '2', ngayDangKy: '27.08', loaiDangKy: '1', nksHoTen: 'Nguyễn Văn An', nksGioiTinh: '1',
  nksNgaySinh: '200808', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam', meHoTen: 'Trần Thị Bình', meNgaySinh: '1985', meDanToc: 'Kinh',
  meQuocTich: 'Việt Nam', meLoaiCuTru: '1', chaHoTen: 'Nguyễn Văn Cường', chaNgaySinh: '1983', chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
}

describe('prepareForSave', () => {
  it('writes compact dates the MOJ way, completes "dd.mm" with the year and drops empty values', () => {
    const { fields, issues } = prepareForSave('KS', { ...base, ghiChu: '  ' }, [], book, 2008, new Set(['ngayDangKy']))
    expect(fields.ngayDangKy).toBe('27.08.2008')
    expect(fields.nksNgaySinh).toBe('20.08.2008')
    expect(fields.meNgaySinh).toBe('1985')
    expect('ghiChu' in fields).toBe(false)
    expect(issues.filter((i) => i.severity === 'error')).toEqual([])
  })

  it('reports an unreadable date once, and lowers it to a warning when the field is marked illegible', () => {
    const broken = { ...base, nksNgaySinh: '31.02.2008' }
    const errors = prepareForSave('KS', broken, [], book, 2008, new Set()).issues.filter((i) => i.field === 'nksNgaySinh')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.severity).toBe('error')
    const flagged = prepareForSave('KS', broken, ['nksNgaySinh'], book, 2008, new Set()).issues.filter((i) => i.field === 'nksNgaySinh')
    expect(flagged.map((i) => i.severity)).toEqual(['warning'])
  })
})
