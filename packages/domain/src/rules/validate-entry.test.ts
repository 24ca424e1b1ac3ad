import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import type { EntryFields } from '../catalog/types'
import { hasBlockingIssues, validateEntry } from './validate-entry'

const today = new Date(2026, 2, 1)

/** Row 1 of the MOJ birth template's sample sheet, as the keyer confirms it. */
function buildBirthEntry(overrides: EntryFields = {}): EntryFields {
  return {
    so: '1', quyenSo: '01/2018', trangSo: '55', ngayDangKy: '27.10.2008', loaiDangKy: '1',
    noiDangKy: 'ubnd Xã An Nhơn, huyện Đạ Tẻh, tỉnh Lâm Đồng', nguoiKy: 'Lê Đức Tuấn',
    nksHoTen: 'Phạm Anh Đài', nksGioiTinh: '2', nksNgaySinh: '01.09.2008', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
    nksLoaiKhaiSinh: '1',
    meHoTen: 'Nguyễn Thị Lan', meNgaySinh: '10/10/1981', meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1',
    meNoiCuTru: 'Hà Nội', meLoaiGiayToTuyThan: '1', meSoGiayToTuyThan: '165415511',
    chaHoTen: 'Hoàng Đức Minh', chaNgaySinh: '10/10/1981', chaDanToc: 'Ba Na', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '2',
    chaNoiCuTru: 'Hà Nội', nycHoTen: 'Hoàng Đức Minh', nycQuanHe: 'cha',
    ...overrides,
  }
}

const check = (fields: EntryFields) => validateEntry('KS', fields, undefined, { today })

describe('validateEntry', () => {
  it('passes a clean birth entry', () => {
    expect(check(buildBirthEntry())).toEqual([])
  })

  it('reports each missing required field as an error, naming it by its label', () => {
    const issues = check(buildBirthEntry({ nksHoTen: '', ngayDangKy: '   ', meHoTen: '' }))
    const required = issues.filter((i) => i.code === 'required')
    expect(required.map((i) => i.field).sort()).toEqual(['meHoTen', 'ngayDangKy', 'nksHoTen'])
    expect(required.every((i) => i.severity === 'error')).toBe(true)
    expect(issues.find((i) => i.field === 'nksHoTen')?.message).toBe('Chưa nhập Họ, chữ đệm, tên')
    expect(issues.find((i) => i.field === 'ngayDangKy')?.message).toBe('Chưa nhập Ngày đăng ký')
    // A parent's column says why it is asked for (the registration kind) and what to do if the book has nothing.
    expect(issues.find((i) => i.field === 'meHoTen')?.message).toBe(
      'Chưa nhập Họ, chữ đệm, tên (Thông tin người mẹ): Loại khai sinh là "Xác định được cả cha và mẹ"; nếu sổ không ghi thông tin người mẹ, sửa Loại khai sinh cho đúng sổ',
    )
    expect(hasBlockingIssues(issues)).toBe(true)
  })

  it('treats a missing key like an empty one', () => {
    const fields = buildBirthEntry()
    delete fields.loaiDangKy
    expect(check(fields)).toContainEqual(expect.objectContaining({ field: 'loaiDangKy', code: 'required' }))
  })

  it('makes format problems errors and plausibility problems warnings', () => {
    const issues = check(buildBirthEntry({ nksNgaySinh: '31.02.2008', nksDanToc: 'Kinhh', nksSoDinhDanh: '12345' }))
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.code).sort()).toEqual(['code.unknown', 'date.invalid', 'id.invalid'])
    const late = check(buildBirthEntry({ ngayDangKy: '18.11.2008', nksNgaySinh: '02.03.2008' }))
    expect(late).toHaveLength(1)
    expect(late[0]).toMatchObject({ severity: 'warning', code: 'registration.lateButOnTime' })
    expect(hasBlockingIssues(late)).toBe(false)
  })

  it('checks the registration date against the book', () => {
    const issues = validateEntry('KS', buildBirthEntry(), { year: 2009, openedOn: '2009-01-02', closedOn: null }, { today })
    expect(issues).toEqual([expect.objectContaining({ field: 'ngayDangKy', code: 'date.outsideBook', severity: 'warning' })])
    expect(validateEntry('KS', buildBirthEntry(), { year: 2008 }, { today })).toEqual([])
  })

  it('runs for every book type without throwing', () => {
    for (const type of ['KS', 'KT', 'KH', 'HN', 'CMC', 'NCN', 'TDCC', 'GH', 'CDGH'] as const) {
      const issues = validateEntry(type, {}, undefined, { today })
      expect(issues.length, type).toBeGreaterThan(0)
      expect(issues.every((i) => i.code === 'required'), type).toBe(true)
    }
  })

  it('hasBlockingIssues is false for no issues or warnings only', () => {
    expect(hasBlockingIssues([])).toBe(false)
    expect(hasBlockingIssues([{ field: 'x', severity: 'warning', code: 'w', message: 'm' }])).toBe(false)
  })
})

describe('validateEntry on the MOJ template sample rows', () => {
  it('reads the fixture and flags only what a person should look at', async () => {
    const require = createRequire(import.meta.url)
    const ExcelJS = require('exceljs') as typeof import('exceljs')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(new URL('../../fixtures/moj/moj-template-KS.xlsx', import.meta.url).pathname)
    const sheet = workbook.getWorksheet('DL Import')
    if (!sheet) throw new Error('sheet DL Import missing')
    const headers: string[] = []
    sheet.getRow(1).eachCell((cell, col) => {
      headers[col] = cell.text.trim().split(/\s/)[0] ?? ''
    })
    const rows: EntryFields[] = []
    sheet.eachRow((row, n) => {
      if (n === 1) return
      const fields: EntryFields = {}
      row.eachCell((cell, col) => {
        const key = headers[col]
        if (key) fields[key] = cell.text
      })
      rows.push(fields)
    })
    expect(rows).toHaveLength(3)
    const [first, second, third] = rows.map(check)
    expect(first).toEqual([])
    expect(second).toEqual([])
    // Row 3: "on time" yet registered 261 days after the birth.
    expect(third?.filter((i) => i.severity === 'error')).toEqual([])
    expect(third?.map((i) => i.code)).toContain('registration.lateButOnTime')
  }, 30_000) // loads exceljs: slow on a busy machine
})
