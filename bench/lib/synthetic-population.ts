/**
 * A synthetic population with realistic Vietnamese name frequencies, families and birth dates, and
 * birth-register entries derived from it with realistic corruptions (see corruptions.ts). It keeps
 * the truth: for every entry, which person it is (or that the person is absent from the
 * population) and which outcome a perfect reconciliation would give.
 *
 * People are produced in chunks so that 10 million of them never sit in memory at once; entries
 * are sampled on the way. All people are synthetic.
 */
import { corruptEntry, type EntryTruth } from './corruptions'
import { Random, Weighted } from './random'
import {
  COMMUNES, DISTRICTS, FEMALE_GIVEN, FEMALE_MIDDLE_NEW, FEMALE_MIDDLE_OLD, ID_PROVINCES, MALE_GIVEN, MALE_MIDDLE_NEW,
  MALE_MIDDLE_OLD, OLD_TONE_STYLE, PROVINCES, SURNAMES,
} from './vietnamese-names'

export interface Person {
  index: number
  surname: string
  middle: string
  given: string
  sex: '1' | '2'
  year: number
  month: number
  day: number
  personalId: string
  motherName: string
  fatherName: string
  motherPersonalId?: string
  fatherPersonalId?: string
  commune: string
  district: string
  province: string
  /** Where the family lives now (may differ from the birthplace). */
  residence: string
}

/** One row of a population extract, written the way police data is: capitals, dd/mm/yyyy. */
export interface PopulationRecord {
  personalId: string
  fullName: string
  birthDate: string
  sex: string
  birthplace: string
  homeTown: string
  ethnicity: string
  nationality: string
  motherName: string
  motherPersonalId: string
  fatherName: string
  fatherPersonalId: string
  residence: string
}

export interface SyntheticEntry {
  fields: Record<string, string>
  truth: EntryTruth
}

export interface GeneratorOptions {
  people: number
  entries: number
  seed?: number
  /** Share of entries whose person is not in the population (default 8%). */
  absentShare?: number
}

const surnames = new Weighted(SURNAMES)
const middles = {
  male: { old: new Weighted(MALE_MIDDLE_OLD), new: new Weighted(MALE_MIDDLE_NEW) },
  female: { old: new Weighted(FEMALE_MIDDLE_OLD), new: new Weighted(FEMALE_MIDDLE_NEW) },
}
const givens = { male: new Weighted(MALE_GIVEN), female: new Weighted(FEMALE_GIVEN) }
const LAST_YEAR = 2024

export function fullNameOf(p: { surname: string; middle: string; given: string }): string {
  return [p.surname, p.middle, p.given].filter((w) => w !== '').join(' ')
}

/** The old tone placement (hòa, thủy) word by word. */
export function oldToneStyle(name: string): string {
  return name.split(' ').map((w) => OLD_TONE_STYLE[w] ?? w).join(' ')
}

const pad = (n: number) => String(n).padStart(2, '0')
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

export class SyntheticPopulation {
  private readonly random: Random
  private readonly idCounters = new Map<string, number>()
  private index = 0
  private produced = 0
  private readonly present: Person[] = []
  private readonly absent: Person[] = []
  /** The extract's record of each person sampled for entries (blocking recall), by personal ID. */
  readonly records = new Map<string, PopulationRecord[]>()
  private readonly pPresent: number
  private readonly pAbsent: number
  private readonly targetPresent: number
  private readonly targetAbsent: number

  constructor(private readonly options: GeneratorOptions) {
    this.random = new Random(options.seed ?? 20250701)
    const absentShare = options.absentShare ?? 0.08
    this.targetAbsent = Math.round(options.entries * absentShare)
    this.targetPresent = options.entries - this.targetAbsent
    this.pPresent = Math.min(1, (this.targetPresent * 1.05) / options.people)
    // About one family in twenty is left out of the population (moved away, never registered).
    this.pAbsent = Math.min(1, (this.targetAbsent * 1.3) / (options.people / 19))
  }

  private name(sex: '1' | '2', year: number, surname?: string) {
    const who = sex === '1' ? 'male' : 'female'
    return {
      surname: surname ?? surnames.pick(this.random),
      middle: middles[who][year < 1985 ? 'old' : 'new'].pick(this.random),
      given: givens[who].pick(this.random),
    }
  }

  private personalId(province: string, sex: '1' | '2', year: number): string {
    const g = (year >= 2000 ? 2 : 0) + (sex === '2' ? 1 : 0)
    const prefix = `${province}${g}${pad(year % 100)}`
    const n = (this.idCounters.get(prefix) ?? 0) + 1
    this.idCounters.set(prefix, n)
    return `${prefix}${String(n).padStart(6, '0')}`
  }

