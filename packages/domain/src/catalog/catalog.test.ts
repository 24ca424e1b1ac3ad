import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { CODE_LISTS } from '../codes'
import {
  BOOK_TYPES,
  BOOK_TYPE_CODES,
  KS_60_COLUMNS,
  fieldGroupsOf,
  findField,
  getBookType,
  isBookTypeCode,
  requiredFields,
} from './index'
import { defineBookType, field } from './common'
import { FIELD_GROUPS, type BookTypeCode } from './types'

const FIXTURES = new URL('../../fixtures/moj/', import.meta.url)
const MOJ_TYPES = ['KS', 'KT', 'KH', 'HN', 'CMC'] as const
type MojColumns = Record<(typeof MOJ_TYPES)[number] | 'KS_60' | 'probablyMandatory_KS', string[]>
const columns = JSON.parse(
  readFileSync(new URL('moj-template-columns.json', FIXTURES), 'utf8'),
) as MojColumns

const keysOf = (code: BookTypeCode) => BOOK_TYPES[code].fields.map((f) => f.key)

/** Header cells are plain text or rich text such as "loaiDangKy \n" + "i=[1,2,3,4,5,6]". */
function cellText(value: ExcelJS.CellValue): string {
  if (value !== null && typeof value === 'object' && 'richText' in value) {
    return value.richText.map((run) => run.text).join('')
  }
  return value === null || value === undefined ? '' : String(value)
}

describe('MOJ template columns', () => {
  it.each(MOJ_TYPES)('%s fields are the template columns, in order (KS without STT)', (code) => {
    expect(keysOf(code)).toEqual(columns[code].filter((c) => c !== 'STT'))
  })

  it('KS_60_COLUMNS is the older 60-column birth export, all of whose columns KS still has', () => {
    expect(KS_60_COLUMNS).toEqual(columns.KS_60)
    expect(KS_60_COLUMNS).toHaveLength(60)
    expect(KS_60_COLUMNS.filter((c) => !findField('KS', c))).toEqual([])
  })

  it('the header row of the real KS template matches the catalog, first word of each header', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(fileURLToPath(new URL('moj-template-KS.xlsx', FIXTURES)))
    const sheet = workbook.getWorksheet('DL Import')
    if (!sheet) throw new Error('sheet "DL Import" missing')
    const headers: string[] = []
    sheet.getRow(1).eachCell({ includeEmpty: false }, (cell) => {
      headers.push(cellText(cell.value).trim().split(/\s+/)[0] ?? '')
    })
    expect(headers[0]).toBe('STT')
    expect(headers.slice(1)).toEqual(keysOf('KS'))
  })

  it('every MOJ field is marked moj, every field of our own registers is not', () => {
    for (const code of BOOK_TYPE_CODES) {
      const { hasMojTemplate, fields } = BOOK_TYPES[code]
      expect(hasMojTemplate).toBe((MOJ_TYPES as readonly string[]).includes(code))
      expect(fields.every((f) => f.moj === hasMojTemplate)).toBe(true)
    }
  })
})

describe('required fields', () => {
  it('KS requires exactly the probably-mandatory columns (trailing space in the template)', () => {
    const required = requiredFields('KS').map((f) => f.key)
    expect([...required].sort()).toEqual([...columns.probablyMandatory_KS].sort())
  })

  it.each(BOOK_TYPE_CODES.filter((c) => c !== 'KS'))(
    '%s requires the entry number, book, page, date, classification and subject name',
    (code) => {
      const required = new Set(requiredFields(code).map((f) => f.key))
      const def = getBookType(code)
      const expected = ['so', 'quyenSo', 'trangSo', 'ngayDangKy', def.subject.nameKey]
      if (findField(code, 'loaiDangKy')) expected.push('loaiDangKy')
      for (const key of expected) expect(required, key).toContain(key)
      // The classification boxes (the column right after ngayDangKy) are required where they exist.
      const classification = def.fields[def.fields.findIndex((f) => f.key === 'ngayDangKy') + 1]
      if (classification?.kind === 'code') expect(required).toContain(classification.key)
    },
  )

  it('HN has no loaiDangKy and does not require noiCap', () => {
    expect(findField('HN', 'loaiDangKy')).toBeUndefined()
    expect(findField('HN', 'noiCap')?.required).toBe(false)
    expect(findField('HN', 'noiCap')?.kind).toBe('place')
  })
})

