import { describe, expect, it } from 'vitest'
import { compareNames, NAME_TWO_SLIPS, NAME_TWO_WORD_SLIPS, prepareName } from './names'
import { editDistance, jaroWinkler } from './similarity'
import { couldBeSyllable } from '../text/syllable'

const cmp = (a: string, b: string) => compareNames(prepareName(a)!, prepareName(b)!)

describe('string similarity', () => {
  it('computes Jaro-Winkler on textbook pairs', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3)
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3)
    expect(jaroWinkler('abc', 'abc')).toBe(1)
    expect(jaroWinkler('', 'abc')).toBe(0)
  })

  it('counts edits with adjacent swaps and stops early past the limit', () => {
    expect(editDistance('hung', 'hugn')).toBe(1)
    expect(editDistance('nguyen', 'nguyn')).toBe(1)
    expect(editDistance('lan', 'lam')).toBe(1)
    expect(editDistance('hoang', 'huynh')).toBe(3)
    expect(editDistance('hoang', 'huynh', 1)).toBe(2)
  })
})

describe('Vietnamese name comparison', () => {
  it('prepares canonical and folded forms, surname, middle and given names', () => {
    const n = prepareName('NGUYỄN  THỊ HÒA')!
    expect(n).toMatchObject({ canon: 'nguyễn thị hoà', folded: 'nguyen thi hoa', surname: 'nguyen', given: 'hoa', middle: ['thi'] })
  })

  it('treats tone placement, Đ variants, NFD and capitals as the same name', () => {
    expect(cmp('Nguyễn Thị Hoà', 'NGUYỄN THỊ HÒA').level).toBe('exact')
    expect(cmp('\u00D0ỗ Văn Đức', 'Đỗ Văn Đức').level).toBe('exact')
    expect(cmp('Nguyễn Thị Thúy'.normalize('NFD'), 'nguyễn thị thuý').level).toBe('exact')
  })

  it('notes a middle name left out with a slip in the given name as two slips, still weighed as "different" (issue 15)', () => {
    expect(cmp('Lý Thúi', 'LÝ THỊ THÚY')).toEqual({ level: 'different', note: NAME_TWO_SLIPS })
    expect(cmp('Nguyễn Hoa Mai', 'NGUYỄN THỊ HOA MAIX')).toEqual({ level: 'different', note: NAME_TWO_SLIPS })
    // Another middle name besides, another given name, or another surname is not two slips.
    expect(cmp('Lý Văn Thúi', 'LÝ THỊ NGỌC THÚY').note).toBeUndefined()
    expect(cmp('Lý Thúi', 'LÝ THỊ HOA').note).not.toBe(NAME_TWO_SLIPS)
    expect(cmp('Trần Thúi', 'LÝ THỊ THÚY').note).toBeUndefined()
    // Two words one letter off each: noted too; three, or a real other word, are not.
    expect(cmp('Võ Tvị hCi', 'VÕ THỊ CHI')).toEqual({ level: 'different', note: NAME_TWO_WORD_SLIPS })
    expect(cmp('Ngyễn Thị Thu Lonn', 'NGUYỄN THỊ THU LOAN')).toEqual({ level: 'different', note: NAME_TWO_WORD_SLIPS })
    expect(cmp('Ngyễn Tị Thu Lonn', 'NGUYỄN THỊ THU LOAN').note).toBeUndefined()
    expect(cmp('Trần Tvị Mai', 'TRẦN THỊ LAN').note).not.toBe(NAME_TWO_WORD_SLIPS)
    // One slip alone keeps its level.
    expect(cmp('Lý Thủy', 'LÝ THỊ THỦY').level).toBe('middle')
  })

  it('forgives a name written without marks, not marks that differ', () => {
    expect(cmp('Nguyễn Thị Hoà', 'NGUYEN THI HOA').level).toBe('unaccented')
    expect(cmp('Nguyen Van Hung', 'Nguyễn Văn Hùng').level).toBe('unaccented')
    // A bare word in a name written with diacritics is a real word.
    expect(cmp('Nguyễn Thị Lan', 'Nguyễn Thị Lán').level).toBe('accents')
    expect(cmp('Nguyễn Văn Hùng', 'Nguyễn Văn Hưng').level).toBe('accents')
    expect(cmp('Trần Thị Thủy', 'Trần Thị Thúy').level).toBe('accents')
  })

  it('tolerates a missing Văn/Thị and a missing middle name, and says so', () => {
    const r = cmp('Nguyễn Hòa', 'Nguyễn Thị Hoà')
    expect(r.level).toBe('middle')
    expect(r.note).toMatch(/Văn\/Thị/)
    expect(cmp('Nguyễn Thị Thu Hà', 'Nguyễn Thu Hà').level).toBe('middle')
    expect(cmp('Lê Hùng', 'Lê Quốc Hùng').level).toBe('middle')
    expect(cmp('Nguyễn Văn Hùng', 'Nguyễn Đức Hùng').level).toBe('otherMiddle')
  })

  it('sees one middle name keyed with a slip as similar, not another middle name (issue 15)', () => {
    const slip = { level: 'similar', note: 'Tên đệm khác một chữ cái (có thể gõ nhầm)' }
    // A letter replaced, dropped or swapped, with or without marks, in one of one or two middle names.
    expect(cmp('Võ Tyị Anh', 'VÕ THỊ ANH')).toEqual(slip)
    expect(cmp('Nguyễn Tị Thảo', 'NGUYỄN THỊ THẢO')).toEqual(slip)
    expect(cmp('Nguyen hTi Mai', 'NGUYỄN THỊ MAI')).toEqual(slip)
    expect(cmp('Phan Thị Km Thu', 'PHAN THỊ KIM THU')).toEqual(slip)
    // Two real names of one length are other middle names, as are two slips or two middle names changed.
    expect(cmp('Lê Thu Hằng', 'LÊ THỊ HẰNG').level).toBe('otherMiddle')
    expect(cmp('Nguyễn Hung Lan', 'NGUYỄN HỒNG LAN').level).toBe('otherMiddle')
    expect(cmp('Trần Tqx Nga', 'TRẦN THỊ NGA').level).toBe('otherMiddle')
    expect(cmp('Lê Tị Ngọk Anh', 'LÊ THỊ NGỌC ANH').level).toBe('otherMiddle')
  })

  it('sees a one-letter typo as similar, another given name as otherGiven and other names as different', () => {
    expect(cmp('Nguyễn Văn Hùng', 'Nguyễn Văn Hùnh').level).toBe('similar')
    expect(cmp('Nguyễn Văn Hùng', 'Nguyn Văn Hùng').level).toBe('similar')
    expect(cmp('Nguyễn Văn Hùng', 'Trần Văn Hùng').level).toBe('different')
    expect(cmp('Nguyễn Văn Hùng', 'Nguyễn Văn Dũng').level).toBe('otherGiven')
    expect(cmp('Lê Thị Hải', 'Lê Thị Hậu').level).toBe('otherGiven')
    expect(cmp('Lê Thị Hải', 'LE THI HAU').level).toBe('similar')
  })

  it('sees letters keyed across the marked vowel as one slip, not another given name (issue 15)', () => {
    // "Tàon" is stored "taòn" (the tone moves with the vowels): the bare letters differ by a transposition, the marks are the same.
    expect(cmp('Chu Xuân Tàon', 'CHU XUÂN TOÀN').level).toBe('similar')
    expect(cmp('Lê Văn Tùog', 'Lê Văn Tùng').level).toBe('similar')
    // Another tone, or two slips, stays another name.
    expect(cmp('Lê Văn Tùog', 'Lê Văn Tũng').level).toBe('otherGiven')
    expect(cmp('Nguyễn Văn Hùng', 'Nguyễn Văn Dũng').level).toBe('otherGiven')
  })

  it('takes a given name no Vietnamese syllable could be for a slip of the key, not a sibling (issue 15)', () => {
    // Two slips that leave a real name are another child; two that leave no name at all are the keyer's.
    expect(cmp('Nguyễn Văn Hka', 'Nguyễn Văn Khoa')).toMatchObject({ level: 'garbled', note: expect.stringMatching(/gõ sai/) })
    expect(cmp('Trần Văn Tquqg', 'TRẦN VĂN TRUNG').level).toBe('garbled')
    expect(cmp('Nguyen Van Kxi', 'NGUYỄN VĂN KHÔI').level).toBe('garbled')
    expect(cmp('Bùi Quốc Tàrnh', 'BÙI QUỐC THÀNH').level).toBe('garbled')
    // Still another name: a real syllable (Mai, Lan; "nhA" reads "nhà"), other marks, or more than two slips.
    expect(cmp('Nguyễn Thị Mai', 'NGUYỄN THỊ LAN').level).toBe('otherGiven')
    expect(cmp('Nguyễn Anh nhA', 'NGUYỄN ANH ANH').level).toBe('otherGiven')
    expect(cmp('Lê Văn Tùog', 'Lê Văn Tũng').level).toBe('otherGiven')
    expect(cmp('Lê Thị Xqzt', 'LÊ THỊ XUÂN').level).toBe('otherGiven')
    // Written without marks, a real name still reads as a syllable.
    expect(['hien', 'nguyen', 'khuynh', 'nghieng', 'quynh', 'y'].every(couldBeSyllable)).toBe(true)
    expect(['tquqg', 'kxi', 'ahg', 'hka'].some(couldBeSyllable)).toBe(false)
  })

  it('tells a sibling\'s given name from a slip of the key once the middle name is dropped too', () => {
    expect(cmp('Nguyễn Mai', 'Nguyễn Thị Lan').level).toBe('otherGiven')
    expect(cmp('Nguyễn Hnah', 'Nguyễn Thị Ngọc Hạnh').level).toBe('different')
    expect(cmp('Trần Văn Tuấn', 'Trần Tuấn').level).toBe('middle')
  })
})
