/**
 * From scored candidates to one of the procedure's outcomes (DOMAIN.md §9). Each candidate's
 * weight W becomes a probability that it is the entry's person:
 *
 *   P(i) = 2^W(i) / ( N·(1−π)/π + Σ_j 2^W(j) )
 *
 * with N the number of people searched and π the share of entries whose person is in the
 * population data (the prior). Two equally good candidates split the probability between them,
 * so two "Nguyễn Văn Hùng" born the same year can never be linked automatically: they are
 * "ambiguous", for a person to choose.
 */
import { NAME_TWO_SLIPS, NAME_TWO_WORD_SLIPS } from './names'
import { TWO_DATE_SLIPS, type FieldScore, type MatchField, type PairScore } from './score'
import { DISAGREEMENT_LEVELS } from './model'

export const MATCH_OUTCOMES = {
  match: 'Khớp',
  mismatch: 'Tìm thấy nhưng có sai lệch',
  not_found: 'Không tìm thấy',
  ambiguous: 'Nhiều người giống, cần chọn',
  not_checked: 'Chưa đối chiếu được',
} as const
export type MatchOutcome = keyof typeof MATCH_OUTCOMES
export const MATCH_OUTCOME_CODES = Object.keys(MATCH_OUTCOMES) as MatchOutcome[]

/** What a person made of the proposed outcome; the proposal stays beside the decision. */
export const MATCH_DECISIONS = {
  pending: 'Chờ người xác nhận',
  confirmed: 'Đã xác nhận đề xuất',
  overridden: 'Đã quyết định khác đề xuất',
} as const
export type MatchDecision = keyof typeof MATCH_DECISIONS
export const MATCH_DECISION_CODES = Object.keys(MATCH_DECISIONS) as MatchDecision[]

/** The outcomes a person may decide: "ambiguous" and "not checked" are open questions, never answers. */
export const DECIDED_OUTCOME_CODES = ['match', 'mismatch', 'not_found'] as const satisfies readonly MatchOutcome[]
export type DecidedOutcome = (typeof DECIDED_OUTCOME_CODES)[number]

export interface MatchSettings {
  /** A candidate at or above this probability is proposed as the person (match or mismatch). */
  linkProbability: number
  /** Below the link level, candidates together at or above this are shown for a person to choose. */
  reviewProbability: number
  /** Share of entries expected to be in the population data (π). */
  priorInPopulation: number
}

/**
 * The link level keeps wrong personal IDs rare: 1.3 and 1.2 per 10,000 links on two seeds of the harder benchmark at 1M
 * people (docs/PERFORMANCE.md, "Precision and recall by link level" and "A birth date altogether another one", gives what a
 * lower level buys: at 0.7, recall 99.53% for 4.0 wrong per 10,000 on one seed, 99.47% for 3.6 on the other). A province
 * admin may change them.
 */
export const DEFAULT_MATCH_SETTINGS: MatchSettings = { linkProbability: 0.98, reviewProbability: 0.3, priorInPopulation: 0.9 }

export const MATCH_SETTING_LIMITS = {
  linkProbability: [0.5, 0.99999],
  reviewProbability: [0.01, 0.99],
  priorInPopulation: [0.05, 0.99],
} as const

/** Vietnamese message when settings are inconsistent, or undefined. */
export function checkMatchSettings(s: MatchSettings): string | undefined {
  for (const [key, [min, max]] of Object.entries(MATCH_SETTING_LIMITS) as [keyof MatchSettings, readonly [number, number]][]) {
    const value = s[key]
    if (!(value >= min && value <= max)) return `Giá trị ${key} phải từ ${min} đến ${max}`
  }
  if (s.reviewProbability >= s.linkProbability) return 'Ngưỡng xem xét phải nhỏ hơn ngưỡng đề xuất khớp'
  return undefined
}

export interface RankedCandidate {
  index: number
  probability: number
}

