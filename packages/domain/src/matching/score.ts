/**
 * Scores one (entry, candidate) pair field by field and explains every point: which fields agreed,
 * which did not, how much each counted. A field missing on either side counts 0.
 */
import { compareDates, DATE_LEVELS, twoSlipsApart, type DateLevel, type DateParts } from './dates'
import {
  levelWeight,
  NEAR_DATES,
  PRIOR_MODEL,
  type MatchModel,
  populationStatKeys,
  share,
  U_GARBLED_NAME,
  U_SIMILAR_NAME,
  AREA_SHARE_UNKNOWN,
  type FrequencyTable,
  type StatKind,
} from './model'
import { compareNames, NAME_LEVELS, type NameComparison, type NameLevel, type PreparedName } from './names'
import type { MatchPerson } from './person'
import { originWeight, type OriginField } from './origin'
import { comparePlaces, PLACE_LEVELS, placeChainsOf, type PlaceLevel } from './places'

export const MATCH_FIELDS = {
  personalId: 'Số định danh cá nhân',
  name: 'Họ, chữ đệm, tên',
  birthDate: 'Ngày sinh',
  sex: 'Giới tính',
  mother: 'Họ tên mẹ',
  father: 'Họ tên cha',
  birthplace: 'Nơi sinh',
  ethnicity: 'Dân tộc',
  nationality: 'Quốc tịch',
} as const
export type MatchField = keyof typeof MATCH_FIELDS

const SIMPLE_LEVELS = { agree: 'Giống', disagree: 'Khác', missing: 'Một bên không có' } as const

export interface FieldScore {
  field: MatchField
  /** Level code: a name, date or place level, or agree/disagree, or 'missing'. */
  level: string
  /** Vietnamese label of the level. */
  label: string
  /** log2(m/u) points, rounded to 0.1. */
  weight: number
  /** True when the two sides differ in a way that makes a found person a mismatch (DOMAIN.md §9). */
  differs: boolean
  /** The u-probability the weight was worked out with (kept for learning m, never stored). */
  u?: number
  /** Birth date compared on a partial date (one side month/year or year): the model's partial table. */
  partial?: boolean
  note?: string
}

export interface PairScore {
  /** Sum of the field weights. */
  weight: number
  fields: FieldScore[]
  /** Both sides carry the same personal ID number. */
  sameId: boolean
}

const round = (x: number) => Math.round(x * 10) / 10

/** The note of a birth date two keying slips from the book's (twoSlipsApart): weighed as "different", never "not found" for that alone. */
export const TWO_DATE_SLIPS = 'Hai lỗi ghi: năm lệch một chữ số, và ngày hoặc tháng khác hoặc đảo chỗ'
/** A date field's result is remembered by its level, or as two slips (a "different" date with TWO_DATE_SLIPS). */
type DateKey = DateLevel | 'twoSlips'
const NAME_DIFFERS: ReadonlySet<NameLevel> = new Set(['accents', 'middle', 'otherMiddle', 'similar', 'garbled', 'otherGiven', 'different'])

const MISSING: Readonly<Record<MatchField, FieldScore>> = Object.fromEntries(
  (Object.keys(MATCH_FIELDS) as MatchField[]).map((field) => [field, Object.freeze({ field, level: 'missing', label: SIMPLE_LEVELS.missing, weight: 0, differs: false })]),
) as Record<MatchField, FieldScore>

function nameU(level: NameLevel, freq: FrequencyTable, kind: StatKind, value: PreparedName, sgKind: StatKind | undefined): number {
  switch (level) {
    case 'exact':
    case 'unaccented':
    case 'accents':
      return share(freq, kind, value.folded)
    case 'middle':
    case 'otherMiddle':
      // Parents have no surname+given statistics: about five full names share one (surname, given).
      return sgKind ? share(freq, sgKind, `${value.surname} ${value.given}`) : Math.min(1, 5 * share(freq, kind, value.folded))
    case 'similar':
      return U_SIMILAR_NAME
    case 'garbled':
      return U_GARBLED_NAME
    case 'otherGiven':
    case 'different':
      return 0.99
  }
}

