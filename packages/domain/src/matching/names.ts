/**
 * Vietnamese personal names for matching. A name is compared on two forms: its canonical form in
 * lower case (NFC, one tone-placement convention, Đ fixed: "nguyễn thị hoà") and its folded form
 * (no marks: "nguyen thi hoa"). Folding alone is not enough: Hùng and Hưng, Thủy and Thúy fold to
 * the same letters yet are different names; only a side written without marks is forgiven.
 */
import { canonicalText, normalizeCharacters } from '../text/canonical'
import { foldKey } from '../text/fold'
import { couldBeSyllable } from '../text/syllable'
import { Memo } from './cache'
import { editDistance, jaroWinkler } from './similarity'

export interface PreparedName {
  /** Canonical, lower case: "nguyễn thị hoà". */
  canon: string
  /** Folded: "nguyen thi hoa". */
  folded: string
  tokens: readonly string[]
  folds: readonly string[]
  /** Folded first word (họ) and last word (tên); equal for a one-word name. */
  surname: string
  given: string
  /** Folded middle words (chữ đệm), possibly none. */
  middle: readonly string[]
  /** Written with diacritics somewhere (a name written entirely without them is forgiven word by word). */
  marked: boolean
}

/** Middle names so common that books and the population data often differ on writing them. */
const GENERIC_MIDDLE = new Set(['van', 'thi'])

// Small on purpose: full names are mostly distinct, and 200,000 remembered names cost more in
// garbage collection than they saved (reconciling 50,000 entries: 3,114 → 3,331 entries/s at 20,000).
const CACHE_LIMIT = 20_000
const prepared = new Memo<PreparedName | null>(CACHE_LIMIT)
const words = new Memo<string>(50_000)
const folds = new Memo<string>(50_000)

/**
 * Prepares a name once for many comparisons (memoised: the same names recur all the time).
 * `canonical` says the text is already canonicalText in lower case (as stored by the loader).
 */
export function prepareName(text: string | null | undefined, canonical = false): PreparedName | undefined {
  if (!text) return undefined
  return prepared.get(canonical ? text : `\u0000${text}`, () => build(canonical ? text : nameCanon(text))) ?? undefined
}

function build(canon: string): PreparedName | null {
  if (canon === '') return null
  const tokens = canon.split(' ')
  const folded = tokens.map((word) => folds.get(word, foldKey))
  const foldedText = folded.join(' ')
  return {
    canon,
    folded: foldedText,
    tokens,
    folds: folded,
    surname: folded[0] as string,
    given: folded[folded.length - 1] as string,
    middle: folded.slice(1, -1),
    marked: canon !== foldedText,
  }
}

/** One word in canonical lower case; the few thousand syllables of names are worked out once. */
const canonWord = (word: string) => words.get(word, (w) => canonicalText(w).toLowerCase())

