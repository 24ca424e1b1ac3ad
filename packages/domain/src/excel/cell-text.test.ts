import { describe, expect, it } from 'vitest'
import { cutMarker, EXCEL_CELL_MAX_CHARS, safeCellText } from './cell-text'

describe('safeCellText', () => {
  it('marks text a spreadsheet would evaluate, and keeps it byte for byte', () => {
    for (const value of ['=HYPERLINK("http://x","y")', '+84 912 345 678', '-5', '@SUM(A1)', '\t=1+1', '\r=1+1', "=cmd|' /C calc'!A0"]) {
      expect(safeCellText(value)).toEqual({ text: value, quotePrefix: true, cutFrom: null })
    }
  })

  it('leaves ordinary text alone, including a formula sign inside it', () => {
    for (const value of ['Nguyễn Văn An', '27.08.2008', '001224012345', 'a=b', ' =1', "'=1", '', 'Dòng 1\nDòng 2 & <ký tự> "đặc biệt"']) {
      expect(safeCellText(value)).toEqual({ text: value, quotePrefix: false, cutFrom: null })
    }
  })

  it('drops what a cell cannot hold before deciding, so a control character does not hide a formula', () => {
    expect(safeCellText('\u0001=1+1')).toEqual({ text: '=1+1', quotePrefix: true, cutFrom: null })
    expect(safeCellText('a\u0000b\u000bc\u007fd\uffffe\ufffe')).toEqual({ text: 'abcde', quotePrefix: false, cutFrom: null })
    expect(safeCellText('tab\there\r\nline').text).toBe('tab\there\r\nline')
  })

  it('cuts a cell longer than Excel allows to exactly the limit, ending with the marker', () => {
    const fits = 'x'.repeat(EXCEL_CELL_MAX_CHARS)
    expect(safeCellText(fits)).toEqual({ text: fits, quotePrefix: false, cutFrom: null })

    const long = `=${'ghi chú '.repeat(5000)}`
    const cut = safeCellText(long)
    expect(cut.cutFrom).toBe(40_001)
    expect(cut.text).toHaveLength(EXCEL_CELL_MAX_CHARS)
    expect(cut.text.endsWith('…[đã cắt, dài 40.001 ký tự]')).toBe(true)
    expect(long.startsWith(cut.text.slice(0, -cutMarker(40_001).length))).toBe(true)
    expect(cut.quotePrefix).toBe(true)
  })

  it('never splits a character written as a surrogate pair', () => {
    const marker = cutMarker(40_000)
    const head = 'a'.repeat(EXCEL_CELL_MAX_CHARS - marker.length - 1)
    const cut = safeCellText((head + '𠀀').padEnd(40_000, 'b'))
    expect(cut.text).toBe(head + marker)
    expect(cut.text.length).toBeLessThanOrEqual(EXCEL_CELL_MAX_CHARS)
  })
})