function nameScore(model: MatchModel, field: 'name' | 'mother' | 'father', entry: PreparedName, level: NameLevel, note: string | undefined, freq: FrequencyTable, uFactor: number): FieldScore {
  const m = model[field][level]
  const factor = NAME_DIFFERS.has(level) && level !== 'accents' ? 1 : uFactor
  const u = Math.min(1, nameU(level, freq, field, entry, field === 'name' ? 'sg' : undefined) * factor)
  return { field, level, label: NAME_LEVELS[level], weight: round(levelWeight(field, level, m, u)), u, differs: NAME_DIFFERS.has(level), ...(note ? { note } : {}) }
}

function dateScore(model: MatchModel, a: DateParts, level: DateLevel, full: boolean, monthKnown: boolean, freq: FrequencyTable): FieldScore {
  const M_DATE_FULL = model.dateFull
  const M_DATE_PARTIAL = model.datePartial
  const yearShare = share(freq, 'year', String(a.year))
  const dayShare = yearShare / 365
  let m: number
  let u: number
  switch (level) {
    case 'exact':
      ;[m, u] = [M_DATE_FULL.exact, dayShare]
      break
    case 'compatible':
      ;[m, u] = [M_DATE_PARTIAL.compatible, monthKnown ? yearShare / 12 : yearShare]
      break
    case 'swapped':
      ;[m, u] = [M_DATE_FULL.swapped, dayShare]
      break
    case 'near':
      ;[m, u] = full ? [M_DATE_FULL.near, Math.min(1, NEAR_DATES * dayShare)] : [M_DATE_PARTIAL.near, Math.min(1, 2 * yearShare)]
      break
    case 'sameYear':
      ;[m, u] = [full ? M_DATE_FULL.sameYear : M_DATE_PARTIAL.sameYear, yearShare]
      break
    case 'different':
      ;[m, u] = [full ? M_DATE_FULL.different : M_DATE_PARTIAL.different, 1 - yearShare]
      break
  }
  const differs = level !== 'exact' && level !== 'compatible'
  return { field: 'birthDate', level, label: DATE_LEVELS[level], weight: round(levelWeight(full ? 'dateFull' : 'datePartial', level, m, u)), u, differs, ...(full ? {} : { partial: true }) }
}

export type EntryScorer = (candidate: MatchPerson) => PairScore

/** A value made once per key for the life of the returned function (one entry's scoring). */
function memoized<K, V>(): (key: K, make: () => V) => V {
  const memo = new Map<K, V>()
  return (key, make) => {
    let value = memo.get(key)
    if (value === undefined) memo.set(key, (value = make()))
    return value
  }
}

/**
 * Scores candidates against one entry. Every weight depends only on the entry's values, the field
 * and the level of agreement, so each field result is worked out once per entry and shared by all
 * candidates that reach the same level (an entry meets tens of candidates in a large population).
 * The father's name is not independent of the person's: a child usually carries the father's
 * surname, so when the surnames agree the father's agreement is discounted by how common that
 * surname is.
 */
