/**
 * The Fellegi-Sunter model: for each field and each level of agreement, m = how often a true pair
 * (the same person) shows that level, u = how often two different people do. A field contributes
 * log2(m / u) points: agreeing on "Nguyễn Thị Lan" (thousands of people) counts far less than
 * agreeing on a rare name, because u is read from the population's own value frequencies.
 *
 * m-probabilities are priors, written down here and checked by the reconciliation benchmark
 * (bench/reconcile.ts) on a synthetic population with realistic corruptions; u-probabilities come
 * from the frequencies of the population data being searched (FrequencyTable).
 */
import type { DateLevel } from './dates'
import type { NameLevel } from './names'
import { placeChain, type PlaceLevel } from './places'

/** Value frequencies kept per population extract (see statKeysOf). */
/**
 * Day-of-year frequencies are not kept: births spread nearly evenly over a year, so agreeing on a
 * full date is weighed by the year's share of the population divided by 365.
 */
/**
 * 'place': the most specific part of a birthplace (the commune); 'area': every wider part (district,
 * province), counted once per record and part; 'placeFull': the whole place when it has a wider part
 * ("an phu|dong son|son ha", see comparePlaces "full").
 */
export const STAT_KINDS = ['name', 'sg', 'surname', 'year', 'mother', 'father', 'place', 'area', 'placeFull'] as const
export type StatKind = (typeof STAT_KINDS)[number]

export interface FrequencyTable {
  /** People in the population searched. */
  readonly total: number
  /** People whose value of this kind is `key` (0 when unknown). */
  count(kind: StatKind, key: string): number
}

/**
 * Shares used when no frequencies are known (an online lookup service gives candidates, not
 * statistics): a typical commune-sized spread of names and dates.
 */
const DEFAULT_SHARES: Record<StatKind, number> = {
  name: 0.0005,
  sg: 0.002,
  surname: 0.1,
  year: 0.015,
  mother: 0.0005,
  father: 0.0005,
  place: 0.2,
  area: 0.1,
  placeFull: 0.05,
}

export function defaultFrequencies(total: number): FrequencyTable {
  return { total, count: (kind) => DEFAULT_SHARES[kind] * total }
}

/** In-memory table, e.g. from rows of the statistics table or built by a test. */
export function frequencyTable(total: number, counts: Iterable<[StatKind, string, number]>): FrequencyTable {
  const map = new Map<string, number>()
  for (const [kind, key, n] of counts) map.set(`${kind}\u0001${key}`, (map.get(`${kind}\u0001${key}`) ?? 0) + n)
  return { total, count: (kind, key) => map.get(`${kind}\u0001${key}`) ?? 0 }
}

type NameM = Record<NameLevel, number>

/** Registered person's name: books are copied by hand, so a few true pairs differ. */
export const M_NAME: NameM = { exact: 0.9, unaccented: 0.9, accents: 0.01, middle: 0.03, otherMiddle: 0.01, similar: 0.03, garbled: 0.01, otherGiven: 0.002, different: 0.02 }
/** Parents' names are written less carefully (middle names dropped, older spellings). */
export const M_PARENT: NameM = { exact: 0.85, unaccented: 0.85, accents: 0.01, middle: 0.05, otherMiddle: 0.02, similar: 0.04, garbled: 0.01, otherGiven: 0.01, different: 0.03 }
/** Both dates to the day. */
export const M_DATE_FULL: Record<Exclude<DateLevel, 'compatible'>, number> = { exact: 0.9, swapped: 0.02, near: 0.03, sameYear: 0.02, different: 0.03 }
/** One side only month/year or year. */
export const M_DATE_PARTIAL: Record<Exclude<DateLevel, 'exact' | 'swapped'>, number> = { compatible: 0.95, near: 0.02, sameYear: 0.01, different: 0.02 }
export const M_SEX = { agree: 0.98, disagree: 0.02 } as const
export const M_PERSONAL_ID = { agree: 0.97, disagree: 0.03 } as const
/** Birthplaces are written in many ways (hospital, commune, old unit names): weak evidence. */
export const M_PLACE: Record<PlaceLevel, number> = { full: 0.5, same: 0.25, area: 0.05, different: 0.2 }
/**
 * u of a wider part ('area') when the extract has no 'area' frequencies (loaded before they were
 * counted): about a district's share of a province. Never 1/N: the candidate itself names the part.
 */
export const AREA_SHARE_UNKNOWN = 0.1
/** Chance that two different people's names differ by one letter in one word (Hải/Hậu, Lan/Lâm). */
export const U_SIMILAR_NAME = 0.002
/** Chance that another person's given name (same surname) is within two slips of a garbled word ("Tquqg"): short names are many. */
export const U_GARBLED_NAME = 0.01
/** About this many days are "one part off" from a given date (day, month or year digit). */
export const NEAR_DATES = 40

