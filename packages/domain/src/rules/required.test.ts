import { describe, expect, it } from 'vitest'
import { defineBookType, field, getBookType, personBlock, registrationHeader } from '../catalog'
import type { EntryFields } from '../catalog/types'
import { templateColumns } from '../excel/moj-sheet'
import type { BookContext } from './types'
import { hasBlockingIssues, missingRequiredKeys, validateEntry } from './validate-entry'

const today = new Date(2026, 2, 1)
const NEW_BOOK: BookContext = { year: 2018 }
const OLD_BOOK: BookContext = { year: 1998 }

const MOTHER = ['meHoTen', 'meNgaySinh', 'meDanToc', 'meQuocTich', 'meLoaiCuTru']
const FATHER = ['chaHoTen', 'chaNgaySinh', 'chaDanToc', 'chaQuocTich', 'chaLoaiCuTru']

/** A complete birth of the given year; parents' birth dates given as a year only, as the books write them. */
function buildBirth(year: number, overrides: EntryFields = {}): EntryFields {
  return {
    so: '3', quyenSo: `01/${year}`, trangSo: '2', ngayDangKy: `20.03.${year}`, loaiDangKy: '1',
    nksHoTen: 'Lò Văn Páo', nksGioiTinh: '1', nksNgaySinh: `02.03.${year}`, nksDanToc: 'Thái', nksQuocTich: 'Việt Nam',
    nksLoaiKhaiSinh: '1',
    meHoTen: 'Lò Thị Ín', meNgaySinh: String(year - 24), meDanToc: 'Thái', meQuocTich: 'Việt Nam', meLoaiCuTru: '1',
    chaHoTen: 'Lò Văn Ón', chaNgaySinh: String(year - 27), chaDanToc: 'Thái', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
    ...overrides,
  }
}

const without = (fields: EntryFields, keys: readonly string[]): EntryFields =>
  Object.fromEntries(Object.entries(fields).filter(([key]) => !keys.includes(key)))

function check(book: BookContext, kind: string, drop: readonly string[]) {
  const year = book.year ?? 2018
  return validateEntry('KS', without(buildBirth(year, { nksLoaiKhaiSinh: kind }), drop), book, { today })
}

const fieldsOf = (issues: readonly { field: string }[]) => issues.map((i) => i.field).sort()