export function entryScorer(entry: MatchPerson, freq: FrequencyTable, model: MatchModel = PRIOR_MODEL): EntryScorer {
  // Field results remembered by what decides them: the comparison result (one of compareNames' few
  // results), the date level and sides' precision, the place level and part. No key is built per
  // candidate: strings made for tens of candidates per entry were a large share of scoring's garbage.
  const remembered = <K>() => memoized<K, FieldScore>()
  // Names compared once per entry and candidate's name: prepared names are shared (prepareName
  // remembers them), and the parents of the candidates a key brings often recur (siblings, the
  // father the father key searched).
  const comparer = (own: PreparedName) => {
    const memo = memoized<PreparedName, NameComparison>()
    return (other: PreparedName): NameComparison => memo(other, () => compareNames(own, other))
  }
  const nameOnce = remembered<NameComparison>()
  const motherOnce = remembered<NameComparison>()
  const fatherOnce = remembered<NameComparison>()
  const fatherDiscountedOnce = remembered<NameComparison>()
  // By the sides' precision (both to the day; both with a month), then level.
  const [dateFullMonth, dateFull, dateMonth, dateYear] = [remembered<DateKey>(), remembered<DateKey>(), remembered<DateKey>(), remembered<DateKey>()]
  const placeOnce = { full: remembered<string>(), same: remembered<string>(), area: remembered<string>(), different: remembered<string>() }
  const once = remembered<string>()
  const { name, birth, mother, father, birthplace } = entry
  // Books name hospitals where the population data names the commune: a different place is reported, never a mismatch by itself.
  const placeScore = (level: PlaceLevel, part: string | undefined): FieldScore => {
    // An extract loaded before whole places were counted: the commune's name alone (the chain's first part), as then.
    if (level === 'full' && freq.count('placeFull', part ?? '') === 0) return placeScore('same', part?.split('|')[0])
    const own = birthplace?.[0] ?? ''
    const u = level === 'full' ? share(freq, 'placeFull', part ?? '') : level === 'same' ? placeShare(part ?? own) : level === 'area' ? areaShare(part ?? own) : Math.max(0.05, 1 - placeShare(own))
    return { field: 'birthplace', level, label: PLACE_LEVELS[level], weight: round(levelWeight('place', level, model.place[level], u)), u, differs: false }
  }
  const compareName = name ? comparer(name) : undefined
  const compareMother = mother ? comparer(mother) : undefined
  const compareFather = father ? comparer(father) : undefined
  const fatherCarriesSurname = Boolean(name && father && father.surname === name.surname)
  const surnameFactor = name ? 1 / share(freq, 'surname', name.surname) : 1
  const placeShare = (part: string) => share(freq, 'place', part)
  // A wider part both name: the share of records naming it as a wider part (see AREA_SHARE_UNKNOWN).
  const areaShare = (part: string) => {
    const n = freq.count('area', part)
    return n > 0 && freq.total > 0 ? Math.min(1, n / freq.total) : AREA_SHARE_UNKNOWN
  }
  /** Dân tộc and quốc tịch: compared on their codes when both sides have one (see origin.ts). */
  const origin = (field: OriginField, other: string | undefined): FieldScore => {
    const own = entry[field]
    if (!own || !other) return MISSING[field]
    const agree = own === other
    return once(field === 'ethnicity' ? (agree ? 'oe+' : 'oe-') : agree ? 'on+' : 'on-', () => ({ field, level: agree ? 'agree' : 'disagree', label: agree ? SIMPLE_LEVELS.agree : SIMPLE_LEVELS.disagree, weight: round(originWeight(field, own, agree)), differs: !agree }))
  }

  return (candidate) => {
    const sameId = entry.personalId !== undefined && entry.personalId === candidate.personalId
    const fields: FieldScore[] = [
      !entry.personalId || !candidate.personalId
        ? MISSING.personalId
        : sameId
          ? once('id+', () => ({ field: 'personalId', level: 'agree', label: SIMPLE_LEVELS.agree, weight: round(levelWeight('personalId', 'agree', model.personalId.agree, 1 / Math.max(freq.total, 1))), u: 1 / Math.max(freq.total, 1), differs: false }))
          : once('id-', () => ({ field: 'personalId', level: 'disagree', label: SIMPLE_LEVELS.disagree, weight: round(levelWeight('personalId', 'disagree', model.personalId.disagree, 1)), u: 1, differs: true })),
    ]
    if (name && compareName && candidate.name) {
      const comparison = compareName(candidate.name)
      fields.push(nameOnce(comparison, () => nameScore(model, 'name', name, comparison.level, comparison.note, freq, 1)))
    } else fields.push(MISSING.name)
    if (birth && candidate.birth) {
      const level = compareDates(birth, candidate.birth)
      const full = birth.day !== undefined && candidate.birth.day !== undefined
      const monthKnown = birth.month !== undefined && candidate.birth.month !== undefined
      const slips = twoSlipsApart(birth, candidate.birth, level)
      fields.push((full ? (monthKnown ? dateFullMonth : dateFull) : monthKnown ? dateMonth : dateYear)(slips ? 'twoSlips' : level, () => {
        const score = dateScore(model, birth, level, full, monthKnown, freq)
        return slips ? { ...score, note: TWO_DATE_SLIPS } : score
      }))
    } else fields.push(MISSING.birthDate)
    if (entry.sex && candidate.sex) {
      const agree = entry.sex === candidate.sex
      fields.push(once(agree ? 's+' : 's-', () => ({ field: 'sex', level: agree ? 'agree' : 'disagree', label: agree ? SIMPLE_LEVELS.agree : SIMPLE_LEVELS.disagree, weight: round(levelWeight('sex', agree ? 'agree' : 'disagree', agree ? model.sex.agree : model.sex.disagree, 0.5)), u: 0.5, differs: !agree })))
    } else fields.push(MISSING.sex)
    if (mother && compareMother && candidate.mother) {
      const comparison = compareMother(candidate.mother)
      fields.push(motherOnce(comparison, () => nameScore(model, 'mother', mother, comparison.level, comparison.note, freq, 1)))
    } else fields.push(MISSING.mother)
    if (father && compareFather && candidate.father) {
      const comparison = compareFather(candidate.father)
      const discounted = fatherCarriesSurname && candidate.name?.surname === name?.surname
      fields.push((discounted ? fatherDiscountedOnce : fatherOnce)(comparison, () => nameScore(model, 'father', father, comparison.level, comparison.note, freq, discounted ? surnameFactor : 1)))
    } else fields.push(MISSING.father)
    if (birthplace && candidate.birthplace) {
      const { level, part } = comparePlaces(birthplace, candidate.birthplace)
      fields.push(placeOnce[level](part ?? '', () => placeScore(level, part)))
    } else fields.push(MISSING.birthplace)
    fields.push(origin('ethnicity', candidate.ethnicity), origin('nationality', candidate.nationality))
    let weight = 0
    for (const f of fields) weight += f.weight
    return { weight: round(weight), fields, sameId }
  }
}