describe('field declarations', () => {
  it.each(BOOK_TYPE_CODES)('%s has unique keys and labels without stray spaces', (code) => {
    const keys = keysOf(code)
    expect(new Set(keys).size).toBe(keys.length)
    for (const f of BOOK_TYPES[code].fields) {
      expect(f.key).toMatch(/^[a-z][A-Za-z0-9]*$/)
      expect(f.label.length, f.key).toBeGreaterThan(0)
      expect(f.label.trim(), f.key).toBe(f.label)
      expect(FIELD_GROUPS[f.group], f.key).toBeDefined()
    }
  })

  it.each(BOOK_TYPE_CODES)('%s: a code field names an existing list, no other field does', (code) => {
    for (const f of BOOK_TYPES[code].fields) {
      if (f.kind === 'code') {
        expect(f.codeList, f.key).toBeDefined()
        expect(CODE_LISTS[f.codeList ?? 'danToc'], f.key).toBeDefined()
      } else {
        expect(f.codeList, f.key).toBeUndefined()
      }
    }
  })

  it.each(BOOK_TYPE_CODES)('%s: kinds follow the naming of the columns', (code) => {
    const kindOf = (key: string) => findField(code, key)?.kind
    for (const { key, kind } of BOOK_TYPES[code].fields) {
      if (/HoTen$/.test(key)) expect(kind, key).toBe('personName')
      if (/SoDinhDanh(CaNhan)?$/.test(key)) expect(kind, key).toBe('personalId')
      if (/SoGiayToTuyThan$/.test(key)) expect(kind, key).toBe('idDocumentNumber')
      if (/BangChu$/.test(key)) expect(kind, key).toBe('text')
      if (/(^ngay|NgaySinh$|NgayChet$|NgayCap)/.test(key)) expect(kind, key).toBe('partialDate')
      if (/(DanToc|QuocTich|QuocTichKhac|GioiTinh|LoaiCuTru|LoaiGiayToTuyThan)$/.test(key)) {
        expect(kind, key).toBe('code')
      }
      if (/(NoiSinh|QueQuan|NoiCuTru|NoiChet|NoiCapGiayToTuyThan)$|^noi/.test(key)) {
        expect(kind, key).toBe('place')
      }
    }
    expect(kindOf('so')).toBe('integer')
    expect(kindOf('trangSo')).toBe('integer')
    expect(kindOf('quyenSo')).toBe('text')
  })

  it.each(BOOK_TYPE_CODES)('%s: the subject keys point at fields of the right kind', (code) => {
    const { subject } = BOOK_TYPES[code]
    const { nameKey, birthDateKey, personalIdKey, sexKey, ethnicityKey, nationalityKey, birthplaceKey } = subject
    expect(findField(code, nameKey)?.kind).toBe('personName')
    if (birthDateKey) expect(findField(code, birthDateKey)?.kind).toBe('partialDate')
    if (personalIdKey) expect(findField(code, personalIdKey)?.kind).toBe('personalId')
    if (sexKey) expect(findField(code, sexKey)?.codeList).toBe('gioiTinh')
    if (ethnicityKey) expect(findField(code, ethnicityKey)?.codeList).toBe('danToc')
    if (nationalityKey) expect(findField(code, nationalityKey)?.codeList).toBe('quocTich')
    if (birthplaceKey) expect(findField(code, birthplaceKey)?.kind).toBe('place')
    for (const key of [subject.motherNameKey, subject.fatherNameKey]) {
      if (key) expect(findField(code, key)?.kind).toBe('personName')
    }
    // The subject's own origin fields are declared, never guessed from the name's prefix.
    expect(ethnicityKey).toBe(nameKey.replace(/HoTen$/, 'DanToc'))
    expect(nationalityKey).toBe(nameKey.replace(/HoTen$/, 'QuocTich'))
  })

  it('the subjects are the ones the registers are searched and reconciled by', () => {
    expect(BOOK_TYPES.KS.subject).toEqual({
      nameKey: 'nksHoTen',
      birthDateKey: 'nksNgaySinh',
      personalIdKey: 'nksSoDinhDanh',
      sexKey: 'nksGioiTinh',
      ethnicityKey: 'nksDanToc',
      nationalityKey: 'nksQuocTich',
      birthplaceKey: 'nksNoiSinh',
      motherNameKey: 'meHoTen',
      fatherNameKey: 'chaHoTen',
    })
    // A husband is a man: the marriage register has no sex column for him.
    expect(BOOK_TYPES.KH.subject.impliedSex).toBe('1')
    expect(BOOK_TYPE_CODES.filter((c) => BOOK_TYPES[c].subject.motherNameKey)).toEqual(['KS'])
    expect(BOOK_TYPES.KT.subject.nameKey).toBe('nktHoTen')
    expect(BOOK_TYPES.KH.subject.nameKey).toBe('chongHoTen')
    expect(BOOK_TYPES.HN.subject.nameKey).toBe('nxnHoTen')
    expect(BOOK_TYPES.CMC.subject.nameKey).toBe('ncHoTen')
    expect(findField('NCN', BOOK_TYPES.NCN.subject.nameKey)?.group).toBe('adoptedChild')
    expect(findField('TDCC', BOOK_TYPES.TDCC.subject.nameKey)?.group).toBe('person')
    expect(findField('GH', BOOK_TYPES.GH.subject.nameKey)?.group).toBe('ward')
    expect(findField('CDGH', BOOK_TYPES.CDGH.subject.nameKey)?.group).toBe('ward')
  })

  it('the classification boxes of our own registers are code lists', () => {
    expect(findField('TDCC', 'loaiThayDoi')?.codeList).toBe('loaiThayDoi')
    expect(findField('GH', 'loaiGiamHo')?.codeList).toBe('loaiGiamHo')
    expect(findField('CDGH', 'loaiChamDutGiamHo')?.codeList).toBe('loaiChamDutGiamHo')
    expect(findField('CDGH', 'soDangKyGiamHo')?.group).toBe('guardianshipEnd')
  })

  it('every register has the common header, reused rather than redeclared', () => {
    for (const code of BOOK_TYPE_CODES) {
      expect(keysOf(code).slice(0, 3)).toEqual(['so', 'quyenSo', 'trangSo'])
      for (const key of ['ngayDangKy', 'nguoiKy', 'chucVuNguoiKy', 'nguoiThucHien', 'ghiChu']) {
        expect(findField(code, key)?.group, `${code}.${key}`).toBe('registration')
      }
      expect(findField(code, 'so')?.label).toBe('Số')
    }
  })
})