describe('parents required by the registration kind (nksLoaiKhaiSinh)', () => {
  it('a complete birth with parents born in a year only has no issue', () => {
    expect(validateEntry('KS', buildBirth(2018), NEW_BOOK, { today })).toEqual([])
    expect(validateEntry('KS', buildBirth(1998), OLD_BOOK, { today })).toEqual([])
  })

  it('1 both known: each empty parent column blocks in a new book, naming the kind', () => {
    const issues = check(NEW_BOOK, '1', [...FATHER, 'meNgaySinh'])
    expect(fieldsOf(issues)).toEqual([...FATHER, 'meNgaySinh'].sort())
    expect(issues.every((i) => i.severity === 'error' && i.code === 'required')).toBe(true)
    expect(issues.find((i) => i.field === 'chaHoTen')?.message).toBe(
      'Chưa nhập Họ, chữ đệm, tên (Thông tin người cha): Loại khai sinh là "Xác định được cả cha và mẹ"; nếu sổ không ghi thông tin người cha, sửa Loại khai sinh cho đúng sổ',
    )
  })

  it('2 mother unknown: no mother is no issue, the father is still needed', () => {
    expect(check(NEW_BOOK, '2', MOTHER)).toEqual([])
    expect(fieldsOf(check(NEW_BOOK, '2', FATHER))).toEqual([...FATHER].sort())
  })

  it('3 father unknown: no father is no issue, the mother is still needed', () => {
    expect(check(NEW_BOOK, '3', FATHER)).toEqual([])
    expect(check(OLD_BOOK, '3', FATHER)).toEqual([])
    const noMother = check(NEW_BOOK, '3', MOTHER)
    expect(fieldsOf(noMother)).toEqual([...MOTHER].sort())
    expect(hasBlockingIssues(noMother)).toBe(true)
  })

  it('4 both unknown and 5 abandoned child: no parent at all is no issue', () => {
    for (const kind of ['4', '5']) {
      expect(check(NEW_BOOK, kind, [...MOTHER, ...FATHER]), kind).toEqual([])
      expect(check(OLD_BOOK, kind, [...MOTHER, ...FATHER]), kind).toEqual([])
    }
  })

  it('the kind written as its label reads as its code', () => {
    expect(check(NEW_BOOK, 'Chưa xác định được cha', FATHER)).toEqual([])
  })

  it('an empty kind reads as 1 (both known) and says to choose the kind', () => {
    const issues = check(NEW_BOOK, '', ['chaHoTen'])
    expect(issues).toEqual([expect.objectContaining({ field: 'chaHoTen', severity: 'error', code: 'required' })])
    expect(issues[0]?.message).toBe('Chưa nhập Họ, chữ đệm, tên (Thông tin người cha): nếu sổ không ghi thông tin người cha, chọn Loại khai sinh theo sổ')
  })

  it('in a book before 2016 an empty parent column is a warning, never a block', () => {
    const issues = check(OLD_BOOK, '1', [...FATHER, 'meNgaySinh', 'meLoaiCuTru'])
    expect(fieldsOf(issues)).toEqual([...FATHER, 'meNgaySinh', 'meLoaiCuTru'].sort())
    expect(issues.every((i) => i.severity === 'warning')).toBe(true)
    expect(hasBlockingIssues(issues)).toBe(false)
    expect(issues[0]?.message).toMatch(/^Chưa nhập .*: sổ trước năm 2016 thường không ghi; nhập nếu sổ có ghi, để trống nếu sổ không ghi$/)
    // The child's own columns stay required whatever the book's age.
    const noChild = check(OLD_BOOK, '1', ['nksHoTen'])
    expect(noChild).toEqual([expect.objectContaining({ field: 'nksHoTen', severity: 'error' })])
  })

  it('the book\'s year decides the era (its form), then its opening date, then the registration year', () => {
    // A 2015 book still in use in 2016 has the old form.
    const late = buildBirth(2016, { quyenSo: '01/2015' })
    expect(validateEntry('KS', without(late, FATHER), { year: 2015 }, { today }).every((i) => i.severity === 'warning')).toBe(true)
    expect(validateEntry('KS', without(late, FATHER), { openedOn: '2015-06-01' }, { today }).every((i) => i.severity === 'warning')).toBe(true)
    expect(hasBlockingIssues(validateEntry('KS', without(late, FATHER), undefined, { today }))).toBe(true)
    expect(hasBlockingIssues(validateEntry('KS', without(buildBirth(2009), FATHER), undefined, { today }))).toBe(false)
  })

  it('missingRequiredKeys lists what the template needs and the entry lacks, never a parent the kind says is unknown', () => {
    expect(missingRequiredKeys('KS', without(buildBirth(2018, { nksLoaiKhaiSinh: '3' }), FATHER), NEW_BOOK)).toEqual([])
    expect(missingRequiredKeys('KS', without(buildBirth(1998), ['chaHoTen', 'meNgaySinh']), OLD_BOOK)).toEqual(['meNgaySinh', 'chaHoTen'])
  })
})