export interface Decision {
  outcome: Exclude<MatchOutcome, 'not_checked'>
  /** Candidates by decreasing probability (all of them). */
  ranked: RankedCandidate[]
  /** The proposed person for match / mismatch. */
  chosen?: number
  /** Fields that differ between the book and the proposed person (mismatch). */
  differences: MatchField[]
}

export function probabilities(scores: readonly PairScore[], populationSize: number, prior: number): number[] {
  return linkProbabilities(scores.map((s) => s.weight), populationSize, prior)
}

/** P(i) of candidates by their weights W(i) (see probabilities). */
export function linkProbabilities(weights: readonly number[], populationSize: number, prior: number): number[] {
  if (weights.length === 0) return []
  // Work relative to the best weight so that 2^W never overflows.
  const top = Math.max(...weights)
  const absent = (Math.max(populationSize, 1) * (1 - prior)) / prior
  const scaled = weights.map((w) => Math.pow(2, w - top))
  const denominator = absent * Math.pow(2, -top) + scaled.reduce((a, b) => a + b, 0)
  return scaled.map((x) => x / denominator)
}

const FULL_DISAGREEMENT = new Set(['otherGiven', 'different'])

/**
 * Two slips in one field, weighed as a disagreement: a date a year off and a day off (or day and month swapped), a
 * name without its middle and one letter off, or two of its words one letter off each.
 */
const twoSlips = (f: FieldScore) => f.note === TWO_DATE_SLIPS || f.note === NAME_TWO_SLIPS || f.note === NAME_TWO_WORD_SLIPS

/**
 * What a relative missing from the extract looks like (issue 15), never proposed as the person by
 * itself, whatever the weights: "ambiguous", for a person to decide.
 * - a given name that disagrees completely (not a slip of the key, not diacritics, not a dropped
 *   middle name): a twin or a sibling, with the same parents, surname and often the same date;
 * - another middle name ("Nguyễn Văn Hùng" / "Nguyễn Đức Hùng") on a birth date that agrees only
 *   in part: a namesake cousin;
 * - a present parent whose name disagrees completely, on a birth date that agrees only in part:
 *   a sibling, a half-sibling or a cousin of the same name;
 * - a given name garbled by the keyer ("Lna", "Hlng": level "garbled") on a birth date that agrees
 *   only in part: a sibling's name may be as near as the person's own;
 * - a birth date that is another one altogether (not two keying slips from the book's): a brother
 *   or sister given the same name, whose name and parents outweigh the date (issue 15, 1M people,
 *   seed 7: 4 wrong of the 18 links at p >= 0.98 that had it, against 15 of 91,003 for all links).
 * The personal ID written in the book and held by the candidate settles it.
 */
export function relativeRisk(score: PairScore | undefined): boolean {
  if (!score || score.sameId) return false
  const name = score.fields.find((f) => f.field === 'name')
  if (name?.level === 'otherGiven') return true
  const date = score.fields.find((f) => f.field === 'birthDate')
  if (date?.level === 'different' && !twoSlips(date)) return true
  const partialDate = date === undefined || date.level !== 'exact'
  if (!partialDate) return false
  if (name?.level === 'otherMiddle' || name?.level === 'garbled') return true
  return score.fields.some((f) => (f.field === 'mother' || f.field === 'father') && FULL_DISAGREEMENT.has(f.level))
}

const PARENT_AGREES = new Set(['exact', 'unaccented', 'accents', 'middle', 'similar'])

/**
 * A person found only through the loose keys (a name mistyped or a year off: see blockingKeys)
 * disagrees with the book on a name and on the date or a parent, or a stricter key would have
 * found them. Such a candidate is proposed only when a parent the book names agrees with the
 * population data (or the personal ID settles it) and the birth date is not another one
 * altogether; otherwise the entry is "ambiguous", for a person to decide, with the candidate shown.
 * When no parent can be compared (the book names none, or the population data has none), the
 * probability decides as for any candidate (issue 15, 1M people / 100k entries: proposing them
 * gave 24 right links more and no wrong one at the default link level, 88 and 3 wrong at 0.7;
 * docs/PERFORMANCE.md). The date rule is for brothers and
 * sisters: the parents' keys of the loose stage reach the years two off (person.ts), where a sibling
 * named one letter from the book ("Minh" for "Linh") agrees on both parents, and at 1M people the
 * true person with a mistyped name and a year miscopied that far scores as high.
 * `firstLoose` is the index of the first candidate the loose stage added.
 */
