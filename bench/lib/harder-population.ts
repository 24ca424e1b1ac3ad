/**
 * A second, independent generator for the reconciliation benchmark (issue 15). The first
 * (synthetic-population.ts + corruptions.ts) corrupts entries at the rates the matching model
 * assumes, so it measures the model on its own assumptions. This one was written from what real
 * books and extracts show, without reading the model's m-probabilities, and adds what the first
 * lacks: look-alike relatives (twins, half-siblings with another mother born close together,
 * namesake cousins whose fathers differ only by the middle name), surname typos, wrong birth years
 * (±1, two digits swapped), dropped middle names together with a year off by one, two and three
 * differences on one entry, many year-only dates, missing parents on both sides, no personal ID in
 * most books, and people present twice in the extract. All people are synthetic.
 *
 * The rates (RATES) and why:
 * - Books before about 2016 carry no personal ID; the share of entries keyed with one is low (12%)
 *   and a few of those are mistyped (3%, one digit, as any 12-digit number keyed by hand).
 * - Older books often write only the year of birth (late registrations, copies of lost books):
 *   10% year-only, 3% month and year.
 * - Fathers are missing from 12% of birth entries (not declared, registered later), mothers from
 *   3%; the extract lacks parents' names for a quarter of the people born before 1975.
 * - Hand-keyed name fields disagree on about 3% of names when keyed twice (double-keying checks of
 *   civil registers); a tenth of those hit the surname. Văn/Thị is left out in about 4% of older
 *   books (the follow-up cases of the field trial: 37% were such); in 0.6% of entries with a wrong
 *   year as well (copied from a declaration that gave the age).
 * - Years: 1.2% off by one (age arithmetic), 0.4% two digits swapped (1987 → 1978); day and month
 *   swapped in 1.5% of dates with day ≤ 12; a day off in 1%.
 * - Parents' names: a middle name dropped or changed in 5%, a typo in 2%.
 * - 3% of entries carry two extra differences and 1% three (books copied twice, by tired hands).
 * - 0.5% of the extract's people appear twice (two records of one ID, one of them older).
 */
import type { EntryTruth } from './corruptions'
import { typo } from './corruptions'
import { Random, Weighted } from './random'
import type { PopulationRecord, SyntheticEntry } from './synthetic-population'
import { fullNameOf, oldToneStyle } from './synthetic-population'
import {
  COMMUNES, DISTRICTS, FEMALE_GIVEN, FEMALE_MIDDLE_NEW, FEMALE_MIDDLE_OLD, ID_PROVINCES, MALE_GIVEN, MALE_MIDDLE_NEW,
  MALE_MIDDLE_OLD, PROVINCES, SURNAMES,
} from './vietnamese-names'

const RATES = {
  withId: 0.12, idTypo: 0.03,
  yearOnly: 0.1, monthYear: 0.03,
  missingFather: 0.12, missingMother: 0.03, extractNoParentsBefore1975: 0.25, extractYearOnlyBefore1960: 0.08,
  nameTypo: 0.03, surnameShareOfTypos: 0.1, middleDrop: 0.04, middleDropYearOff: 0.006,
  yearOffByOne: 0.012, yearDigitsSwapped: 0.004, dayMonthSwap: 0.015, dayOff: 0.01, wrongSex: 0.003,
  parentMiddle: 0.05, parentTypo: 0.02, twoMore: 0.03, threeMore: 0.01,
  noMarks: 0.15, upper: 0.2, otherTone: 0.4, hospital: 0.3,
  duplicateInExtract: 0.005, otherEthnicity: 0.08,
  // Relatives: twins 1.5% of births; half-siblings born within two months 0.4% of families;
  // a namesake cousin (father of the same surname and given name, the same given name, born within
  // a fortnight) 1.5% of families.
  twins: 0.015, halfSibling: 0.004, namesakeCousin: 0.015,
  // A child left out of an extract whose family is in it (born elsewhere, moved): the absent
  // entries that look most like someone present.
  childLeftOut: 0.03, familyLeftOut: 0.04,
} as const

