import { describe, expect, it } from 'vitest'
import { blockingKeys, familyFinds, familyKey, motherWordAgrees, preparePerson, sameFatherKey, searchKeys, slipYears, stageFinds, withinSlipYears, type PersonInput, type SearchStage } from './person'

/** True when one of the entry's keys of the stage is one of the record's keys, and the lookup keeps the record. */
function finds(entry: PersonInput, record: PersonInput, stage: SearchStage): boolean {
  return stageFinds(preparePerson(entry), preparePerson(record), stage)
}

const record: PersonInput = { fullName: 'NGUYỄN THỊ HÒA', birthDate: '1990-05-12', sex: 'Nữ' }

describe('blocking keys', () => {
  it('finds the record in the narrow stage despite diacritics, tone placement, a typo in one name', () => {
    expect(finds({ fullName: 'Nguyen Thi Hoa', birthDate: '12.05.1990', sex: '2' }, record, 'narrow')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '12.05.1990', sex: '2' }, record, 'narrow')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoan', birthDate: '12.05.1990', sex: '2' }, record, 'narrow')).toBe(true)
    expect(finds({ fullName: 'Nguyn Thị Hoà', birthDate: '12.05.1990' }, record, 'narrow')).toBe(true)
  })

  it('leaves a partial, swapped or mistyped date and a missing middle name to the broad stage', () => {
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '1990', sex: '2' }, record, 'narrow')).toBe(false)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '1990', sex: '2' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Hoà', birthDate: '05.1990' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '13.05.1990' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '12.07.1990' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '05.12.1990' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '12.05.1909' }, record, 'broad')).toBe(true)
  })

  it('finds a record known only by its year from an entry with a full date', () => {
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '12.05.1990' }, { fullName: 'NGUYỄN THỊ HÒA', birthDate: '1990' }, 'broad')).toBe(true)
  })

  it('finds a dropped middle name together with a year off by one (issue 15), by day and month or by the mother', () => {
    const thuy: PersonInput = { fullName: 'LÝ THỊ THÚY', birthDate: '1990-05-12', sex: 'Nữ', motherName: 'PHẠM THỊ HẰNG' }
    const entry = { fullName: 'Lý Thúy', birthDate: '12.05.1991', sex: '2' }
    expect(finds(entry, thuy, 'narrow')).toBe(false)
    expect(finds(entry, thuy, 'broad')).toBe(true)
    expect(searchKeys(preparePerson(entry), 'broad')).toContainEqual(['sgMonthDay', 'ly thuy|05-12'])
    // A year-only date and a year off: the mother's names with surname and given name.
    expect(finds({ ...entry, birthDate: '1989', motherName: 'Phạm Hằng' }, thuy, 'broad')).toBe(true)
    // A mistyped given name on a year-only date: surname, year and the mother's names.
    expect(finds({ fullName: 'Lý Thị Thùy', birthDate: '1990', motherName: 'Phạm Thị Hằng' }, thuy, 'broad')).toBe(true)
    expect(blockingKeys(preparePerson(thuy))).toMatchObject({ sgMother: 'ly thuy|pham hang', yearMother: 'ly|1990|pham hang', sgMonthDay: 'ly thuy|05-12' })
  })

  it('does not bring a sibling of another mother through the mother keys', () => {
    const sister = { fullName: 'Lý Thị Thúy', birthDate: '1990', motherName: 'Trần Thị Mai' }
    expect(finds(sister, { fullName: 'LÝ THỊ THÚY', birthDate: '1990-05-12', motherName: 'PHẠM THỊ HẰNG' }, 'broad')).toBe(true) // same name and year: nameYear
    expect(finds({ ...sister, birthDate: '1994' }, { fullName: 'LÝ THỊ THÚY', birthDate: '1990-05-12', motherName: 'PHẠM THỊ HẰNG' }, 'broad')).toBe(false)
  })

  it('finds a mistyped given name with a year-only date and no mother in the loose stage only (issue 15)', () => {
    // The extract gives no parents (born before 1975); the book a year only, a slip in the given name, no mother.
    const ngoc: PersonInput = { fullName: 'NGUYỄN THỊ NGỌC', birthDate: '30/03/1969', sex: 'Nữ' }
    const entry = { fullName: 'Nguyễn Thị Ngọ', birthDate: '1969', sex: '2', fatherName: 'Vũ Quốc Tâm' }
    expect(finds(entry, ngoc, 'narrow')).toBe(false)
    expect(finds(entry, ngoc, 'broad')).toBe(false)
    expect(finds(entry, ngoc, 'loose')).toBe(true)
    expect(blockingKeys(preparePerson(ngoc))).toMatchObject({ initialYear: 'nguyen|1969|thi|n', givenYear: 'ngoc|1969|thi|n' })
    // A mistyped surname on a full date: the given name, birth year and middle names with the surname's initial.
    expect(finds({ fullName: 'Trna Mỹ Ngọc', birthDate: '06.12.1956' }, { fullName: 'TRẦN MỸ NGỌC', birthDate: '1956' }, 'loose')).toBe(true)
  })

  it('looks for a mistyped given name on a whole date among the people known without a day or born in its month (issue 15)', () => {
    const entry = { fullName: 'Nguyễn Thị Ngọ', birthDate: '30.03.1969', sex: '2' }
    const keys = searchKeys(preparePerson(entry), 'loose')
    expect(keys).toContainEqual(['initialYearUndated', 'nguyen|1969|thi|n'])
    expect(keys).toContainEqual(['initialYearMonth', 'nguyen|1969|thi|n|03'])
    expect(keys.some(([key]) => key === 'initialYear')).toBe(false)
    expect(finds(entry, { fullName: 'NGUYỄN THỊ NGỌC', birthDate: '1969' }, 'loose')).toBe(true)
    expect(finds(entry, { fullName: 'NGUYỄN THỊ NGỌC', birthDate: '1969-03' }, 'loose')).toBe(true)
    // A day off as well: the date keys hold the book's day.
    expect(finds(entry, { fullName: 'NGUYỄN THỊ NGỌC', birthDate: '1969-03-28' }, 'loose')).toBe(true)
    expect(finds(entry, { fullName: 'NGUYỄN THỊ NGỌC', birthDate: '1969-07-28' }, 'loose')).toBe(false)
    // The record's keys say which it holds.
    expect(blockingKeys(preparePerson({ fullName: 'NGUYỄN THỊ NGỌC', birthDate: '1969-03-28' }))).toMatchObject({ initialYearMonth: 'nguyen|1969|thi|n|03' })
    expect(blockingKeys(preparePerson({ fullName: 'NGUYỄN THỊ NGỌC', birthDate: '1969-03-28' })).initialYearUndated).toBeUndefined()
    expect(blockingKeys(preparePerson({ fullName: 'NGUYỄN THỊ NGỌC', birthDate: '1969' })).initialYearMonth).toBeUndefined()
  })

  it('finds a mistyped surname or a dropped middle name with a year off and no mother by the father (issue 15)', () => {
    const thao: PersonInput = { fullName: 'NGUYỄN GIA THẢO', birthDate: '24/02/2003', sex: 'Nữ', motherName: 'LÊ NGỌC HƯƠNG', fatherName: 'NGUYỄN MINH SƠN' }
    const entry = { fullName: 'Nguyn Gia Thảo', birthDate: '24.02.2002', sex: '2', fatherName: 'Nguyễn Minh Sơn' }
    expect(finds(entry, thao, 'narrow') || finds(entry, thao, 'broad')).toBe(false)
    expect(finds(entry, thao, 'loose')).toBe(true)
    expect(finds({ ...entry, fatherName: null, motherName: 'Lê Ngọc Hương' }, thao, 'loose')).toBe(true)
    // A name in the neighbouring year, or with the year's last digits swapped, when the book gives no day.
    expect(finds({ fullName: 'Nguyễn Gia Thảo', birthDate: '2002' }, thao, 'loose')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Gia Thảo', birthDate: '2030' }, thao, 'loose')).toBe(true)
  })

  it('keeps the loose keys narrow: another given initial, another father or another year is not reached', () => {
    const thao: PersonInput = { fullName: 'NGUYỄN GIA THẢO', birthDate: '24/02/2003', motherName: 'LÊ NGỌC HƯƠNG', fatherName: 'NGUYỄN MINH SƠN' }
    expect(finds({ fullName: 'Nguyễn Gia Hảo', birthDate: '2003' }, thao, 'loose')).toBe(false)
    expect(finds({ fullName: 'Nguyn Gia Thảo', birthDate: '2002', fatherName: 'Nguyễn Văn Hùng' }, thao, 'loose')).toBe(false)
    expect(finds({ fullName: 'Nguyễn Gia Thảo', birthDate: '24.02.2006' }, thao, 'loose')).toBe(false)
  })

  it('keeps of the people the given name and a parent bring whatever the date only those born in a year a slip reaches (issue 15)', () => {
    const thao: PersonInput = { fullName: 'NGUYỄN GIA THẢO', birthDate: '24/02/2003', motherName: 'LÊ NGỌC HƯƠNG', fatherName: 'NGUYỄN MINH SƠN' }
    const slipped = { fullName: 'Nguyn Gia Thảo', sex: '2', fatherName: 'Nguyễn Minh Sơn' }
    // Two years off, one digit off (2008, 2023, 2013), the last two digits swapped (2030): a slip of the book's year.
    for (const year of ['2001', '2005', '2008', '2023', '2013', '2030']) expect(finds({ ...slipped, birthDate: year }, thao, 'loose')).toBe(true)
    // Another generation of the family or a namesake of the father's: not the person.
    for (const year of ['1985', '2017', '1976']) expect(finds({ ...slipped, birthDate: year }, thao, 'loose')).toBe(false)
    expect(finds({ fullName: 'Nguyn Gia Thảo', birthDate: '1985', motherName: 'Lê Ngọc Hương' }, thao, 'loose')).toBe(false)
    // Without a year on either side nothing is left out.
    expect(finds(slipped, thao, 'loose')).toBe(true)
    expect(withinSlipYears(undefined, 1950)).toBe(true)
    expect(withinSlipYears(1950, undefined)).toBe(true)
    expect(withinSlipYears(1950, 1972)).toBe(false)
    // The years the lookup sends to the database with the key are exactly those.
    const fourDigits = Array.from({ length: 9000 }, (_, i) => 1000 + i)
    for (const year of [1908, 1958, 1980, 2003, 1999]) expect(slipYears(year)).toEqual(fourDigits.filter((other) => withinSlipYears(year, other)))
  })

  it('keeps of the children the mother\'s key brings only those whose father is the book\'s or unnamed (issue 15)', () => {
    const binh: PersonInput = { fullName: 'TRẦN VĂN BÌNH', birthDate: '1975', sex: 'Nam', motherName: 'NGUYỄN THỊ LAN', fatherName: 'TRẦN VĂN HÙNG' }
    // The given name mistyped beyond a slip on a year-only date: only the surname, the year and the mother find him.
    const entry = { fullName: 'Trần Văn Bihh', birthDate: '1975', sex: '1', motherName: 'Nguyễn Thị Lan' }
    expect(finds(entry, binh, 'narrow')).toBe(false)
    expect(finds(entry, binh, 'broad')).toBe(true)
    // The same father, written with another middle name or without marks: kept, in the broad stage and the loose one.
    for (const fatherName of ['Trần Văn Hùng', 'TRAN HUNG', 'Trần Đức Hùng']) {
      expect(finds({ ...entry, fatherName }, binh, 'broad')).toBe(true)
      expect(finds({ ...entry, fatherName, birthDate: '1957' }, binh, 'loose')).toBe(true)
    }
    // Another father: a child of another mother of that name, or a half-brother, whoever the key brings.
    expect(finds({ ...entry, fatherName: 'Trần Văn Dũng' }, binh, 'broad')).toBe(false)
    expect(finds({ ...entry, fatherName: 'Trần Văn Dũng', birthDate: '1957' }, binh, 'loose')).toBe(false)
    // A record without a father is kept.
    expect(finds({ ...entry, fatherName: 'Trần Văn Dũng' }, { ...binh, fatherName: null }, 'broad')).toBe(true)
    expect(sameFatherKey(preparePerson({ fatherName: 'Lê Văn Hải' }), preparePerson({ fatherName: 'LE HAI' }))).toBe(true)
    expect(sameFatherKey(preparePerson({ fatherName: 'Lê Văn Hải' }), preparePerson({ fatherName: 'Lê Văn Hà' }))).toBe(false)
  })

  it('finds a mistyped given name with a year off and no mother by surname, year and father (issue 15)', () => {
    const phuong: PersonInput = { fullName: 'NGUYỄN THỊ PHƯƠNG', birthDate: '13/08/1952', sex: 'Nữ', motherName: 'TRẦN THỊ LOAN', fatherName: 'NGUYỄN VĂN THẮNG' }
    const entry = { fullName: 'Nguyễn Pương', birthDate: '1951', sex: '2', fatherName: 'Nguyen Van Thang' }
    expect(finds(entry, phuong, 'narrow') || finds(entry, phuong, 'broad')).toBe(false)
    expect(searchKeys(preparePerson(entry), 'loose')).toContainEqual(['yearFather', 'nguyen|1952|nguyen thang'])
    expect(finds(entry, phuong, 'loose')).toBe(true)
    // The year with its last two digits swapped, and the year itself with a mistyped mother.
    expect(finds({ ...entry, birthDate: '1925' }, phuong, 'loose')).toBe(true)
    expect(finds({ fullName: 'Phạm Thị àH', birthDate: '1976', motherName: 'Trịnh Thị Ln', fatherName: 'Trần Văn Minh' }, { fullName: 'PHẠM THỊ HÀ', birthDate: '18/12/1976', motherName: 'TRỊNH THỊ LAN', fatherName: 'TRẦN VĂN MINH' }, 'loose')).toBe(true)
    // A half-sibling of another father, or the same father two years off, is not reached.
    expect(finds({ ...entry, fatherName: 'Nguyễn Văn Hùng' }, phuong, 'loose')).toBe(false)
    expect(finds({ ...entry, birthDate: '1950' }, phuong, 'loose')).toBe(false)
    // The book's mother mistyped in one word of her surname and given name: kept. Another mother (a half-sibling, or a
    // child of another man of that name): left out, unless one side names no mother.
    for (const motherName of ['Tran Thi Loan', 'Trn Thị Loan', 'Trần Thị Lan', 'Trần Loan']) expect(finds({ ...entry, birthDate: '1952', motherName }, phuong, 'loose')).toBe(true)
    expect(finds({ ...entry, birthDate: '1952', motherName: 'Lê Thị Hoa' }, phuong, 'loose')).toBe(false)
    expect(finds({ ...entry, birthDate: '1952', motherName: 'Lê Thị Hoa' }, { ...phuong, motherName: null }, 'loose')).toBe(true)
    expect(motherWordAgrees(preparePerson({ motherName: 'Trần Thị Loan' }), preparePerson({ motherName: 'Trần Thị Lan' }))).toBe(true)
    expect(motherWordAgrees(preparePerson({ motherName: 'Trần Thị Loan' }), preparePerson({ motherName: 'Trịnh Thị Lan' }))).toBe(false)
  })

  it('finds a mistyped name with a year off by one and no parents in the extract by middle names and full date (issue 15)', () => {
    // The extract gives no parents (born before 1975), the book a slip in the given name or the surname and the year off by one.
    const hoa: PersonInput = { fullName: 'KIỀU MINH HÒA', birthDate: '24/09/1949', sex: 'Nam' }
    const entry = { fullName: 'Kiều Minh Hà', birthDate: '24.09.1950', sex: '1', motherName: 'Lâm Thị Cúc', fatherName: 'Kieu Duc Kien' }
    expect(finds(entry, hoa, 'narrow') || finds(entry, hoa, 'broad')).toBe(false)
    expect(searchKeys(preparePerson(entry), 'loose')).toContainEqual(['middleDate', 'minh|1949-09-24'])
    expect(finds(entry, hoa, 'loose')).toBe(true)
    expect(finds({ fullName: 'oHàng Văn Hùng', birthDate: '09.11.1942' }, { fullName: 'HOÀNG VĂN HÙNG', birthDate: '09/11/1943' }, 'loose')).toBe(true)
    // Another middle name, another day or two years off: not reached.
    expect(finds({ ...entry, fullName: 'Kiều Văn Hà' }, hoa, 'loose')).toBe(false)
    expect(finds({ ...entry, birthDate: '25.09.1950' }, hoa, 'loose')).toBe(false)
    expect(finds({ ...entry, birthDate: '24.09.1951' }, hoa, 'loose')).toBe(false)
  })

  it('finds a mistyped given name with the year two off or its digits swapped, by the mother or by middle names and date (issue 15)', () => {
    // Out of every block at 1M people before: the mother's key was searched one year either side only, the date
    // with the middle names in the year and one year either side.
    const hang: PersonInput = { fullName: 'LÊ THỊ HẰNG', birthDate: '12/04/1960', sex: 'Nữ', motherName: 'PHAN THỊ TRINH', fatherName: 'NGUYỄN VĂN KHÔI' }
    const entry = { fullName: 'Le Thi Han', birthDate: '12.04.1958', sex: '2', motherName: 'Phan Thi Trinh' }
    expect(finds(entry, hang, 'narrow') || finds(entry, hang, 'broad')).toBe(false)
    expect(searchKeys(preparePerson(entry), 'loose')).toContainEqual(['yearMother', 'le|1960|phan trinh'])
    expect(finds(entry, hang, 'loose')).toBe(true)
    expect(finds({ ...entry, birthDate: '12.04.1962' }, hang, 'loose')).toBe(true)
    expect(finds({ ...entry, birthDate: '1906' }, hang, 'loose')).toBe(true)
    // Three years off, another mother, or two years off on a year alone (a brother two years older looks like that): not reached.
    expect(finds({ ...entry, birthDate: '12.04.1957' }, hang, 'loose')).toBe(false)
    expect(finds({ ...entry, birthDate: '1962' }, hang, 'loose')).toBe(false)
    expect(finds({ ...entry, motherName: 'Phan Thi Trang' }, hang, 'loose')).toBe(false)
    // No parents in the extract: the middle names and the date with the year's digits swapped.
    const huong: PersonInput = { fullName: 'TRẦN THỊ HƯƠNG', birthDate: '25/07/1969', sex: 'Nữ' }
    const swapped = { fullName: 'Trần Thị Hơng', birthDate: '25.07.1996', sex: '2', motherName: 'Nguyễn Thị Huệ' }
    expect(finds(swapped, huong, 'narrow') || finds(swapped, huong, 'broad')).toBe(false)
    expect(searchKeys(preparePerson(swapped), 'loose')).toContainEqual(['middleDate', 'thi|1969-07-25'])
    expect(finds(swapped, huong, 'loose')).toBe(true)
    expect(finds({ ...swapped, birthDate: '26.07.1996' }, huong, 'loose')).toBe(false)
  })

  it('finds what the 1M-people run left out of every block, and no more than that (issue 15)', () => {
    // A slip in the given name and one in the surname together, on the right date: the middle names and the full date.
    const hong: PersonInput = { fullName: 'TRẦN THỊ THU HỒNG', birthDate: '07/07/2002', sex: 'Nữ' }
    expect(finds({ fullName: 'Trn Thị Thu Hồgn', birthDate: '07.07.2002', sex: '2' }, hong, 'narrow') || finds({ fullName: 'Trn Thị Thu Hồgn', birthDate: '07.07.2002', sex: '2' }, hong, 'broad')).toBe(false)
    expect(finds({ fullName: 'Trn Thị Thu Hồgn', birthDate: '07.07.2002', sex: '2' }, hong, 'loose')).toBe(true)
    // A year off together with a day off, or against a record that has only the year: the full name and the month in the neighbouring years.
    const huy: PersonInput = { fullName: 'TRẦN VĂN HUY', birthDate: '04/08/1970', sex: 'Nam' }
    expect(finds({ fullName: 'Trần Văn Huy', birthDate: '03.08.1971' }, huy, 'broad')).toBe(false)
    expect(finds({ fullName: 'Trần Văn Huy', birthDate: '03.08.1971' }, huy, 'loose')).toBe(true)
    expect(finds({ fullName: 'Bùi Yến', birthDate: '20.11.1933' }, { fullName: 'BÙI THỊ YẾN', birthDate: '1932' }, 'loose')).toBe(true)
    // A slip in the child's surname: the father's key under the father's surname, which the child carries.
    const tung: PersonInput = { fullName: 'LÊ VĂN TÙNG', birthDate: '1939', sex: 'Nam', motherName: 'PHAN THỊ HUỆ', fatherName: 'LÊ VĂN PHÚC' }
    const slipped = { fullName: 'êL Văn Tùng', birthDate: '19.08.1939', sex: '1', fatherName: 'Lê Văn Phúc' }
    expect(finds(slipped, tung, 'narrow') || finds(slipped, tung, 'broad')).toBe(false)
    expect(finds(slipped, tung, 'loose')).toBe(true)
    // Still narrow: another month in the neighbouring year, another father, or two years off is not reached.
    expect(finds({ fullName: 'Trần Văn Huy', birthDate: '03.09.1971' }, huy, 'loose')).toBe(false)
    expect(finds({ ...slipped, fatherName: 'Lê Văn Hải' }, tung, 'loose')).toBe(false)
    expect(finds({ fullName: 'Trần Văn Huy', birthDate: '03.08.1972' }, huy, 'loose')).toBe(false)
    // The father's key of the neighbouring years only when the book names no mother: with a mother, her key of those
    // years (broad stage) reaches the same people at a tenth of the rows (1M people: 0.7M rows a run, 17% of the time).
    const withMother = searchKeys(preparePerson({ ...slipped, fullName: 'Lê Văn Tùng', motherName: 'Phan Thị Huệ' }), 'loose').filter(([key]) => key === 'yearFather')
    expect(withMother).toEqual([['yearFather', 'le|1939|le phuc']])
    expect(searchKeys(preparePerson({ ...slipped, fullName: 'Lê Văn Tùng' }), 'loose').filter(([key]) => key === 'yearFather')).toHaveLength(4)
  })

  it('files the surname block by sex: a common surname on a given day is split in two', () => {
    expect(blockingKeys(preparePerson(record)).dateSurname).toBe('1990-05-12|nguyen|2')
    expect(blockingKeys(preparePerson({ ...record, sex: null })).dateSurname).toBeUndefined()
  })
})

