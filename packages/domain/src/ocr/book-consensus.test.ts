import { describe, expect, it } from 'vitest'
import type { OcrEntryProposal } from '../api/ocr'
import { bookVotes, KEYED_VOTE_WEIGHT, placePartVotes, settlePlaceFields, settlePlaceValue, settleRepeatedFields, settleRepeatedValue, type ValueVote } from './book-consensus'

const reads = (...values: string[]): ValueVote[] => values.map((value) => ({ value, weight: 1 }))
const AUTHORITY = 'UBND xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế'

describe('settling a value that repeats through a book', () => {
  it('takes the book’s common spelling for a misread one (case, stray marks, a glued label tail)', () => {
    const votes = reads('Hồ Đắc Thượng', 'Hồ Đắc Thượng', 'HỒ Đắc Thượng', AUTHORITY, AUTHORITY, 'ký-UBND xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế', 'UBND/xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế')
    expect(settleRepeatedValue('HỒ Đắc Thượng', votes)).toBe('Hồ Đắc Thượng')
    expect(settleRepeatedValue('ký-UBND xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế', votes)).toBe(AUTHORITY)
    expect(settleRepeatedValue('UBND/xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế', votes)).toBe(AUTHORITY)
  })

  it('keeps a read nothing resembles, a blank read, and a read as well supported as the other spelling', () => {
    const votes = reads('Hồ Đắc Thượng', 'Hồ Đắc Thượng', 'Nguyễn Văn Lực')
    expect(settleRepeatedValue('Nguyễn Văn Lực', votes)).toBe('Nguyễn Văn Lực')
    expect(settleRepeatedValue('Trương Thị Ngọc Diệp', votes)).toBe('Trương Thị Ngọc Diệp')
    expect(settleRepeatedValue('du n An AE', votes)).toBe('du n An AE')
    expect(settleRepeatedValue('', votes)).toBe('')
    expect(settleRepeatedValue('Hồ Đắc Thương', reads('Hồ Đắc Thượng', 'Hồ Đắc Thương'))).toBe('Hồ Đắc Thương')
  })

  it('does not merge two signers whose names differ in more than a fifth of their letters', () => {
    const votes = reads('Lê Văn Tâm', 'Lê Văn Tâm', 'Lê Văn Tâm', 'Lê Thị Tâm')
    expect(settleRepeatedValue('Lê Thị Tâm', votes)).toBe('Lê Thị Tâm')
  })

  it('lets what a keyer saved outweigh the reads', () => {
    const votes = [...reads('Phan Văn Vửng', 'Phan Văn Vửng'), { value: 'Phan Văn Vững', weight: KEYED_VOTE_WEIGHT }]
    expect(settleRepeatedValue('Phan Văn Vửng', votes)).toBe('Phan Văn Vững')
  })

  it('settles only the repeated header fields of a page’s blocks, from every block’s reads', () => {
    const block = (index: number, fields: Record<string, string>): OcrEntryProposal => ({ index, fields: Object.entries(fields).map(([key, value]) => ({ key, value, confidence: 80 })) })
    const page = [
      block(0, { nguoiKy: 'Hồ Đắc Thượng', nksHoTen: 'Lê Văn An' }),
      block(1, { nguoiKy: 'Hồ Đắc Thượng', nksHoTen: 'Lê Văn Ân' }),
      block(2, { nguoiKy: 'HỒ Đắc Thượng', nksHoTen: 'Lê Văn An' }),
    ]
    const settled = settleRepeatedFields(page, bookVotes([page]))
    expect(settled.map((e) => e.fields.find((f) => f.key === 'nguoiKy')?.value)).toEqual(['Hồ Đắc Thượng', 'Hồ Đắc Thượng', 'Hồ Đắc Thượng'])
    // A child's name is never a repeated value: "Ân" stays though "An" is read twice.
    expect(settled[1]?.fields.find((f) => f.key === 'nksHoTen')?.value).toBe('Lê Văn Ân')
    expect(settled[2]?.fields.find((f) => f.key === 'nguoiKy')?.confidence).toBe(80)
    // Saved entries vote with their weight, only for the repeated keys.
    const votes = bookVotes([page], [{ nguoiKy: 'Hồ Đắc Thượng', nksHoTen: 'Lê Văn Ân' }])
    expect(votes.get('nguoiKy')?.map((v) => v.weight)).toEqual([1, 1, 1, KEYED_VOTE_WEIGHT])
    expect(votes.has('nksHoTen')).toBe(false)
  })
})