describe('the catalog declares the condition', () => {
  it('KS parent columns carry it and stay mandatory columns of the template', () => {
    const ks = getBookType('KS')
    for (const key of [...MOTHER, ...FATHER]) {
      const def = ks.fields.find((f) => f.key === key)
      expect(def, key).toMatchObject({ required: true, requiredWhen: { codeKey: 'nksLoaiKhaiSinh', emptyReadsAs: '1', blockingFrom: 2016 } })
      expect(templateColumns('KS').find((c) => c.field.key === key)?.header).toBe(`${key} `)
    }
    expect(ks.fields.find((f) => f.key === 'meHoTen')?.requiredWhen?.codes).toEqual(['1', '3'])
    expect(ks.fields.find((f) => f.key === 'chaHoTen')?.requiredWhen?.codes).toEqual(['1', '2'])
    expect(ks.fields.find((f) => f.key === 'nksHoTen')?.requiredWhen).toBeUndefined()
  })

  it('the other registers with parents have no kind saying a parent is unknown: their rules are unchanged', () => {
    // CMC: loaiXacNhan says whose side the parent is, both sides are always named, in any book.
    const cmc = { so: '1', quyenSo: '01/2006', trangSo: '1', ngayDangKy: '2006', loaiDangKy: '1', loaiXacNhan: '1', ncHoTen: 'Lê Thị Con' }
    const noParent = validateEntry('CMC', cmc, { year: 2006 }, { today })
    expect(noParent).toEqual([expect.objectContaining({ field: 'cmHoTen', severity: 'error', code: 'required' })])
    expect(validateEntry('CMC', { ...cmc, cmHoTen: 'Lê Văn Cha', cmNgaySinh: '1970' }, { year: 2006 }, { today })).toEqual([])
    // NCN: a single adopter is an ordinary adoption, the other adoptive parent is simply absent.
    const adoption = { so: '1', quyenSo: '01/2018', trangSo: '1', ngayDangKy: '02.05.2018', ncnHoTen: 'Hà Văn Nuôi', meNuoiHoTen: 'Hà Thị Mẹ', meNuoiNgaySinh: '1980' }
    expect(validateEntry('NCN', adoption, NEW_BOOK, { today })).toEqual([])
    for (const code of ['KT', 'KH', 'HN', 'CMC', 'NCN', 'TDCC', 'GH', 'CDGH'] as const) {
      expect(getBookType(code).fields.filter((f) => f.requiredWhen), code).toEqual([])
    }
  })

  it('works for any register that declares it (data, not a branch on KS)', () => {
    const guardianship = defineBookType({
      code: 'THU',
      label: 'Sổ thử',
      shortLabel: 'Thử',
      priority: 99,
      hasMojTemplate: false,
      fields: [
        ...registrationHeader({ classification: field('loaiThu', 'Loại thử', 'code', 'registration', 'loaiKhaiSinh') }),
        ...personBlock('nth', 'person', ['HoTen']),
        ...personBlock('me', 'mother', ['HoTen']),
      ],
      required: ['so', 'nthHoTen', 'meHoTen'],
      requiredWhen: [{ keys: ['meHoTen'], when: { codeKey: 'loaiThu', codes: ['1'], emptyReadsAs: '1', blockingFrom: 2000 } }],
      subject: { nameKey: 'nthHoTen' },
    })
    const entry = { so: '1', nthHoTen: 'Vì Văn Thử' }
    expect(validateEntry(guardianship, { ...entry, loaiThu: '4' }, { year: 2010 }, { today })).toEqual([])
    expect(validateEntry(guardianship, { ...entry, loaiThu: '1' }, { year: 2010 }, { today })).toEqual([expect.objectContaining({ field: 'meHoTen', severity: 'error' })])
    expect(validateEntry(guardianship, { ...entry, loaiThu: '1' }, { year: 1990 }, { today })).toEqual([expect.objectContaining({ field: 'meHoTen', severity: 'warning' })])
  })

  it('a declaration naming a condition wrongly fails when the catalog loads', () => {
    const base = {
      code: 'SAI',
      label: 'Sổ sai',
      shortLabel: 'Sai',
      priority: 99,
      hasMojTemplate: false,
      fields: [
        ...registrationHeader({ classification: field('loaiSai', 'Loại', 'code', 'registration', 'loaiKhaiSinh') }),
        ...personBlock('me', 'mother', ['HoTen']),
      ],
      subject: { nameKey: 'meHoTen' },
    } as const
    const when = { codeKey: 'loaiSai', codes: ['1'], emptyReadsAs: '1', blockingFrom: 2016 }
    expect(() => defineBookType({ ...base, required: [], requiredWhen: [{ keys: ['meHoTen'], when }] })).toThrow(/không nằm trong danh sách bắt buộc/)
    expect(() => defineBookType({ ...base, required: ['meHoTen'], requiredWhen: [{ keys: ['meHoTen'], when: { ...when, codeKey: 'so' } }] })).toThrow(/không phải trường mã/)
    expect(() => defineBookType({ ...base, required: ['meHoTen'], requiredWhen: [{ keys: ['meHoTen'], when: { ...when, codeKey: 'loaiKhac' } }] })).toThrow(/không có trường loaiKhac/)
  })
})
