import { describe, expect, it } from 'vitest'
import { notesColumnText } from './notes'
import { parseFreeNoteLine, splitNotesColumn } from './free-notes'

describe('free-text marginal notes of the books', () => {
  it('reads a change of name with its decision, date and authority', () => {
    const line = 'Thay đổi họ tên từ Nguyễn Văn Tèo thành Nguyễn Văn Tiến theo Quyết định số 12/QĐ-UBND ngày 03/4/2019 của UBND huyện Kim Bảng'
    expect(parseFreeNoteLine('KS', line)).toEqual({
      kind: 'change', noteDate: '03.04.2019', decisionNumber: '12/QĐ-UBND', authority: 'UBND huyện Kim Bảng',
      changes: { nksHoTen: 'Nguyễn Văn Tiến' }, text: line, bookText: line,
    })
  })

  it('reads corrections of a date and of a parent\'s name, without diacritics or with "sang"', () => {
    expect(parseFreeNoteLine('KS', 'Cải chính ngày sinh từ 01/01/1990 thành 01/02/1990 theo QĐ số 45/QĐ-UBND ngày 5/6/2020')).toMatchObject({
      kind: 'correction', changes: { nksNgaySinh: '01.02.1990' }, decisionNumber: '45/QĐ-UBND', noteDate: '05.06.2020',
    })
    expect(parseFreeNoteLine('KS', 'Cải chính họ tên mẹ từ Trần Thị Lụa sang Trần Thị Lụa Anh, trích lục số 88/TLCC ngày 2 tháng 3 năm 2021')).toMatchObject({
      kind: 'correction', changes: { meHoTen: 'Trần Thị Lụa Anh' }, decisionNumber: '88/TLCC', noteDate: '02.03.2021',
    })
  })

  it('reads an ethnicity or sex re-determination whose field the kind names', () => {
    expect(parseFreeNoteLine('KS', 'Xác định lại dân tộc từ Kinh thành Tày.')).toMatchObject({ kind: 'ethnicity', changes: { nksDanToc: 'Tày' } })
  })

  it('reads a divorce or a supplement by its basis; a supplement gives its value after a colon', () => {
    expect(parseFreeNoteLine('KH', 'Đã ly hôn theo Bản án số 15/2018/HNGĐ-ST ngày 12/5/2018 của TAND huyện Yên Định')).toMatchObject({
      kind: 'divorce', changes: {}, decisionNumber: '15/2018/HNGĐ-ST', noteDate: '12.05.2018', authority: 'TAND huyện Yên Định',
    })
    expect(parseFreeNoteLine('KS', 'Bổ sung quê quán: xã Yên Lạc, huyện Kim Bảng theo tờ khai ngày 9/9/2015')).toMatchObject({
      kind: 'supplement', changes: { nksQueQuan: 'xã Yên Lạc, huyện Kim Bảng' }, noteDate: '09.09.2015',
    })
  })

  it('leaves the book\'s other remarks as text', () => {
    for (const line of ['Đã cấp bản sao', 'Ly hôn theo bản án', 'Mẹ đã thay đổi chỗ ở', 'Đăng ký quá hạn', 'Sổ rách góc, đọc theo bản lưu']) {
      expect(parseFreeNoteLine('KS', line)).toBeNull()
    }
  })

  it('keeps the column as the book says it and does not write a free note twice on export', () => {
    const column = 'Đăng ký quá hạn\nThay đổi họ tên từ Lê Văn Tý thành Lê Văn Tài theo QĐ số 7/QĐ-UBND ngày 1/2/2010 của UBND xã An Phú'
    const split = splitNotesColumn('KS', column)
    expect(split.bookText).toBe(column)
    expect(split.notes).toHaveLength(1)
    expect(split.notes[0]).toMatchObject({ changes: { nksHoTen: 'Lê Văn Tài' }, decisionNumber: '7/QĐ-UBND' })
    expect(notesColumnText('KS', { ghiChu: column, nksHoTen: 'Lê Văn Tý' }, split.notes)).toBe(column)
  })
})
