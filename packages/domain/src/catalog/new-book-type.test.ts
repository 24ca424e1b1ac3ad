/**
 * A book type declared only here, never added to the catalog's list: the form, the workbench, the
 * Excel template, import header matching, the export and validation must all follow its declaration.
 * If one of them needs more than the declaration, adding a register would touch more than its file.
 */
import { describe, expect, it } from 'vitest'
import { analyseHeaders, exportHeaders, exportRow, findHeaderRow, templateColumns } from '../excel'
import { keyingLayout } from '../keying'
import { validateEntry } from '../rules/validate-entry'
import { defineBookType, field, loaiDangKy, personBlock, registrationHeader } from './common'
import { BOOK_TYPES, fieldGroupsOf, findField, isBookTypeCode, requiredFields } from './index'

/** "Sổ thử": a birth-like register with a field of its own. */
const TRIAL = defineBookType({
  code: 'THU',
  label: 'Sổ đăng ký thử',
  shortLabel: 'Thử',
  priority: 50,
  hasMojTemplate: false,
  fields: [
    ...registrationHeader({ classification: loaiDangKy('loaiDangKyKS') }),
    ...personBlock('nthu', 'person', ['HoTen', 'GioiTinh', 'NgaySinh', 'NoiSinh', 'DanToc', 'QuocTich']),
    field('nthuSoHoSo', 'Số hồ sơ lưu', 'text', 'person'),
    ...personBlock('me', 'mother', ['HoTen', 'NgaySinh']),
  ],
  required: ['so', 'quyenSo', 'trangSo', 'ngayDangKy', 'loaiDangKy', 'nthuHoTen', 'nthuNgaySinh'],
  subject: { nameKey: 'nthuHoTen', birthDateKey: 'nthuNgaySinh', sexKey: 'nthuGioiTinh', birthplaceKey: 'nthuNoiSinh', motherNameKey: 'meHoTen' },
  dateChecks: {
    parentAges: [{ parentBirthKey: 'meNgaySinh', childBirthKey: 'nthuNgaySinh', parent: 'mother' }],
    birthRegistration: { birthDateKey: 'nthuNgaySinh', classificationKey: 'loaiDangKy', onTimeCode: '1', lateCode: '4' },
  },
  pageLayout: [
    { title: 'Số, ngày', keys: ['so', 'trangSo', 'ngayDangKy', 'loaiDangKy'] },
    { title: 'Người được đăng ký', keys: ['nthuHoTen', 'nthuNgaySinh', 'nthuSoHoSo'] },
  ],
})
const KEYS = TRIAL.fields.map((f) => f.key)

const GOOD = {
  so: '12',
  quyenSo: '01/2010',
  trangSo: '4',
  ngayDangKy: '10.03.2010',
  loaiDangKy: '1',
  nthuHoTen: 'Lò Văn Pâng',
  nthuGioiTinh: '1',
  nthuNgaySinh: '01.03.2010',
  nthuDanToc: 'Thái',
  nthuSoHoSo: 'HS-0042',
  meHoTen: 'Lò Thị Ún',
  meNgaySinh: '1985',
}
const today = new Date(2026, 2, 1)