/** Differences that make a found person a mismatch (DOMAIN.md §9); the rest are ways of writing. */
const MATERIAL = new Set(['nameTypo', 'surnameTypo', 'middleDrop', 'yearOff', 'yearSwap', 'dayMonthSwap', 'dayOff', 'wrongSex', 'parentMiddle', 'parentTypo', 'idTypo'])

const OTHER_ETHNICITIES = ['Tày', 'Thái', 'Mường', 'Khmer', 'Nùng', 'Hoa']
const LAST_YEAR = 2024
const pad = (n: number) => String(n).padStart(2, '0')
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const surnames = new Weighted(SURNAMES)
const middles = {
  '1': { old: new Weighted(MALE_MIDDLE_OLD), new: new Weighted(MALE_MIDDLE_NEW) },
  '2': { old: new Weighted(FEMALE_MIDDLE_OLD), new: new Weighted(FEMALE_MIDDLE_NEW) },
}
const givens = { '1': new Weighted(MALE_GIVEN), '2': new Weighted(FEMALE_GIVEN) }

interface HPerson {
  index: number
  surname: string
  middle: string
  given: string
  sex: '1' | '2'
  year: number
  month: number
  day: number
  personalId: string
  mother: string
  father: string
  commune: string
  district: string
  province: string
  ethnicity: string
}

function stripMarks(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
}

export class HarderPopulation {
  private readonly random: Random
  private readonly ids = new Map<string, number>()
  private index = 0
  private produced = 0
  private readonly present: HPerson[] = []
  private readonly absent: HPerson[] = []
  /** The extract's records of the people sampled for entries (blocking recall), by personal ID. */
  readonly records = new Map<string, PopulationRecord[]>()
  private readonly pPresent: number
  private readonly pAbsent: number
  private readonly targetPresent: number
  private readonly targetAbsent: number

  constructor(private readonly options: { people: number; entries: number; seed?: number; absentShare?: number }) {
    this.random = new Random((options.seed ?? 20250701) ^ 0x5bd1e995)
    this.targetAbsent = Math.round(options.entries * (options.absentShare ?? 0.08))
    this.targetPresent = options.entries - this.targetAbsent
    this.pPresent = Math.min(1, (this.targetPresent * 1.05) / options.people)
    this.pAbsent = Math.min(1, (this.targetAbsent * 1.5) / (options.people * (RATES.familyLeftOut + RATES.childLeftOut / 2)))
  }

  private pid(sex: '1' | '2', year: number): string {
    const prefix = `${this.random.pick(ID_PROVINCES)}${(year >= 2000 ? 2 : 0) + (sex === '2' ? 1 : 0)}${pad(year % 100)}`
    const n = (this.ids.get(prefix) ?? 0) + 1
    this.ids.set(prefix, n)
    return `${prefix}${String(n).padStart(6, '0')}`
  }

  private middle(sex: '1' | '2', year: number): string {
    return middles[sex][year < 1985 ? 'old' : 'new'].pick(this.random)
  }

  private make(sex: '1' | '2', year: number, month: number, day: number, parts: Partial<HPerson> & { home: Pick<HPerson, 'commune' | 'district' | 'province' | 'ethnicity'> }): HPerson {
    const { home, ...rest } = parts
    return {
      index: this.index++, surname: surnames.pick(this.random), middle: this.middle(sex, year), given: givens[sex].pick(this.random),
      sex, year, month, day, personalId: this.pid(sex, year), mother: '', father: '', ...home, ...rest,
    }
  }

  private date(year: number) {
    const month = this.random.int(1, 12)
    return { year, month, day: this.random.int(1, daysIn(year, month)) }
  }