describe('settling the parts of a place against the book', () => {
  const PLACES = new Set(['meNoiCuTru', 'chaNoiCuTru', 'nksNoiSinh'])
  const block = (fields: Record<string, string>): OcrEntryProposal => ({ index: 0, continued: false, fields: Object.entries(fields).map(([key, value]) => ({ key, value, confidence: 90 })) })
  const page = [
    block({ meNoiCuTru: 'thôn Nhất Đông, xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế', chaNoiCuTru: 'thôn Nhất Đông, xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế' }),
    block({ meNoiCuTru: 'thôn Tây Phú, xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế', nksNoiSinh: 'Trạm y tế xã Quảng Lợi, huyện Quảng Điền' }),
    block({ meNoiCuTru: 'xã An Thạnh, huyện Quảng Điền', so: 'thôn Nhất Đóng' }),
  ]

  it('spells a part as the book does when only its marks or capitals differ', () => {
    const votes = placePartVotes([page], [], PLACES)
    expect(settlePlaceValue('thôn Nhất Đóng, xã Quảng LợI, huyện Quảng Điển, tình Thừa Thiên Huế', votes)).toBe('thôn Nhất Đông, xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế')
    // Another name of other letters is never pulled to the book's (Quảng Lộc beside Quảng Lợi).
    expect(settlePlaceValue('xã Quảng Lộc, huyện Quảng Điền', votes)).toBe('xã Quảng Lộc, huyện Quảng Điền')
    // Hamlet numbers are letters of their own: "thôn 3" is not "thôn 2".
    expect(settlePlaceValue('thôn 3, xã Quảng Lợi', placePartVotes([[block({ meNoiCuTru: 'thôn 2, xã Quảng Lợi' })], [block({ meNoiCuTru: 'thôn 2' })]], [], PLACES))).toBe('thôn 3, xã Quảng Lợi')
    // A spelling as well supported as the read's stays as read.
    expect(settlePlaceValue('xã An Thành', placePartVotes([[block({ meNoiCuTru: 'xã An Thành' }), block({ meNoiCuTru: 'xã An Thạnh' })]], [], PLACES))).toBe('xã An Thành')
  })

  it('counts only place fields, and a keyed entry more than a read', () => {
    const votes = placePartVotes([page], [], PLACES)
    // The "số" field's text is no place: it cast no vote for "thôn Nhất Đóng".
    expect(votes.get('thon nhat dong')).toEqual(new Map([['thôn Nhất Đông', 2]]))
    const keyed = placePartVotes([[block({ meNoiCuTru: 'xã An Thành' }), block({ meNoiCuTru: 'xã An Thành' })]], [{ meNoiCuTru: 'xã An Thạnh' }], PLACES)
    expect(settlePlaceValue('xã An Thành', keyed)).toBe('xã An Thạnh')
  })

  it('settles every place field of the page’s blocks and leaves the other fields', () => {
    const votes = placePartVotes([page], [], PLACES)
    const [settled] = settlePlaceFields([block({ chaNoiCuTru: 'huyện Quảng Điển', nksHoTen: 'Nguyễn Văn Điển' })], PLACES, votes)
    expect(settled?.fields.map((f) => f.value)).toEqual(['huyện Quảng Điền', 'Nguyễn Văn Điển'])
  })
})
