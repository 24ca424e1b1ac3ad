import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { KS_60_COLUMNS, getBookType } from '../catalog'
import { analyseHeaders, findHeaderRow, headerWord, mappingKeyOf, matchHeader, suggestFields } from './headers'

const FIXTURES = new URL('../../fixtures/moj/', import.meta.url)

function cellText(value: ExcelJS.CellValue): string {
  if (value !== null && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('')
  return value === null || value === undefined ? '' : String(value)
}

describe('headerWord / matchHeader', () => {
  it('reads the first word, trimmed, without case', () => {
    expect(headerWord('so ')).toBe('so')
    expect(headerWord('loaiDangKy \ni=[1,2,3,4,5,6]')).toBe('loaiDangKy')
    expect(headerWord('nksLoaiKhaiSinh\ni=[1,2,3,4,5]')).toBe('nksLoaiKhaiSinh')
    expect(headerWord(' [so]* ')).toBe('so')
    expect(matchHeader('KS', 'QUYENSO')).toBe('quyenSo')
    expect(matchHeader('KS', 'NKSHOTEN')).toBe('nksHoTen')
    expect(matchHeader('KS', 'meHoTen ')).toBe('meHoTen')
    expect(matchHeader('KS', 'Họ tên')).toBeUndefined()
    // A KS key is not a CMC field.
    expect(matchHeader('CMC', 'nksHoTen')).toBeUndefined()
  })

  it('recognises every column of the real MOJ birth template (trailing spaces, rich-text hints)', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync(new URL('moj-template-KS.xlsx', FIXTURES)) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('DL Import')
    const headers: string[] = []
    sheet?.getRow(1).eachCell({ includeEmpty: true }, (cell) => headers.push(cellText(cell.value)))
    const analysis = analyseHeaders('KS', headers)
    expect(analysis.columns[0]).toMatchObject({ header: 'STT', status: 'ignored' })
    expect(analysis.columns.filter((c) => c.status === 'matched').map((c) => c.key)).toEqual(getBookType('KS').fields.map((f) => f.key))
    expect(analysis.missingRequired).toEqual([])
    expect(analysis.layout).toBe('moj')
  })

  it('recognises the older 60-column layout and upper-case police headers', () => {
    const police = analyseHeaders('KS', [...KS_60_COLUMNS.map((k) => k.toUpperCase()), 'MA_DON_VI_GUI'])
    expect(police.layout).toBe('moj60')
    expect(police.missingRequired).toEqual([])
    expect(police.columns.at(-1)).toMatchObject({ header: 'MA_DON_VI_GUI', status: 'unknown', key: null })
    expect(police.missingOptional).toContain('nksSoDinhDanh')
  })

  it('reports missing required columns, duplicates and unknown columns with suggestions', () => {
    const analysis = analyseHeaders('KS', ['so', 'SO', 'Họ tên mẹ', 'ngayDangKy'])
    expect(analysis.columns.map((c) => c.status)).toEqual(['matched', 'duplicate', 'unknown', 'matched'])
    expect(analysis.columns[2]?.suggestions[0]?.key).toBe('meHoTen')
    expect(analysis.missingRequired).toContain('nksHoTen')
    expect(analysis.missingRequired).not.toContain('so')
  })

  it('a saved mapping assigns or skips columns by header text, whatever its case and accents', () => {
    const mapping = { [mappingKeyOf('Họ tên trẻ')]: 'nksHoTen', [mappingKeyOf('Ghi chú nội bộ')]: null }
    const analysis = analyseHeaders('KS', ['HỌ TÊN TRẺ', 'Ghi chu noi bo', 'so'], mapping)
    expect(analysis.columns.map((c) => [c.status, c.key])).toEqual([['mapped', 'nksHoTen'], ['ignored', null], ['matched', 'so']])
  })

  it('suggests a key written another way', () => {
    expect(suggestFields('KS', 'NKS_HO_TEN')[0]).toMatchObject({ key: 'nksHoTen', score: 1 })
    expect(suggestFields('KS', '')).toEqual([])
  })

  it('finds the header row below title rows', () => {
    expect(findHeaderRow('KS', [['DANH SÁCH KHAI SINH'], [], ['STT', 'so', 'quyenSo', 'ngayDangKy']])).toBe(2)
    expect(findHeaderRow('KS', [[], ['A', 'B']])).toBe(1)
  })
})
