/**
 * How a birth-register entry differs from the population record of the same person, at rates a
 * reconciliation meets in practice. Some differences are only ways of writing (no marks, capitals,
 * the other tone placement, a partial date, parents not written, a hospital as birthplace): a
 * perfect reconciliation still calls them a match. Others change what the book says (a typo, a
 * missing middle name, day and month swapped, data changed since, a wrong digit in the ID): a
 * mismatch. People absent from the population must come out "not found".
 */
import type { Random } from './random'
import type { Person, SyntheticEntry } from './synthetic-population'
import { fullNameOf, oldToneStyle } from './synthetic-population'
import { FEMALE_GIVEN, MALE_GIVEN } from './vietnamese-names'

export interface EntryTruth {
  /** Index of the person in the generated population; null when absent from it. */
  personIndex: number | null
  personalId: string | null
  expected: 'match' | 'mismatch' | 'not_found'
  corruptions: string[]
}

/** Per entry, independent. Material ones make the expected outcome a mismatch. */
const RATES = {
  noDiacritics: 0.08, upper: 0.1, lower: 0.02, unicodeVariant: 0.02, otherToneStyle: 0.5,
  partialYear: 0.04, partialMonth: 0.02, missingMother: 0.05, missingFather: 0.08, hospital: 0.2, withId: 0.25,
  typo: 0.03, accentTypo: 0.01, middleDrop: 0.02, swapped: 0.03, dateTypo: 0.015, changedName: 0.01, changedDate: 0.01,
  wrongSex: 0.005, parentTypo: 0.01, idTypo: 0.05,
} as const

const MATERIAL = new Set(['typo', 'accentTypo', 'middleDrop', 'swapped', 'dateTypo', 'changedName', 'changedDate', 'wrongSex', 'parentTypo', 'idTypo'])

const pad = (n: number) => String(n).padStart(2, '0')

function stripMarks(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
}

const LETTERS = 'abcdeghiklmnopqrstuvxy'

/** One slip of the key in one word of the name (not the first letter of the surname). */
export function typo(r: Random, name: string): string {
  const words = name.split(' ')
  const w = r.int(words.length > 1 ? 1 : 0, words.length - 1)
  const word = words[w] as string
  if (word.length < 2) return name
  const i = r.int(1, word.length - 1)
  const kind = r.int(0, 2)
  const changed =
    kind === 0 ? word.slice(0, i) + r.pick([...LETTERS]) + word.slice(i + 1) // substitute
      : kind === 1 && word.length > 2 ? word.slice(0, i) + word.slice(i + 1) // drop
        : word.slice(0, i - 1) + (word[i] ?? '') + (word[i - 1] ?? '') + word.slice(i + 1) // swap
  words[w] = changed
  const result = words.join(' ')
  return result === name ? `${name}h` : result
}

/** The tone mark of the given name moved to another tone (Hùng → Húng). */
export function accentTypo(r: Random, name: string): string {
  const tones = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']
  const words = name.split(' ')
  const last = (words[words.length - 1] as string).normalize('NFD')
  const toned = last.replace(/[\u0300\u0301\u0303\u0309\u0323]/, () => r.pick(tones))
  const changed = toned === last ? last.replace(/([aeiouy])/i, `$1${r.pick(tones)}`) : toned
  words[words.length - 1] = changed.normalize('NFC')
  const result = words.join(' ')
  return result === name ? typo(r, name) : result
}

function writtenName(r: Random, name: string, applied: string[]): string {
  let out = r.chance(RATES.otherToneStyle) ? oldToneStyle(name) : name
  if (r.chance(RATES.noDiacritics)) {
    out = stripMarks(out)
    applied.push('noDiacritics')
  }
  if (r.chance(RATES.upper)) {
    out = out.toUpperCase()
    applied.push('upper')
  } else if (r.chance(RATES.lower)) {
    out = out.toLowerCase()
    applied.push('lower')
  }
  if (r.chance(RATES.unicodeVariant)) {
    out = r.chance(0.5) ? out.normalize('NFD') : out.replace(/Đ/g, '\u00D0')
    applied.push('unicodeVariant')
  }
  return out
}

