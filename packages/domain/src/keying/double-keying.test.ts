import { describe, expect, it } from 'vitest'
import { agreementRates, compareKeyings } from './double-keying'

const first = { so: '12', ngayDangKy: '15.03.2024', nksHoTen: 'Nguyễn Thị Hoà', nksNgaySinh: '01/02/1990', nksGioiTinh: '2', nksNoiSinh: 'Xã An Phú' }

describe('compareKeyings', () => {
  it('agrees across tone placement, case, spaces and date formats', () => {
    const second = { so: '12', ngayDangKy: '15/3/2024', nksHoTen: 'NGUYỄN  THỊ HÒA', nksNgaySinh: '01.02.1990', nksGioiTinh: '2', nksNoiSinh: 'xã   An Phú ' }
    const result = compareKeyings('KS', first, second)
    expect(result.differences).toEqual([])
    expect(result.compared).toEqual(expect.arrayContaining(['so', 'ngayDangKy', 'nksHoTen', 'nksNgaySinh', 'nksGioiTinh']))
  })

  it('a different digit, a missing tone mark or an empty field disagrees', () => {
    const second = { so: '12', ngayDangKy: '15.03.2024', nksHoTen: 'Nguyễn Thị Hoa', nksNgaySinh: '01.02.1991', nksGioiTinh: '2' }
    const result = compareKeyings('KS', first, second)
    expect(result.differences).toEqual([
      { field: 'nksHoTen', first: 'Nguyễn Thị Hoà', second: 'Nguyễn Thị Hoa' },
      { field: 'nksNgaySinh', first: '01/02/1990', second: '01.02.1991' },
      { field: 'nksNoiSinh', first: 'Xã An Phú', second: null },
    ])
  })

  it('fields both keyers left empty are not counted', () => {
    expect(compareKeyings('KS', { so: '1' }, { so: '1' }).compared).toEqual(['so'])
  })
})

describe('agreementRates', () => {
  it('credits both keyers with each comparison and counts each field once per comparison', () => {
    const { byKeyer, byField } = agreementRates([
      { firstKeyer: 'a', secondKeyer: 'b', compared: ['so', 'nksHoTen'], differing: ['nksHoTen'] },
      { firstKeyer: 'a', secondKeyer: 'c', compared: ['so', 'nksHoTen'], differing: [] },
    ])
    expect(byKeyer.get('a')).toEqual({ compared: 4, agreed: 3 })
    expect(byKeyer.get('b')).toEqual({ compared: 2, agreed: 1 })
    expect(byKeyer.get('c')).toEqual({ compared: 2, agreed: 2 })
    expect(byField.get('nksHoTen')).toEqual({ compared: 2, agreed: 1 })
    expect(byField.get('so')).toEqual({ compared: 2, agreed: 2 })
  })
})