describe('a book type declared outside the catalog list', () => {
  it('is not a known code, yet the catalog functions accept its declaration', () => {
    expect(isBookTypeCode('THU')).toBe(false)
    expect(Object.keys(BOOK_TYPES)).not.toContain('THU')
    expect(findField(TRIAL, 'nthuSoHoSo')?.label).toBe('Số hồ sơ lưu')
    expect(requiredFields(TRIAL).map((f) => f.key)).toContain('nthuNgaySinh')
  })

  it('form model: its groups, and the workbench page as declared with the rest under "Các ô khác"', () => {
    expect(fieldGroupsOf(TRIAL).map((s) => [s.group, s.fields.length])).toEqual([
      ['registration', 10],
      ['person', 7],
      ['mother', 2],
    ])
    const layout = keyingLayout(TRIAL)
    expect(layout.sections.map((s) => [s.title, s.fields.map((f) => f.key)])).toEqual([
      ['Số, ngày', ['so', 'trangSo', 'ngayDangKy', 'loaiDangKy']],
      ['Người được đăng ký', ['nthuHoTen', 'nthuNgaySinh', 'nthuSoHoSo']],
    ])
    expect(layout.more.map((f) => f.key)).toEqual(KEYS.filter((k) => !layout.sections.some((s) => s.fields.some((f) => f.key === k))))
    // Without a page layout the workbench falls back to the groups, the signature block last.
    const { pageLayout: _ignored, ...plain } = TRIAL
    expect(keyingLayout(plain).sections.map((s) => s.title).at(-1)).toMatch(/^Ghi chú, người ký/)
  })

  it('Excel template: its columns in declaration order, required ones with the trailing space, short code lists hinted', () => {
    const columns = templateColumns(TRIAL)
    expect(columns.map((c) => c.field.key)).toEqual(KEYS)
    expect(columns.find((c) => c.field.key === 'nthuHoTen')?.header).toBe('nthuHoTen ')
    expect(columns.find((c) => c.field.key === 'nthuSoHoSo')).toMatchObject({ header: 'nthuSoHoSo', codeHint: null })
    expect(columns.find((c) => c.field.key === 'loaiDangKy')?.codeHint).toMatch(/^i=\[1,2,/)
    // Ethnicity is written as its name: no code hint.
    expect(columns.find((c) => c.field.key === 'nthuDanToc')?.codeHint).toBeNull()
  })

  it('import: the template header and police-style upper-case headers match its fields', () => {
    const template = templateColumns(TRIAL).map((c) => (c.codeHint ? `${c.header}\n${c.codeHint}` : c.header))
    const analysis = analyseHeaders(TRIAL, ['STT', ...template])
    expect(analysis.columns.filter((c) => c.status === 'matched').map((c) => c.key)).toEqual(KEYS)
    expect(analysis).toMatchObject({ layout: 'moj', missingRequired: [] })

    const police = [['DANH SÁCH'], ['SO', 'QUYENSO', 'NTHUHOTEN', 'NTHUSOHOSO', 'Họ tên mẹ']]
    expect(findHeaderRow(TRIAL, police)).toBe(1)
    const partial = analyseHeaders(TRIAL, police[1] ?? [])
    expect(partial.columns.map((c) => c.key)).toEqual(['so', 'quyenSo', 'nthuHoTen', 'nthuSoHoSo', null])
    expect(partial.columns[4]?.suggestions[0]?.key).toBe('meHoTen')
    expect(partial.missingRequired).toContain('nthuNgaySinh')
  })

  it('export: STT and its keys, one cell per field in order, empty where the entry has nothing', () => {
    expect(exportHeaders(TRIAL)).toEqual(['STT', ...KEYS])
    const row = exportRow(TRIAL, GOOD)
    expect(row).toHaveLength(KEYS.length)
    expect(row[KEYS.indexOf('nthuSoHoSo')]).toBe('HS-0042')
    expect(row[KEYS.indexOf('nthuNgaySinh')]).toBe('01.03.2010')
    expect(row[KEYS.indexOf('nthuQuocTich')]).toBe('')
  })

  it('validation: its required fields, kinds and declared date checks', () => {
    expect(validateEntry(TRIAL, GOOD, { year: 2010 }, { today })).toEqual([])
    const missing = validateEntry(TRIAL, { ...GOOD, nthuHoTen: ' ', nthuGioiTinh: 'X' }, {}, { today })
    expect(missing.map((i) => [i.field, i.code])).toEqual([
      ['nthuHoTen', 'required'],
      ['nthuGioiTinh', 'code.unknown'],
    ])
    const dates = validateEntry(TRIAL, { ...GOOD, meNgaySinh: '2001', ngayDangKy: '10.12.2010' }, {}, { today })
    expect(dates.map((i) => [i.field, i.code])).toEqual([
      ['meNgaySinh', 'date.parentAge'],
      ['loaiDangKy', 'registration.lateButOnTime'],
    ])
    expect(dates[0]?.message).toMatch(/^Người mẹ chưa đủ 12 tuổi/)
  })
})