describe('the family search', () => {
  const parents = { motherName: 'TRẦN THỊ LAN', fatherName: 'NGUYỄN VĂN MINH' }
  const filed: PersonInput = { ...record, ...parents }
  const moved = { fullName: 'Nguyễn Thị Hoà', birthDate: '03.07.1990', sex: '2', motherName: 'Trần Thị Lan', fatherName: 'Nguyễn Văn Minh' }

  it('finds a record whose day and month both differ when name, year and a parent agree, which no date key can', () => {
    expect(finds(moved, filed, 'narrow')).toBe(false)
    // The mother's keys of the broad stage reach it; with the father alone, only the family search does.
    expect(finds(moved, filed, 'broad')).toBe(true)
    expect(finds({ ...moved, motherName: null }, filed, 'broad')).toBe(false)
    const key = familyKey(preparePerson(moved))!
    expect(key).toEqual({ nameYear: 'nguyen hoa|1990', mother: 'tran lan', father: 'nguyen minh' })
    expect(familyFinds(key, preparePerson(filed))).toBe(true)
    // One parent is enough; a middle name written or not does not matter.
    expect(familyFinds(familyKey(preparePerson({ ...moved, motherName: 'Trần Lan', fatherName: null }))!, preparePerson(filed))).toBe(true)
  })

  it('does not reach other people of the same name and year, nor another year', () => {
    const key = familyKey(preparePerson(moved))!
    expect(familyFinds(key, preparePerson({ ...record, motherName: 'Lê Thị Hạnh', fatherName: 'Nguyễn Văn Tâm' }))).toBe(false)
    expect(familyFinds(key, preparePerson({ ...filed, birthDate: '1991-07-03' }))).toBe(false)
  })

  it('is not used without a parent or without a month (the broad stage already covers a year-only date)', () => {
    expect(familyKey(preparePerson({ ...moved, motherName: null, fatherName: null }))).toBeUndefined()
    expect(familyKey(preparePerson({ ...moved, birthDate: '1990' }))).toBeUndefined()
  })
})
