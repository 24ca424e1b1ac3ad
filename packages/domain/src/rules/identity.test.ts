import { describe, expect, it } from 'vitest'
import { getBookType } from '../catalog'
import type { BookTypeCode, EntryFields } from '../catalog/types'
import { checkIdentity } from './identity'

const today = new Date(2026, 2, 1)
const run = (code: BookTypeCode, fields: EntryFields) => checkIdentity({ def: getBookType(code), fields, book: {}, today })
const child = (fields: EntryFields) => run('KS', { nksGioiTinh: '1', nksNgaySinh: '01.09.2008', ...fields })

describe('personal ID against the person', () => {
  it('accepts a number that matches sex and birth year', () => {
    expect(child({ nksSoDinhDanh: '001208012345' })).toEqual([])
    expect(child({ nksSoDinhDanh: '001308012345', nksGioiTinh: 'Nữ' })).toEqual([])
  })

  it('warns on a sex or birth-year mismatch, never errors', () => {
    const issues = child({ nksSoDinhDanh: '001309012345' })
    expect(issues.map((i) => i.code)).toEqual(['id.sexMismatch', 'id.birthYearMismatch'])
    expect(issues.every((i) => i.severity === 'warning' && i.field === 'nksSoDinhDanh')).toBe(true)
    expect(issues[0]?.message).toMatch(/^Số định danh cá nhân: /)
  })

  it('checks the parents by their role and birth year', () => {
    expect(child({ meSoDinhDanhCaNhan: '030181000123', meNgaySinh: '10/10/1981' })).toEqual([])
    const mother = child({ meSoDinhDanhCaNhan: '030081000123', meNgaySinh: '10/10/1981' })
    expect(mother.map((i) => [i.field, i.code])).toEqual([['meSoDinhDanhCaNhan', 'id.sexMismatch']])
    expect(mother[0]?.message).toMatch(/Thông tin người mẹ/)
    const father = child({ chaSoDinhDanhCaNhan: '030071000123', chaNgaySinh: '1981' })
    expect(father.map((i) => i.code)).toEqual(['id.birthYearMismatch'])
  })

  it('leaves malformed numbers to field-format and sex 3 unchecked', () => {
    expect(child({ nksSoDinhDanh: '12345' })).toEqual([])
    expect(child({ nksSoDinhDanh: '001308012345', nksGioiTinh: '3' })).toEqual([])
  })
})

describe('identity documents', () => {
  it('checks numbers by document type (warnings)', () => {
    expect(child({ meLoaiGiayToTuyThan: '1', meSoGiayToTuyThan: '165415511' })).toEqual([])
    expect(child({ meLoaiGiayToTuyThan: 'CMND', meSoGiayToTuyThan: '16541551' })).toEqual([
      expect.objectContaining({ field: 'meSoGiayToTuyThan', code: 'idDocument.format', severity: 'warning' }),
    ])
    expect(child({ chaLoaiGiayToTuyThan: '4', chaSoGiayToTuyThan: '30181000123' })[0]?.message).toMatch(/030181000123/)
    expect(child({ chaLoaiGiayToTuyThan: '6', chaSoGiayToTuyThan: '123456789' })).toEqual([])
    expect(child({ meSoGiayToTuyThan: '1' })).toEqual([]) // no type: nothing to compare with
  })

  it('checks the requester of a death entry too', () => {
    const issues = run('KT', { nycLoaiGiayToTuyThan: '2', nycSoGiayToTuyThan: '12345' })
    expect(issues.map((i) => [i.field, i.code])).toEqual([['nycSoGiayToTuyThan', 'idDocument.format']])
  })
})