/** Weights of one pair (see entryScorer, which serves many candidates of one entry). */
export function scorePair(entry: MatchPerson, candidate: MatchPerson, freq: FrequencyTable, model: MatchModel = PRIOR_MODEL): PairScore {
  return entryScorer(entry, freq, model)(candidate)
}

/** (kind, key) pairs whose frequencies scoring an entry will ask for (the keys a record adds): fetch them in one query. */
export function statKeysOf(person: MatchPerson): Array<[StatKind, string]> {
  // An entry's place parts may agree with a record's commune ('place') or wider part ('area') at any rank, and its
  // endings with a record's whole place ('placeFull').
  const keys = populationStatKeys({ ...person, birthplace: undefined })
  for (const part of new Set(person.birthplace ?? [])) keys.push(['place', part], ['area', part])
  for (const chain of placeChainsOf(person.birthplace ?? [])) keys.push(['placeFull', chain])
  return keys
}

/** Vietnamese label of a stored level code (results keep codes, not labels). */
export function levelLabel(field: MatchField, level: string): string {
  const table: Record<string, string> =
    field === 'birthDate' ? DATE_LEVELS : field === 'birthplace' ? PLACE_LEVELS : field === 'name' || field === 'mother' || field === 'father' ? NAME_LEVELS : {}
  return table[level] ?? (SIMPLE_LEVELS as Record<string, string>)[level] ?? level
}

/**
 * How much a field weighed, in words for the officer (points are log2 of a likelihood ratio: +10
 * means the agreement is about a thousand times likelier for the same person than for another).
 */
export function weightWords(weight: number, missing = false): string {
  if (missing) return 'Không tính (một bên không có)'
  const abs = Math.abs(weight)
  if (abs < 1) return 'Hầu như không ảnh hưởng'
  const strength = abs >= 10 ? 'rất mạnh' : abs >= 5 ? 'mạnh' : 'ít'
  return weight > 0 ? `Ủng hộ ${strength} là cùng người` : `Chống ${strength}: dấu hiệu là người khác`
}
