import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { foldKey } from '../text/fold'
import {
  checkPersonalIdAgainst,
  decodePersonalId,
  PERSONAL_ID_PROVINCES,
  validateIdDocumentNumber,
  validatePersonalId,
} from './personal-id'

const today = new Date(2026, 2, 1)
const opts = { today }

describe('PERSONAL_ID_PROVINCES', () => {
  // The project's province table, copied into the repository (fixtures/units/README.md).
  const csv = readFileSync(new URL('../../fixtures/units/old63_to_new34_provinces.csv', import.meta.url), 'utf8')
  const rows = csv.trim().split(/\r?\n/).slice(1).map((line) => line.split(','))

  it('has the 63 pre-2025 prefixes of the province table', () => {
    const prefixes = rows.map((r) => r[2] ?? '').sort()
    expect(prefixes).toHaveLength(63)
    expect(Object.keys(PERSONAL_ID_PROVINCES).sort()).toEqual(prefixes)
  })

  it('names each province as the table does (046 keeps its pre-2025 name)', () => {
    for (const r of rows) {
      const code = (r[2] ?? '') as keyof typeof PERSONAL_ID_PROVINCES
      const tableName = foldKey((r[1] ?? '').replace(/^(Tỉnh|Thành phố) /, ''))
      if (code === '046') expect(PERSONAL_ID_PROVINCES[code]).toBe('Thừa Thiên Huế')
      else expect(foldKey(PERSONAL_ID_PROVINCES[code]), code).toBe(tableName)
    }
  })
})

describe('decodePersonalId', () => {
  it('decodes PPP G YY NNNNNN', () => {
    expect(decodePersonalId('001208012345', opts)).toEqual({
      ok: true, id: '001208012345', provinceCode: '001', provinceName: 'Hà Nội', registeredAbroad: false,
      sex: 'male', birthYear: 2008, sequence: '012345',
    })
    const woman = decodePersonalId('030181000123', opts)
    expect(woman.ok && [woman.provinceName, woman.sex, woman.birthYear]).toEqual(['Hải Dương', 'female', 1981])
    const man = decodePersonalId('079077000001', opts)
    expect(man.ok && [man.provinceName, man.sex, man.birthYear]).toEqual(['Hồ Chí Minh', 'male', 1977])
    const girl = decodePersonalId('046308000001', opts)
    expect(girl.ok && [girl.sex, girl.birthYear]).toEqual(['female', 2008])
  })

  it('accepts births registered abroad (101-295)', () => {
    const r = decodePersonalId('101308000001', opts)
    expect(r).toMatchObject({ ok: true, registeredAbroad: true, provinceCode: '101', birthYear: 2008 })
    expect(r.ok && r.provinceName).toBeUndefined()
    expect(decodePersonalId('295008000001', opts).ok).toBe(true)
    expect(decodePersonalId('296008000001', opts).ok).toBe(false)
  })

  it('rejects province codes outside the 63 (gaps included)', () => {
    for (const ppp of ['000', '003', '005', '097', '100', '999']) {
      const r = decodePersonalId(`${ppp}208012345`, opts)
      expect(r.ok, ppp).toBe(false)
      expect(!r.ok && r.message).toMatch(new RegExp(`mã tỉnh ${ppp}`))
    }
  })

  it('reads the century digit and rejects a birth year in the future', () => {
    expect(decodePersonalId('001226000001', opts)).toMatchObject({ ok: true, birthYear: 2026 })
    const future = decodePersonalId('001227000001', opts)
    expect(future.ok).toBe(false)
    expect(!future.ok && future.message).toMatch(/năm sinh 2027/)
    for (const g of ['4', '5', '6', '7', '8', '9']) expect(decodePersonalId(`001${g}08000001`, opts).ok).toBe(false)
  })

  it('needs exactly 12 digits', () => {
    expect(decodePersonalId('00120801234', opts).ok).toBe(false)
  })
})

describe('validatePersonalId', () => {
  it('accepts 12 digits, with spaces', () => {
    expect(validatePersonalId('001 2 08 012345', opts)).toMatchObject({ ok: true, id: '001208012345' })
  })

  it('says a leading zero was lost, with the corrected number', () => {
    const r = validatePersonalId(1208012345 * 10 + 1, opts) // number 12080123451: 11 digits
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toMatch(/11 chữ số.*số 0/)
    expect(!r.ok && r.suggestion).toBe('012080123451')
    const text = validatePersonalId('30181000123', opts)
    expect(!text.ok && text.suggestion).toBe('030181000123')
    const two = validatePersonalId('1208012345', opts)
    expect(!two.ok && two.suggestion).toBe('001208012345')
  })

  it('tells a 9-digit CMND apart', () => {
    const r = validatePersonalId('141742143', opts)
    expect(!r.ok && r.message).toMatch(/CMND/)
  })

  it('explains exponent notation and other junk', () => {
    expect(validatePersonalId('1.23457E+11', opts)).toMatchObject({ ok: false, message: expect.stringMatching(/số mũ/) })
    expect(validatePersonalId('00120801234X', opts)).toMatchObject({ ok: false, message: expect.stringMatching(/chỉ được gồm chữ số/) })
    expect(validatePersonalId('', opts)).toMatchObject({ ok: false, message: 'Chưa nhập số định danh cá nhân' })
    expect(validatePersonalId('12345', opts)).toMatchObject({ ok: false, message: expect.stringMatching(/5 chữ số/) })
  })
})

describe('checkPersonalIdAgainst', () => {
  it('warns when sex or birth year differ, never errors', () => {
    expect(checkPersonalIdAgainst('001208012345', { sex: '1', birthYear: 2008 }, opts)).toEqual([])
    const w = checkPersonalIdAgainst('001208012345', { sex: '2', birthYear: 2009 }, opts)
    expect(w.map((x) => x.code)).toEqual(['id.sexMismatch', 'id.birthYearMismatch'])
    expect(w[0]?.message).toMatch(/nam.*nữ/)
  })

  it('does not check sex 3 (undetermined) or invalid numbers', () => {
    expect(checkPersonalIdAgainst('001208012345', { sex: '3' }, opts)).toEqual([])
    expect(checkPersonalIdAgainst('abc', { sex: '1' }, opts)).toEqual([])
  })
})

describe('validateIdDocumentNumber', () => {
  it('checks CMND: 9 or 12 digits', () => {
    expect(validateIdDocumentNumber('1', '165415511')).toEqual([])
    expect(validateIdDocumentNumber('1', '141742143')).toEqual([])
    expect(validateIdDocumentNumber('1', '001208012345')).toEqual([])
    expect(validateIdDocumentNumber('1', '65415511')[0]?.message).toMatch(/065415511/)
    expect(validateIdDocumentNumber('1', '1234')).toHaveLength(1)
  })

  it('checks CCCD: 12 digits with a valid prefix', () => {
    expect(validateIdDocumentNumber('4', '030181000123')).toEqual([])
    expect(validateIdDocumentNumber('4', '30181000123')[0]?.message).toMatch(/030181000123/)
    expect(validateIdDocumentNumber('4', '999181000123')[0]?.message).toMatch(/mã tỉnh 999/)
  })

  it('checks passports and leaves the other documents free', () => {
    expect(validateIdDocumentNumber('2', 'B1234567')).toEqual([])
    expect(validateIdDocumentNumber('2', 'X12')).toHaveLength(1)
    for (const type of ['3', '5', '6', '7', '8']) expect(validateIdDocumentNumber(type, 'anything 123')).toEqual([])
    expect(validateIdDocumentNumber('1', '')).toEqual([])
  })
})