/** The m-probabilities scoring uses: the priors above, or those learned on a run's data (learn.ts). */
export interface MatchModel {
  name: NameM
  mother: NameM
  father: NameM
  dateFull: Record<Exclude<DateLevel, 'compatible'>, number>
  datePartial: Record<Exclude<DateLevel, 'exact' | 'swapped'>, number>
  sex: { agree: number; disagree: number }
  personalId: { agree: number; disagree: number }
  place: Record<PlaceLevel, number>
}
export type ModelField = keyof MatchModel

export const PRIOR_MODEL: MatchModel = {
  name: M_NAME, mother: M_PARENT, father: M_PARENT, dateFull: M_DATE_FULL, datePartial: M_DATE_PARTIAL, sex: M_SEX, personalId: M_PERSONAL_ID, place: M_PLACE,
}

/**
 * Levels that say the two sides agree, and levels that say they disagree (a middle name other
 * than the book's is a disagreement: "Nguyễn Văn Hùng" is not "Nguyễn Đức Hùng"; a date agreeing
 * only in its year is one too). An agreement never weighs below 0 and a disagreement never above
 * 0, whatever the frequencies or the learned m say; the levels between (a dropped Văn/Thị, a
 * letter off, a swapped or near date) weigh what the data says.
 */
const NAME_AGREE = ['exact', 'unaccented']
const NAME_DISAGREE = ['otherMiddle', 'otherGiven', 'different']
export const AGREEMENT_LEVELS: Readonly<Record<ModelField, readonly string[]>> = {
  name: NAME_AGREE, mother: NAME_AGREE, father: NAME_AGREE, dateFull: ['exact'], datePartial: ['compatible'], sex: ['agree'], personalId: ['agree'], place: ['full', 'same', 'area'],
}
export const DISAGREEMENT_LEVELS: Readonly<Record<ModelField, readonly string[]>> = {
  name: NAME_DISAGREE, mother: NAME_DISAGREE, father: NAME_DISAGREE, dateFull: ['sameYear', 'different'], datePartial: ['sameYear', 'different'], sex: ['disagree'], personalId: ['disagree'], place: ['different'],
}

/** log2(m/u), bounded by the level's sense (see AGREEMENT_LEVELS). */
export function levelWeight(field: ModelField, level: string, m: number, u: number): number {
  return bySense(levelSense(field, level), log2Ratio(m, u))
}

/** How a level's weight is bounded (see AGREEMENT_LEVELS): -1 a disagreement (≤ 0), 1 an agreement (≥ 0), 0 free. */
export function levelSense(field: ModelField, level: string): -1 | 0 | 1 {
  if (DISAGREEMENT_LEVELS[field].includes(level)) return -1
  if (AGREEMENT_LEVELS[field].includes(level)) return 1
  return 0
}

/** A weight bounded by its level's sense (levelSense). */
export function bySense(sense: -1 | 0 | 1, weight: number): number {
  return sense < 0 ? Math.min(0, weight) : sense > 0 ? Math.max(0, weight) : weight
}

export function log2Ratio(m: number, u: number): number {
  const safeU = Math.min(Math.max(u, 1e-12), 1)
  return Math.log2(m / safeU)
}

/** Share of the population with this value; never 0 (the value exists at least once if it agrees). */
export function share(freq: FrequencyTable, kind: StatKind, key: string): number {
  if (freq.total <= 0) return 1
  return Math.min(1, Math.max(freq.count(kind, key), 1) / freq.total)
}

/** (kind, key) pairs a population record adds to the frequency table; the server's SQL computes the same. */
export function populationStatKeys(person: {
  name?: { folded: string; surname: string; given: string }
  birth?: { year: number }
  mother?: { folded: string }
  father?: { folded: string }
  birthplace?: readonly string[]
}): Array<[StatKind, string]> {
  const keys: Array<[StatKind, string]> = []
  if (person.name) keys.push(['name', person.name.folded], ['sg', `${person.name.surname} ${person.name.given}`], ['surname', person.name.surname])
  if (person.birth) {
    keys.push(['year', String(person.birth.year)])
  }
  if (person.mother) keys.push(['mother', person.mother.folded])
  if (person.father) keys.push(['father', person.father.folded])
  const [first, ...wider] = person.birthplace ?? []
  if (first) keys.push(['place', first])
  for (const part of new Set(wider)) if (part !== first) keys.push(['area', part])
  if (first && wider.length > 0) keys.push(['placeFull', placeChain(person.birthplace ?? [])])
  return keys
}

/** Frequencies of an in-memory population (tests, small lists). */
export function frequenciesOf(people: readonly Parameters<typeof populationStatKeys>[0][]): FrequencyTable {
  return frequencyTable(people.length, people.flatMap((p) => populationStatKeys(p).map(([k, v]): [StatKind, string, number] => [k, v, 1])))
}
