import { describe, expect, it } from 'vitest'
import { applyNotes, notesColumnText, parseNoteLine, type NoteText } from './notes'
import { splitNotesColumn } from './free-notes'

const book = { nksHoTen: 'Nguyễn Văn An', nksDanToc: 'Kinh', ghiChu: 'Dòng 1\nDòng 2' }

describe('marginal notes', () => {
  it('apply in order without touching what the book says', () => {
    const after = applyNotes(book, [{ changes: { nksHoTen: 'Nguyễn Văn Ân' } }, { changes: { nksDanToc: null } }])
    expect(after).toEqual({ nksHoTen: 'Nguyễn Văn Ân', ghiChu: 'Dòng 1\nDòng 2' })
    expect(book.nksHoTen).toBe('Nguyễn Văn An')
  })

  it('write the ghi chú column and read it back: the book text stays text, the notes come back as notes', () => {
    const notes: NoteText[] = [
      { kind: 'correction', noteDate: '02.05.2025', decisionNumber: '15/QĐ-UBND', authority: 'UBND xã An Phú, huyện Bình', changes: { nksHoTen: 'Nguyễn Văn Ân' }, text: 'Theo tờ khai' },
      { kind: 'ethnicity', noteDate: null, decisionNumber: null, authority: null, changes: { nksDanToc: null }, text: null },
    ]
    const column = notesColumnText('KS', book, notes)
    expect(column).toBe('Dòng 1\nDòng 2\nCải chính hộ tịch ngày 02.05.2025 (số 15/QĐ-UBND, UBND xã An Phú, huyện Bình): Họ, chữ đệm, tên (Người được đăng ký): Nguyễn Văn An → Nguyễn Văn Ân; Theo tờ khai\nXác định lại dân tộc: Dân tộc (Người được đăng ký): Kinh → (trống)')
    const split = splitNotesColumn('KS', column)
    expect(split.bookText).toBe('Dòng 1\nDòng 2')
    expect(split.notes).toEqual(notes)
  })

  it('leave free text as text', () => {
    expect(parseNoteLine('KS', 'Ly hôn theo bản án số 12/2019 của TAND huyện')).toBeNull()
    expect(parseNoteLine('KS', 'Đã cấp bản sao')).toBeNull()
    expect(splitNotesColumn('KS', 'Ly hôn theo bản án').notes).toEqual([])
  })
})