/** Canonical lower-case form of a name as written: punctuation other than ' and - becomes a space. */
export function nameCanon(text: string): string {
  return normalizeCharacters(text.replace(/[.,;:()"/\\_*+0-9]/g, ' '))
    .toLowerCase()
    .split(' ')
    .filter((w) => w !== '')
    .map(canonWord)
    .join(' ')
}

/**
 * Two words agree if they are the same, or if they have the same letters and one side wrote the
 * whole name without diacritics ("NGUYEN THI LAN"). A bare word in a name written with diacritics
 * is a real word: "Lan" in "Nguyễn Thị Lan" is not "Lán".
 */
function compatibleWord(a: PreparedName, b: PreparedName, i: number, j = i): boolean {
  const [ta, fa, tb, fb] = [a.tokens[i] as string, a.folds[i] as string, b.tokens[j] as string, b.folds[j] as string]
  return ta === tb || (fa === fb && (!a.marked || !b.marked))
}

export const NAME_LEVELS = {
  exact: 'Giống hệt',
  unaccented: 'Giống (một bên viết không dấu)',
  accents: 'Cùng chữ nhưng khác dấu',
  middle: 'Cùng họ và tên, thiếu hoặc thừa tên đệm (Văn/Thị)',
  otherMiddle: 'Cùng họ và tên, tên đệm khác',
  similar: 'Gần giống (khác một chữ cái, có thể gõ nhầm)',
  garbled: 'Tên bị gõ sai, không phải tên tiếng Việt (gần với tên này)',
  otherGiven: 'Cùng họ nhưng tên khác hẳn (không phải gõ nhầm)',
  different: 'Khác',
} as const
export type NameLevel = keyof typeof NAME_LEVELS

export interface NameComparison {
  readonly level: NameLevel
  readonly note?: string
}

/**
 * The note of two names one keying slip apart in the given name with a middle name left out ("Lý Thúi" for LÝ THỊ
 * THÚY): weighed as "different" all the same; only "not found" looks at it (onlySlips in decide.ts).
 */
export const NAME_TWO_SLIPS = 'Hai lỗi ghi: thiếu tên đệm và sai một chữ ở tên'
/** The note of two words of a name each one keying slip off ("Võ Tvị hCi" for VÕ THỊ CHI): weighed and used as NAME_TWO_SLIPS. */
export const NAME_TWO_WORD_SLIPS = 'Hai lỗi ghi: hai chữ của tên, mỗi chữ sai một chữ cái'

/**
 * The few results compareNames gives, made once: a scorer remembers a field's points by the
 * result itself (score.ts), with no key to build for each of the tens of candidates of an entry.
 */
const RESULT = {
  exact: { level: 'exact' },
  unaccented: { level: 'unaccented', note: 'Khác nhau chỉ ở dấu hoặc cách viết hoa' },
  accents: { level: 'accents', note: 'Cùng chữ cái nhưng dấu khác (ví dụ Hùng và Hưng)' },
  genericMiddle: { level: 'middle', note: 'Chỉ khác chữ đệm Văn/Thị (có hoặc không)' },
  noMiddle: { level: 'middle', note: 'Một bên không ghi tên đệm' },
  otherMiddle: { level: 'otherMiddle', note: 'Tên đệm khác nhau' },
  middleTypo: { level: 'similar', note: 'Tên đệm khác một chữ cái (có thể gõ nhầm)' },
  oneLetter: { level: 'similar', note: 'Khác một chữ cái' },
  splitOrJoined: { level: 'similar', note: 'Viết liền hoặc tách chữ' },
  otherGiven: { level: 'otherGiven', note: 'Tên khác hẳn: có thể là anh chị em, không phải gõ nhầm' },
  garbled: { level: 'garbled', note: 'Tên bị gõ sai (không phải một tên tiếng Việt): có thể gõ nhầm, cần người xem' },
  different: { level: 'different' },
  droppedAndTypo: { level: 'different', note: NAME_TWO_SLIPS },
  twoWordSlips: { level: 'different', note: NAME_TWO_WORD_SLIPS },
} as const satisfies Record<string, NameComparison>

function allCompatible(a: PreparedName, b: PreparedName): boolean {
  for (let i = 0; i < a.tokens.length; i++) if (!compatibleWord(a, b, i)) return false
  return true
}

const extra = (x: readonly string[], y: readonly string[]) => x.filter((t) => !y.includes(t))

/**
 * Middle names that differ only by a Văn/Thị written or not, or missing on one side, are tolerated. One middle name
 * keyed with a slip ("Tyị", "Tị", "Km" for Thị, Thị, Kim) is a slip (issue 15: about 50 mothers of present people
 * were "another middle name" at 1M, which weighs nothing, and their children were left for a person), unless both
 * words are real syllables of one length: "Thu" and "Thị", "Hùng" and "Hồng" are other names.
 */
function middleComparison(a: PreparedName, b: PreparedName): NameComparison {
  const onlyA = extra(a.middle, b.middle)
  const onlyB = extra(b.middle, a.middle)
  if ([...onlyA, ...onlyB].every((t) => GENERIC_MIDDLE.has(t))) return RESULT.genericMiddle
  if (a.middle.length === 0 || b.middle.length === 0) return RESULT.noMiddle
  const [x, y] = [onlyA[0], onlyB[0]]
  if (onlyA.length === 1 && onlyB.length === 1 && x !== undefined && y !== undefined && (x.length !== y.length || !couldBeSyllable(x) || !couldBeSyllable(y)) && oneWordTypo(a, b)) return RESULT.middleTypo
  return RESULT.otherMiddle
}

/** The marks of a word (tones, ă â ê ô ơ ư, đ), in order of kind: equal for "tùog" and "tùng", not for "hùng" and "dũng". */
const marksOf = (word: string) => words.get(`\u0001${word}`, (w) => [...w.normalize('NFD')].filter((c) => c === 'đ' || (c >= '\u0300' && c <= '\u036f')).sort().join(''))

/**
 * One word against another: at most one edit (two for long words), on the marks when both sides
 * have them. A slip that moves a letter across the marked vowel ("Tàon" for "Toàn", "Tùog" for
 * "Tùng": canonical tone placement then puts the mark on another letter) is one edit of the bare
 * letters with the same marks: counted so when the words have the same length and the same marks
 * (issue 15), which "Hà" / "Hòa" (another length) or "Hùng" / "Dũng" (another tone) are not.
 */
function wordTypo(ta: string, fa: string, tb: string, fb: string): boolean {
  const marked = ta !== fa && tb !== fb
  const [x, y] = marked ? [ta, tb] : [fa, fb]
  const limit = Math.min(x.length, y.length) >= 6 ? 2 : 1
  if (editDistance(x, y, limit) <= limit) return true
  return marked && fa.length === fb.length && marksOf(ta) === marksOf(tb) && editDistance(fa, fb, limit) <= limit
}

/**
 * Same word count, and every word that differs is one slip of the key off (wordTypo: one edit, two for
 * long words, on the marks when both sides have them, so that Hùng/Dũng or Hải/Hậu are different names
 * while Hùng/Hùnh is a slip): how many words differ, or `max + 1` once more than `max` do or one differs
 * by more than a slip.
 */
function slippedWords(a: PreparedName, b: PreparedName, max: number): number {
  if (a.folds.length !== b.folds.length) return max + 1
  let differing = 0
  for (let i = 0; i < a.folds.length; i++) {
    if (compatibleWord(a, b, i)) continue
    if (++differing > max || !wordTypo(a.tokens[i] as string, a.folds[i] as string, b.tokens[i] as string, b.folds[i] as string)) return max + 1
  }
  return differing
}

/** One word one slip off, the others the same. */
const oneWordTypo = (a: PreparedName, b: PreparedName) => slippedWords(a, b, 1) === 1

/**
 * Words run together or split apart ("Thu Hà" / "Thuhà"): the same letters but for spaces and one
 * slip, which Jaro-Winkler on the folded letters sees as near-identical.
 */
function splitOrJoined(a: PreparedName, b: PreparedName): boolean {
  if (Math.abs(a.folds.length - b.folds.length) !== 1) return false
  const x = a.folds.join('')
  const y = b.folds.join('')
  return jaroWinkler(x, y) >= 0.95 && editDistance(x, y, 1) <= 1
}

/** One side has fewer middle names, and those it has are the other's: a middle name left out, not another one. */
function middleLeftOut(a: PreparedName, b: PreparedName): boolean {
  const [short, long] = a.middle.length < b.middle.length ? [a, b] : [b, a]
  return short.middle.length < long.middle.length && short.middle.every((w) => long.middle.includes(w))
}

/** The given names (last words) are one slip of the key apart. */
function givenTypo(a: PreparedName, b: PreparedName): boolean {
  const [i, j] = [a.tokens.length - 1, b.tokens.length - 1]
  return wordTypo(a.tokens[i] as string, a.folds[i] as string, b.tokens[j] as string, b.folds[j] as string)
}

/**
 * Levels from the closest to the farthest. "otherGiven": the same surname but a given name that is
 * not a slip of the key (Hùng and Dũng, Mai and Lan), whatever the middle names: what a twin or a
 * sibling missing from the extract looks like (issue 15), never the same person by itself.
 */
export function compareNames(a: PreparedName, b: PreparedName): NameComparison {
  if (a.canon === b.canon) return RESULT.exact
  if (a.folded === b.folded) return allCompatible(a, b) ? RESULT.unaccented : RESULT.accents
  const surnameOk = compatibleWord(a, b, 0)
  const givenOk = compatibleWord(a, b, a.tokens.length - 1, b.tokens.length - 1)
  if (a.tokens.length > 1 && b.tokens.length > 1 && surnameOk && givenOk) return middleComparison(a, b)
  if (oneWordTypo(a, b)) return RESULT.oneLetter
  if (splitOrJoined(a, b)) return RESULT.splitOrJoined
  if (a.tokens.length > 1 && b.tokens.length > 1 && surnameOk && !givenOk && !givenTypo(a, b)) return garbledGiven(a, b) ? RESULT.garbled : RESULT.otherGiven
  // (Here the given names are one slip apart: givenTypo.)
  if (a.tokens.length > 1 && b.tokens.length > 1 && surnameOk && middleLeftOut(a, b)) return RESULT.droppedAndTypo
  // Two words one slip off each, the others the same.
  return slippedWords(a, b, 2) === 2 ? RESULT.twoWordSlips : RESULT.different
}

/**
 * A given name that no Vietnamese syllable could be ("Tquqg", "Kxi", "Ahg") is a slip of the key, not
 * another child's name: within two edits of the other side's (a transposition counts one) it is the
 * level "garbled", weighed by what the run learns, not the absent sibling "otherGiven" stands for (issue
 * 15: about 50 people held at p ≥ 0.98 with their own name garbled, against 1M people). A sibling's name may
 * be as near as the person's own, so it is never proposed on a date that is not exact (decide.ts).
 */
function garbledGiven(a: PreparedName, b: PreparedName): boolean {
  const [x, y] = [a.given, b.given]
  if (Math.min(x.length, y.length) < 2 || (couldBeSyllable(x) && couldBeSyllable(y))) return false
  // Written with marks on both sides, the marks must be the same ones: "Tùog" may be Tùng, not Tũng.
  const [ta, tb] = [a.tokens[a.tokens.length - 1] as string, b.tokens[b.tokens.length - 1] as string]
  if (ta !== x && tb !== y && marksOf(ta) !== marksOf(tb)) return false
  return editDistance(x, y, 2) <= 2
}
