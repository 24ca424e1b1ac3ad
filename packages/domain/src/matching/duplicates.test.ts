import { describe, expect, it } from 'vitest'
import { compareEntries } from './duplicates'

const birth = {
  so: '12', ngayDangKy: '15.03.2024', nksHoTen: 'Nguyễn Văn An', nksNgaySinh: '01.03.2024',
  meHoTen: 'Trần Thị Bích', meNgaySinh: '12.05.1995', chaHoTen: 'Nguyễn Văn Cường', chaNgaySinh: '1992',
}

const verdicts = (r: ReturnType<typeof compareEntries>) => Object.fromEntries(r.fields.map((f) => [f.key, f.verdict]))

describe('the same event keyed twice', () => {
  it('is the same birth keyed again without diacritics, another registration day and the mother’s middle name dropped', () => {
    const r = compareEntries('KS', birth, { ...birth, so: '57', ngayDangKy: '20.03.2024', nksHoTen: 'NGUYEN VAN AN', meHoTen: 'Trần Bích' })
    expect(r.likely).toBe(true)
    expect(verdicts(r)).toMatchObject({ nksHoTen: 'agree', nksNgaySinh: 'agree', meHoTen: 'agree', chaHoTen: 'agree', ngayDangKy: 'weak' })
  })

  it('is not a brother or cousin of the same name with another mother, nor a namesake born another day', () => {
    expect(compareEntries('KS', birth, { ...birth, meHoTen: 'Lê Thị Hạnh' }).likely).toBe(false)
    expect(compareEntries('KS', birth, { ...birth, nksNgaySinh: '15.07.2021' }).likely).toBe(false)
    expect(compareEntries('KS', birth, { ...birth, nksHoTen: 'Nguyễn Văn Bình' }).likely).toBe(false)
  })

  it('needs more than the name: a name and a year-only birth date alone are not enough', () => {
    expect(compareEntries('KS', { nksHoTen: 'Nguyễn Văn An', nksNgaySinh: '2024' }, { nksHoTen: 'Nguyễn Văn An', nksNgaySinh: '2024' }).likely).toBe(false)
  })

  it('reads every register through its catalog: two deaths with the same date of death, and different personal IDs ruled out', () => {
    const death = { nktHoTen: 'Lê Văn Tám', nktNgaySinh: '1950', nktNgayChet: '02.02.2020', ngayDangKy: '03.02.2020' }
    expect(compareEntries('KT', death, { ...death, nktHoTen: 'Lê Tám' }).likely).toBe(true)
    expect(compareEntries('KS', { ...birth, nksSoDinhDanh: '001224012345' }, { ...birth, nksSoDinhDanh: '001224099999' }).likely).toBe(false)
  })
})