export function corruptEntry(r: Random, p: Person, inPopulation: boolean, so: number): SyntheticEntry {
  const applied: string[] = []
  let person = { surname: p.surname, middle: p.middle, given: p.given }
  const year = p.year
  let { month, day } = p
  if (inPopulation && r.chance(RATES.changedName)) {
    // The population record was corrected after registration: the book keeps the old given name.
    const pool = p.sex === '1' ? MALE_GIVEN : FEMALE_GIVEN
    let given = person.given
    while (given === person.given) given = (r.pick(pool) as readonly [string, number])[0]
    person = { ...person, given }
    applied.push('changedName')
  }
  if (inPopulation && r.chance(RATES.changedDate)) {
    const newMonth = r.int(1, 12)
    ;[month, day] = [newMonth, Math.min(day, 28)]
    if (month === p.month) month = (month % 12) + 1
    applied.push('changedDate')
  }
  if (p.middle !== '' && r.chance(RATES.middleDrop)) {
    person = { ...person, middle: '' }
    applied.push('middleDrop')
  }
  let name = fullNameOf(person)
  if (r.chance(RATES.typo)) {
    name = typo(r, name)
    applied.push('typo')
  } else if (r.chance(RATES.accentTypo)) {
    name = accentTypo(r, name)
    applied.push('accentTypo')
  }
  name = writtenName(r, name, applied)

  if (day <= 12 && day !== month && r.chance(RATES.swapped)) {
    [day, month] = [month, day]
    applied.push('swapped')
  } else if (r.chance(RATES.dateTypo)) {
    day = day > 1 ? day - 1 : day + 1
    applied.push('dateTypo')
  }
  let birthDate = `${pad(day)}.${pad(month)}.${year}`
  if (r.chance(RATES.partialYear)) {
    birthDate = String(year)
    applied.push('partialYear')
  } else if (r.chance(RATES.partialMonth)) {
    birthDate = `${pad(month)}.${year}`
    applied.push('partialMonth')
  }

  let sex = p.sex
  if (r.chance(RATES.wrongSex)) {
    sex = sex === '1' ? '2' : '1'
    applied.push('wrongSex')
  }

  const fields: Record<string, string> = {
    so: String(so),
    quyenSo: '01',
    trangSo: String(Math.ceil(so / 2)),
    ngayDangKy: `${pad(Math.min(day, 28))}.${pad(month)}.${year}`,
    loaiDangKy: '1',
    nksHoTen: name,
    nksGioiTinh: sex,
    nksNgaySinh: birthDate,
    nksNoiSinh: r.chance(RATES.hospital) ? `Trạm y tế xã ${p.commune}` : `Xã ${p.commune}, huyện ${p.district}, tỉnh ${p.province}`,
    nksDanToc: 'Kinh',
    nksQuocTich: 'Việt Nam',
  }
  if (r.chance(RATES.withId)) {
    let id = p.personalId
    if (inPopulation && r.chance(RATES.idTypo)) {
      const i = r.int(6, 11)
      id = id.slice(0, i) + String((Number(id[i]) + r.int(1, 9)) % 10) + id.slice(i + 1)
      applied.push('idTypo')
    }
    fields.nksSoDinhDanh = id
  }
  const parentTypo = r.chance(RATES.parentTypo)
  if (!r.chance(RATES.missingMother)) {
    fields.meHoTen = writtenName(r, parentTypo ? typo(r, p.motherName) : p.motherName, [])
    Object.assign(fields, { meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1' })
    if (parentTypo) applied.push('parentTypo')
  } else applied.push('missingMother')
  if (!r.chance(RATES.missingFather)) {
    fields.chaHoTen = writtenName(r, p.fatherName, [])
    Object.assign(fields, { chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1' })
  } else applied.push('missingFather')

  const material = applied.some((c) => MATERIAL.has(c))
  return {
    fields,
    truth: {
      personIndex: inPopulation ? p.index : null,
      personalId: inPopulation ? p.personalId : null,
      expected: inPopulation ? (material ? 'mismatch' : 'match') : 'not_found',
      corruptions: applied,
    },
  }
}