describe('date checks and page layout', () => {
  it('KS checks both parents\' ages against the child and the birth registration window', () => {
    expect(BOOK_TYPES.KS.dateChecks?.parentAges?.map((c) => [c.parentBirthKey, c.childBirthKey, c.parent])).toEqual([
      ['meNgaySinh', 'nksNgaySinh', 'mother'],
      ['chaNgaySinh', 'nksNgaySinh', 'father'],
    ])
    expect(BOOK_TYPES.KS.dateChecks?.birthRegistration).toMatchObject({ birthDateKey: 'nksNgaySinh', classificationKey: 'loaiDangKy' })
  })

  it('CMC learns whose age to check from loaiXacNhan; the others declare no pairs', () => {
    const [check] = BOOK_TYPES.CMC.dateChecks?.parentAges ?? []
    expect(check?.parent).toEqual({ codeKey: 'loaiXacNhan', mother: ['2', '4'], father: ['1', '3'] })
    for (const code of ['2', '4', '1', '3']) expect(CODE_LISTS.loaiXacNhan.some((i) => i.code === code)).toBe(true)
    expect(BOOK_TYPE_CODES.filter((c) => BOOK_TYPES[c].dateChecks)).toEqual(['KS', 'CMC'])
  })

  it('the birth page layout places each field once and keeps the rare columns for "Các ô khác"', () => {
    const layout = BOOK_TYPES.KS.pageLayout ?? []
    const placed = layout.flatMap((s) => s.keys)
    expect(new Set(placed).size).toBe(placed.length)
    for (const key of placed) expect(findField('KS', key), key).toBeDefined()
    expect(layout[0]?.keys).toEqual(['so', 'trangSo', 'ngayDangKy', 'loaiDangKy'])
    expect(placed).not.toContain('nksMatTich')
  })

  it('a declaration naming a field it does not have fails when the catalog loads', () => {
    const base = {
      code: 'XX',
      label: 'Sổ thử',
      shortLabel: 'Thử',
      priority: 99,
      hasMojTemplate: false,
      fields: [field('so', 'Số', 'integer', 'registration'), field('xxHoTen', 'Họ, chữ đệm, tên', 'personName', 'person')],
      required: ['so'],
      subject: { nameKey: 'xxHoTen' },
    }
    expect(() => defineBookType(base)).not.toThrow()
    expect(() => defineBookType({ ...base, subject: { nameKey: 'xxHoTen', birthplaceKey: 'xxNoiSinh' } })).toThrow(/xxNoiSinh/)
    expect(() => defineBookType({ ...base, pageLayout: [{ title: 'Trang', keys: ['so', 'xxTen'] }] })).toThrow(/xxTen/)
    expect(() => defineBookType({ ...base, pageLayout: [{ title: 'A', keys: ['so'] }, { title: 'B', keys: ['so'] }] })).toThrow(/hai chỗ/)
    expect(() =>
      defineBookType({ ...base, dateChecks: { parentAges: [{ parentBirthKey: 'xxHoTen', childBirthKey: 'so', parent: 'mother' }] } }),
    ).toThrow(/không phải trường ngày/)
  })
})