export function corroborated(decision: Decision, scores: readonly PairScore[], firstLoose: number): Decision {
  if (decision.chosen === undefined || decision.chosen < firstLoose) return decision
  const score = scores[decision.chosen]
  if (!score || score.sameId) return decision
  const parents = score.fields.filter((f) => f.field === 'mother' || f.field === 'father')
  const parentAgrees = parents.some((f) => PARENT_AGREES.has(f.level)) || parents.every((f) => f.level === 'missing')
  const otherDate = score.fields.some((f) => f.field === 'birthDate' && f.level === 'different')
  return parentAgrees && !otherDate ? decision : { outcome: 'ambiguous', ranked: decision.ranked, differences: [] }
}

/**
 * Levels that say the two are other people, not one person written with a slip (see onlySlips): the
 * model's disagreement levels, but for the parents only a name that disagrees completely (their
 * middle names are often written otherwise), and another ethnicity. Not the sex: it is one code
 * keyed among two (issue 15: 4 present people at 1M were sent to "not found" for it alone, and no
 * absent one had it as its only difference), and a twin of the other sex has another given name.
 */
const CONTRADICTS: Readonly<Partial<Record<MatchField, ReadonlySet<string>>>> = {
  name: new Set(DISAGREEMENT_LEVELS.name),
  mother: FULL_DISAGREEMENT,
  father: FULL_DISAGREEMENT,
  birthDate: new Set(DISAGREEMENT_LEVELS.dateFull),
  personalId: new Set(DISAGREEMENT_LEVELS.personalId),
  ethnicity: new Set(['disagree']),
  birthplace: new Set(DISAGREEMENT_LEVELS.place),
}

/**
 * Every field agrees, is missing, or differs only as keying does (a dropped Văn/Thị, a slip, a date one part off, or
 * two slips in one field: see twoSlips).
 */
export function onlySlips(score: PairScore | undefined): boolean {
  return score !== undefined && score.fields.every((f) => !CONTRADICTS[f.field]?.has(f.level) || twoSlips(f))
}

/**
 * A candidate whose every difference is a keying slip is shown to a person even below the review
 * level, down to this probability: "not found" makes the entry a new person in the population
 * database, so a person only the slips separate from the book must not be sent there (issue 15:
 * at 1M people / 100k entries, 75 present people fewer sent to "not found", mostly a dropped middle
 * name with a year off and no parents in the extract, for 79 absent people more shown to a person).
 */
export const SLIPS_REVIEW_PROBABILITY = 0.01

export function decide(scores: readonly PairScore[], populationSize: number, settings: MatchSettings = DEFAULT_MATCH_SETTINGS): Decision {
  const p = probabilities(scores, populationSize, settings.priorInPopulation)
  const ranked = p.map((probability, index) => ({ index, probability })).sort((a, b) => b.probability - a.probability)
  const best = ranked[0]
  if (best && best.probability >= settings.linkProbability && !relativeRisk(scores[best.index])) {
    const differences = (scores[best.index]?.fields ?? []).filter((f) => f.differs).map((f) => f.field)
    return { outcome: differences.length === 0 ? 'match' : 'mismatch', ranked, chosen: best.index, differences }
  }
  const total = p.reduce((a, b) => a + b, 0)
  // A candidate holding the personal ID written in the book is always shown to a person.
  if (total >= settings.reviewProbability || scores.some((s) => s.sameId)) return { outcome: 'ambiguous', ranked, differences: [] }
  if (best && best.probability >= SLIPS_REVIEW_PROBABILITY && onlySlips(scores[best.index])) return { outcome: 'ambiguous', ranked, differences: [] }
  return { outcome: 'not_found', ranked, differences: [] }
}