  /** A date `days` (±) from another, kept in the same year. */
  private near(p: { year: number; month: number; day: number }, days: number) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days))
    if (d.getUTCFullYear() !== p.year) return { year: p.year, month: p.month, day: p.day }
    return { year: p.year, month: d.getUTCMonth() + 1, day: d.getUTCDate() }
  }

  private home() {
    const r = this.random
    return { commune: r.pick(COMMUNES), district: r.pick(DISTRICTS), province: r.pick(PROVINCES), ethnicity: r.chance(RATES.otherEthnicity) ? r.pick(OTHER_ETHNICITIES) : 'Kinh' }
  }

  /** Names of the parents of someone born in `year` (people of the extract all have parents, known or not). */
  private parents(year: number, surname = surnames.pick(this.random)) {
    const named = (sex: '1' | '2', s: string) => fullNameOf({ surname: s, middle: this.middle(sex, year - 27), given: givens[sex].pick(this.random) })
    return { mother: named('2', surnames.pick(this.random)), father: named('1', surname) }
  }

  /** One household, sometimes with a look-alike: a half-sibling, or a namesake cousin's family. */
  private family(): HPerson[] {
    const r = this.random
    const home = this.home()
    const fy = r.int(1935, 2000)
    const fd = this.date(fy)
    const fatherSurname = surnames.pick(r)
    const father = this.make('1', fy, fd.month, fd.day, { home, surname: fatherSurname, ...this.parents(fy, fatherSurname) })
    const md = this.date(Math.min(2003, fy + r.int(-3, 8)))
    const mother = this.make('2', md.year, md.month, md.day, { home, ...this.parents(md.year) })
    const people = [father, mother]
    const children: HPerson[] = []
    const child = (parent: { father: HPerson; mother: HPerson }, d: { year: number; month: number; day: number }, sex: '1' | '2', given?: string) => {
      const c = this.make(sex, d.year, d.month, d.day, { home, surname: parent.father.surname, mother: fullNameOf(parent.mother), father: fullNameOf(parent.father), ...(given ? { given } : {}) })
      children.push(c)
      return c
    }
    const count = r.int(0, 4)
    for (let i = 0; i < count; i++) {
      const year = mother.year + r.int(19, 40)
      if (year > LAST_YEAR) continue
      const c = child({ father, mother }, this.date(year), r.chance(0.51) ? '1' : '2')
      if (r.chance(RATES.twins)) child({ father, mother }, c, r.chance(0.5) ? c.sex : c.sex === '1' ? '2' : '1')
    }
    people.push(...children)
    const first = children[0]
    if (first && r.chance(RATES.halfSibling)) {
      // Another mother, the same father, born within two months of a sibling.
      const other = this.make('2', mother.year + r.int(-3, 3), 1, 1, { home, ...this.parents(mother.year) })
      people.push(other, child({ father, mother: other }, this.near(first, r.int(-60, 60)), first.sex))
    }
    if (first && r.chance(RATES.namesakeCousin)) {
      // A father of the same surname and given name but another middle name (brothers, cousins
      // or neighbours), whose child has the first child's given name and sex, born within days.
      let middle = this.middle('1', fy)
      while (middle === father.middle) middle = this.middle('1', fy + r.int(-30, 30))
      const cousinFather = this.make('1', fy + r.int(-5, 5), 6, 15, { home, surname: father.surname, middle, given: father.given, ...this.parents(fy, father.surname) })
      const cousinMother = this.make('2', mother.year, 3, 3, { home, ...this.parents(mother.year) })
      people.push(cousinFather, cousinMother, this.make(first.sex, first.year, first.month, first.day, {
        ...this.near(first, r.int(-14, 14)), home, surname: father.surname, given: first.given,
        ...(r.chance(0.5) ? { middle: first.middle } : {}), mother: fullNameOf(cousinMother), father: fullNameOf(cousinFather),
      }))
    }
    return people
  }

  *chunks(size = 5000): Generator<PopulationRecord[]> {
    const r = this.random
    let chunk: PopulationRecord[] = []
    while (this.produced < this.options.people) {
      const family = this.family()
      const familyOut = r.chance(RATES.familyLeftOut)
      for (const p of family) {
        const childOut = r.chance(RATES.childLeftOut)
        if (familyOut || childOut) {
          if (r.chance(this.pAbsent)) this.absent.push(p)
          continue
        }
        if (this.produced >= this.options.people) break
        const sampled = r.chance(this.pPresent)
        const copies = r.chance(RATES.duplicateInExtract) ? 2 : 1
        for (let c = 0; c < copies; c++) {
          const record = this.record(p, c > 0)
          this.produced++
          chunk.push(record)
          if (sampled) this.records.set(p.personalId, [...(this.records.get(p.personalId) ?? []), record])
        }
        if (sampled) this.present.push(p)
        if (chunk.length >= size) {
          yield chunk
          chunk = []
        }
      }
    }
    if (chunk.length > 0) yield chunk
  }

  /** The police's record: capitals, dd/mm/yyyy; the older copy of a duplicated person has less. */
  private record(p: HPerson, olderCopy: boolean): PopulationRecord {
    const r = this.random
    const upper = (s: string) => (r.chance(0.5) ? oldToneStyle(s) : s).toUpperCase()
    const yearOnly = olderCopy || (p.year < 1960 && r.chance(RATES.extractYearOnlyBefore1960))
    const noParents = olderCopy || (p.year < 1975 && r.chance(RATES.extractNoParentsBefore1975))
    return {
      personalId: p.personalId,
      fullName: upper(fullNameOf(p)),
      birthDate: yearOnly ? String(p.year) : `${pad(p.day)}/${pad(p.month)}/${p.year}`,
      sex: p.sex === '1' ? 'Nam' : 'Nữ',
      birthplace: `Xã ${p.commune}, Huyện ${p.district}, Tỉnh ${p.province}`,
      homeTown: `Xã ${p.commune}, Tỉnh ${p.province}`,
      ethnicity: p.ethnicity,
      nationality: 'Việt Nam',
      motherName: noParents || !p.mother ? '' : upper(p.mother),
      motherPersonalId: '',
      fatherName: noParents || !p.father ? '' : upper(p.father),
      fatherPersonalId: '',
      residence: `Thôn ${r.int(1, 12)}, xã ${p.commune}`,
    }
  }

  entries(): SyntheticEntry[] {
    while (this.absent.length < this.targetAbsent) for (const p of this.family()) this.absent.push(p)
    const r = this.random
    const shuffle = <T>(items: T[]) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(r.next() * (i + 1))
        ;[items[i], items[j]] = [items[j] as T, items[i] as T]
      }
      return items
    }
    const chosen = [
      ...shuffle(this.present).slice(0, this.targetPresent).map((p) => ({ p, inPopulation: true })),
      ...shuffle(this.absent).slice(0, this.targetAbsent).map((p) => ({ p, inPopulation: false })),
    ]
    return shuffle(chosen).map(({ p, inPopulation }, i) => this.entry(p, inPopulation, i + 1))
  }

  private written(name: string): string {
    const r = this.random
    let out = r.chance(RATES.otherTone) ? oldToneStyle(name) : name
    if (r.chance(RATES.noMarks)) out = stripMarks(out)
    return r.chance(RATES.upper) ? out.toUpperCase() : out
  }

  private entry(p: HPerson, inPopulation: boolean, so: number): SyntheticEntry {
    const r = this.random
    const applied: string[] = []
    let { surname, middle, given } = p
    let { year, month, day } = p
    let sex = p.sex
    let mother = p.mother
    let father = p.father
    const corruptions: Array<() => void> = [
      () => {
        if (r.chance(RATES.surnameShareOfTypos)) {
          surname = typo(r, `x ${surname}`).slice(2)
          applied.push('surnameTypo')
        } else {
          given = typo(r, `x ${given}`).slice(2)
          applied.push('nameTypo')
        }
      },
      () => {
        if (middle === '') return
        middle = ''
        applied.push('middleDrop')
      },
      () => {
        year += r.chance(0.5) ? 1 : -1
        applied.push('yearOff')
      },
      () => {
        const s = String(year)
        const swapped = Number(`${s.slice(0, 2)}${s[3]}${s[2]}`)
        if (swapped === year || swapped > LAST_YEAR) return
        year = swapped
        applied.push('yearSwap')
      },
      () => {
        if (day > 12 || day === month) return
        ;[day, month] = [month, day]
        applied.push('dayMonthSwap')
      },
      () => {
        day = day > 1 ? day - 1 : day + 1
        applied.push('dayOff')
      },
      () => {
        sex = sex === '1' ? '2' : '1'
        applied.push('wrongSex')
      },
      () => {
        const words = father.split(' ')
        if (words.length < 3) return
        father = r.chance(0.5) ? `${words[0]} ${words[words.length - 1]}` : `${words[0]} ${r.pick(['Văn', 'Hữu', 'Đức', 'Ngọc'])} ${words[words.length - 1]}`
        if (father !== p.father) applied.push('parentMiddle')
      },
      () => {
        if (mother === '') return
        mother = typo(r, mother)
        applied.push('parentTypo')
      },
    ]
    const [typoC, dropC, offC, swapYearC, swapC, dayC, sexC, parentMiddleC, parentTypoC] = corruptions as [() => void, () => void, () => void, () => void, () => void, () => void, () => void, () => void, () => void]
    if (r.chance(RATES.nameTypo)) typoC()
    if (r.chance(RATES.middleDrop)) dropC()
    if (r.chance(RATES.middleDropYearOff)) {
      dropC()
      offC()
    }
    if (r.chance(RATES.yearOffByOne)) offC()
    else if (r.chance(RATES.yearDigitsSwapped)) swapYearC()
    if (r.chance(RATES.dayMonthSwap)) swapC()
    else if (r.chance(RATES.dayOff)) dayC()
    if (r.chance(RATES.wrongSex)) sexC()
    if (r.chance(RATES.parentMiddle)) parentMiddleC()
    if (r.chance(RATES.parentTypo)) parentTypoC()
    const extra = r.chance(RATES.threeMore) ? 3 : r.chance(RATES.twoMore) ? 2 : 0
    for (let i = 0; i < extra; i++) r.pick([typoC, dropC, offC, swapC, dayC, parentMiddleC, parentTypoC])()

    let birthDate = `${pad(day)}.${pad(month)}.${year}`
    if (r.chance(RATES.yearOnly)) {
      birthDate = String(year)
      applied.push('yearOnly')
    } else if (r.chance(RATES.monthYear)) {
      birthDate = `${pad(month)}.${year}`
      applied.push('monthYear')
    }
    const fields: Record<string, string> = {
      so: String(so),
      quyenSo: '01',
      trangSo: String(Math.ceil(so / 2)),
      ngayDangKy: `${pad(Math.min(day, 28))}.${pad(month)}.${Math.min(LAST_YEAR, year + r.int(0, 1))}`,
      loaiDangKy: '1',
      nksHoTen: this.written(fullNameOf({ surname, middle, given })),
      nksGioiTinh: sex,
      nksNgaySinh: birthDate,
      nksNoiSinh: r.chance(RATES.hospital) ? `Bệnh viện đa khoa huyện ${p.district}` : `Xã ${p.commune}, huyện ${p.district}, tỉnh ${p.province}`,
      nksDanToc: p.ethnicity,
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
    } else applied.push('noId')
    if (mother !== '' && !r.chance(RATES.missingMother)) {
      fields.meHoTen = this.written(mother)
      Object.assign(fields, { meDanToc: p.ethnicity, meQuocTich: 'Việt Nam', meLoaiCuTru: '1' })
    } else applied.push('missingMother')
    if (father !== '' && !r.chance(RATES.missingFather)) {
      fields.chaHoTen = this.written(father)
      Object.assign(fields, { chaDanToc: p.ethnicity, chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1' })
    } else applied.push('missingFather')
    // Differences of a parent left out of the book are not differences.
    const shown = applied.filter((c) => !(c === 'parentMiddle' && !fields.chaHoTen) && !(c === 'parentTypo' && !fields.meHoTen))
    const truth: EntryTruth = {
      personIndex: inPopulation ? p.index : null,
      personalId: inPopulation ? p.personalId : null,
      expected: inPopulation ? (shown.some((c) => MATERIAL.has(c)) ? 'mismatch' : 'match') : 'not_found',
      corruptions: shown,
    }
    return { fields, truth }
  }
}