  private person(sex: '1' | '2', year: number, place: Pick<Person, 'commune' | 'district' | 'province' | 'residence'>, parents: { mother: string; father: string; motherId?: string; fatherId?: string }, surname?: string, date?: { month: number; day: number }): Person {
    const month = date?.month ?? this.random.int(1, 12)
    const day = date?.day ?? this.random.int(1, daysIn(year, month))
    const idProvince = ID_PROVINCES[PROVINCES.indexOf(place.province)] ?? (ID_PROVINCES[0] as string)
    return {
      index: this.index++,
      ...this.name(sex, year, surname),
      sex,
      year,
      month,
      day,
      personalId: this.personalId(idProvince, sex, year),
      motherName: parents.mother,
      fatherName: parents.father,
      ...place,
      ...(parents.motherId ? { motherPersonalId: parents.motherId } : {}),
      ...(parents.fatherId ? { fatherPersonalId: parents.fatherId } : {}),
    }
  }

  private place() {
    const commune = this.random.pick(COMMUNES)
    return { commune, district: this.random.pick(DISTRICTS), province: this.random.pick(PROVINCES), residence: `Thôn ${this.random.int(1, 12)}, xã ${commune}` }
  }

  /** One household: father, mother, their children (children carry the father's surname). */
  private family(): Person[] {
    const r = this.random
    const fatherYear = r.int(1930, 2000)
    const motherYear = Math.min(2003, fatherYear + r.int(-2, 6))
    const home = this.place()
    const grandparents = (surname?: string) => ({ mother: fullNameOf(this.name('2', fatherYear - 25)), father: fullNameOf(this.name('1', fatherYear - 28, surname)) })
    const fatherSurname = surnames.pick(r)
    const father = this.person('1', fatherYear, r.chance(0.7) ? home : this.place(), grandparents(fatherSurname), fatherSurname)
    const mother = this.person('2', motherYear, r.chance(0.5) ? home : this.place(), grandparents())
    const people = [father, mother]
    const children = r.int(0, 4)
    let twin: { month: number; day: number; year: number } | undefined
    for (let i = 0; i < children; i++) {
      const year = twin?.year ?? motherYear + r.int(19, 40)
      if (year > LAST_YEAR) continue
      const sex = r.chance(0.51) ? '1' : '2'
      const parents = { mother: fullNameOf(mother), father: fullNameOf(father), motherId: mother.personalId, fatherId: father.personalId }
      const child = this.person(sex, year, home, parents, father.surname, twin)
      people.push(child)
      twin = r.chance(0.012) ? { month: child.month, day: child.day, year } : undefined
    }
    return people
  }

  /** Records of the population, `size` at a time, until `people` have been produced. */
  *chunks(size = 5000): Generator<PopulationRecord[]> {
    let chunk: PopulationRecord[] = []
    while (this.produced < this.options.people) {
      const family = this.family()
      if (this.random.chance(1 / 20)) {
        for (const p of family) if (this.random.chance(this.pAbsent)) this.absent.push(p)
        continue
      }
      for (const p of family) {
        if (this.produced >= this.options.people) break
        this.produced++
        const record = this.record(p)
        chunk.push(record)
        if (this.random.chance(this.pPresent)) {
          this.present.push(p)
          this.records.set(p.personalId, [record])
        }
        if (chunk.length >= size) {
          yield chunk
          chunk = []
        }
      }
    }
    if (chunk.length > 0) yield chunk
  }

  private record(p: Person): PopulationRecord {
    const r = this.random
    const upper = (s: string) => (r.chance(0.5) ? oldToneStyle(s) : s).toUpperCase()
    // A few old people are known only by their birth year.
    const birthDate = p.year < 1945 && r.chance(0.05) ? String(p.year) : `${pad(p.day)}/${pad(p.month)}/${p.year}`
    return {
      personalId: p.personalId,
      fullName: upper(fullNameOf(p)),
      birthDate,
      sex: p.sex === '1' ? 'Nam' : 'Nữ',
      birthplace: `Xã ${p.commune}, Huyện ${p.district}, Tỉnh ${p.province}`,
      homeTown: `Xã ${p.commune}, Tỉnh ${p.province}`,
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      motherName: upper(p.motherName),
      motherPersonalId: p.motherPersonalId ?? '',
      fatherName: upper(p.fatherName),
      fatherPersonalId: p.fatherPersonalId ?? '',
      residence: p.residence,
    }
  }

  /** Entries of a birth register, after the whole population has been produced. */
  entries(): SyntheticEntry[] {
    while (this.absent.length < this.targetAbsent) {
      for (const p of this.family()) this.absent.push(p)
    }
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
    return shuffle(chosen).map(({ p, inPopulation }, i) => corruptEntry(r, p, inPopulation, i + 1))
  }
}