describe('lookups', () => {
  it('orders the codes by keying priority', () => {
    expect(BOOK_TYPE_CODES).toEqual(['KS', 'KH', 'NCN', 'KT', 'CMC', 'HN', 'TDCC', 'GH', 'CDGH'])
    for (const code of BOOK_TYPE_CODES) expect(BOOK_TYPES[code].code).toBe(code)
  })

  it('recognises book type codes and refuses others', () => {
    expect(isBookTypeCode('KS')).toBe(true)
    expect(isBookTypeCode('ks')).toBe(false)
    expect(isBookTypeCode('toString')).toBe(false)
    expect(isBookTypeCode(1)).toBe(false)
    expect(getBookType('KT').label).toBe('Sổ đăng ký khai tử')
    expect(() => getBookType('XX')).toThrow(/XX/)
  })

  it('finds a field by key, or nothing', () => {
    expect(findField('KS', 'nksHoTen')?.label).toBe('Họ, chữ đệm, tên')
    expect(findField('KS', 'nktHoTen')).toBeUndefined()
  })

  it('groups the fields into sections in first-appearance order, losing none', () => {
    const sections = fieldGroupsOf('KS')
    expect(sections.map((s) => s.group)).toEqual([
      'registration',
      'person',
      'mother',
      'father',
      'requester',
      'foreign',
    ])
    expect(sections[2]?.label).toBe('Thông tin người mẹ')
    for (const code of BOOK_TYPE_CODES) {
      expect(fieldGroupsOf(code).flatMap((s) => s.fields.map((f) => f.key)).sort()).toEqual(
        keysOf(code).sort(),
      )
    }
  })
})
