/**
 * The shape of one written Vietnamese syllable: onset consonants, vowel nucleus, final consonants,
 * and one tone mark. Used to place the tone mark (canonical.ts) and to tell whether a word decoded
 * from a legacy encoding is real Vietnamese (legacy-encoding.ts).
 */

/** Combining tone marks: sắc, huyền, hỏi, ngã, nặng. */
export const TONE_MARKS = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const
export type ToneMark = (typeof TONE_MARKS)[number]

const TONE_SET: ReadonlySet<string> = new Set(TONE_MARKS)
const VOWELS: ReadonlySet<string> = new Set([...'aăâeêioôơuưy'])
/** Vowels that carry their own diacritic; in the "new" convention they take the tone. */
const MARKED_VOWELS: ReadonlySet<string> = new Set([...'ăâêôơư'])

/** One written letter split into its shape (lower case, NFC, no tone) and its tone. */
export interface Letter {
  /** The letter as written, without its tone mark, NFC (e.g. 'Ư'). */
  shape: string
  /** Lower-case shape, used for the rules (e.g. 'ư'). */
  lower: string
  tone: ToneMark | ''
  /** Number of tone marks on this letter (2+ means the word is malformed). */
  toneCount: number
}

/** Splits a word (letters and combining marks only) into letters; marks attach to the letter before. */
export function splitLetters(word: string): Letter[] {
  const letters: Letter[] = []
  let base = ''
  let marks = ''
  let tone: ToneMark | '' = ''
  let toneCount = 0
  const flush = () => {
    if (base === '') return
    const shape = (base + marks).normalize('NFC')
    letters.push({ shape, lower: shape.toLowerCase(), tone, toneCount })
  }
  for (const ch of word.normalize('NFD')) {
    if (/\p{M}/u.test(ch)) {
      if (TONE_SET.has(ch)) {
        tone = ch as ToneMark
        toneCount++
      } else marks += ch
      continue
    }
    flush()
    base = ch
    marks = ''
    tone = ''
    toneCount = 0
  }
  flush()
  return letters
}

export function joinLetters(letters: readonly Letter[], toneAt: number, tone: ToneMark | ''): string {
  return letters
    .map((l, i) => (i === toneAt && tone !== '' ? (l.shape + tone).normalize('NFC') : l.shape))
    .join('')
}

export interface Syllable {
  onset: string
  /** Index of the first nucleus letter in the word. */
  nucleusStart: number
  nucleus: string[]
  coda: string
  tone: ToneMark | ''
  /** Index of the letter that carries the tone now (-1 when no tone). */
  toneIndex: number
}

/**
 * Parses letters as onset + vowels + final consonants. Returns null when the word has vowels in
 * two places (not one syllable), more than one tone mark, a tone on a consonant, or no vowel.
 * "qu" and "gi" (before another vowel) are onsets: in "quý" and "giá" the u and i are not vowels.
 */
export function parseSyllable(letters: readonly Letter[]): Syllable | null {
  const lower = letters.map((l) => l.lower)
  let i = 0
  while (i < lower.length && !VOWELS.has(lower[i] ?? '')) i++
  if (i === lower.length) return null
  if (lower[i - 1] === 'q' && lower[i] === 'u' && VOWELS.has(lower[i + 1] ?? '')) i++
  else if (i > 0 && lower[i - 1] === 'g' && lower[i] === 'i' && VOWELS.has(lower[i + 1] ?? '')) {
    i++ // "gi" + vowel: the i belongs to the onset (giá, giường)
  }
  const nucleusStart = i
  while (i < lower.length && VOWELS.has(lower[i] ?? '')) i++
  const nucleusEnd = i
  while (i < lower.length && !VOWELS.has(lower[i] ?? '')) i++
  if (i !== lower.length) return null

  let tone: ToneMark | '' = ''
  let toneIndex = -1
  for (let k = 0; k < letters.length; k++) {
    const l = letters[k]
    if (!l || l.toneCount === 0) continue
    if (l.toneCount > 1 || toneIndex >= 0) return null
    if (k < nucleusStart - (nucleusStart > 0 && isGlideOnset(lower, nucleusStart) ? 1 : 0)) return null
    if (k >= nucleusEnd) return null
    tone = l.tone
    toneIndex = k
  }
  return {
    onset: lower.slice(0, nucleusStart).join(''),
    nucleusStart,
    nucleus: lower.slice(nucleusStart, nucleusEnd),
    coda: lower.slice(nucleusEnd).join(''),
    tone,
    toneIndex,
  }
}

/** True when the letter before the nucleus is the u of "qu" or the i of "gi" (a misplaced tone may sit there). */
function isGlideOnset(lower: readonly string[], nucleusStart: number): boolean {
  const prev = lower[nucleusStart - 1]
  const prev2 = lower[nucleusStart - 2]
  return (prev === 'u' && prev2 === 'q') || (prev === 'i' && prev2 === 'g')
}

/**
 * Where the tone mark goes in the "new" convention (dấu đặt trên âm chính), as an index into the
 * nucleus:
 *  - one vowel: on it (má, quý, giá);
 *  - a vowel with its own diacritic (ă â ê ô ơ ư) takes it; in ươ the ơ (trường, thuở, muốn, việt);
 *  - otherwise, with a final consonant, the last vowel (hoàn, khoét, huýt, quỳnh);
 *  - three vowels and no final: the middle one (ngoài, khuỷu, ngoẹo);
 *  - two vowels, no final: oa, oe, uy take it on the second (hoà, khoẻ, thuý, uỷ), the others on
 *    the first, where the second is only a glide (mái, mèo, mía, múa, túi).
 * Only the last rule differs from the "old" convention (hòa, khỏe, thúy, ủy).
 */
export function toneIndexInNucleus(nucleus: readonly string[], hasCoda: boolean): number {
  if (nucleus.length <= 1) return 0
  let marked = -1
  nucleus.forEach((v, k) => {
    if (MARKED_VOWELS.has(v)) marked = k
  })
  if (marked >= 0) return marked
  if (hasCoda) return nucleus.length - 1
  if (nucleus.length >= 3) return 1
  const pair = nucleus.join('')
  return pair === 'oa' || pair === 'oe' || pair === 'uy' ? 1 : 0
}

const ONSETS: ReadonlySet<string> = new Set(
  ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh']
    .concat(['p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x']),
)
const NUCLEI: ReadonlySet<string> = new Set(
  [...'aăâeêioôơuưy']
    .concat(['ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe'])
    .concat(['oi', 'oo', 'ôi', 'ơi', 'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ưu'])
    .concat(['ươ', 'yê', 'iêu', 'oai', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyê', 'uyu', 'ươi'])
    .concat(['ươu', 'yêu']),
)
const CODAS: ReadonlySet<string> = new Set(['', 'c', 'ch', 'k', 'm', 'n', 'ng', 'nh', 'p', 't'])
const STOP_CODAS: ReadonlySet<string> = new Set(['c', 'ch', 'k', 'p', 't'])

/**
 * True when the word is one well-formed Vietnamese syllable in any case and either tone convention
 * (onset, nucleus and final from the closed lists; a final c/ch/p/t needs sắc or nặng; the tone
 * mark on the vowel one of the two conventions chooses).
 * Used to tell decoded legacy text from noise; it is not a spelling checker.
 */
export function isVietnameseSyllable(word: string): boolean {
  if (!/^[\p{L}\p{M}]+$/u.test(word)) return false
  const syllable = parseSyllable(splitLetters(word))
  if (!syllable) return false
  if (!ONSETS.has(syllable.onset) || !CODAS.has(syllable.coda)) return false
  const nucleus = syllable.nucleus.join('')
  if (!NUCLEI.has(nucleus)) return false
  // -nh and -ch follow only a, ê, i, y (anh, ênh, inh, huỳnh, ách, ếch, ích).
  if ((syllable.coda === 'nh' || syllable.coda === 'ch') && !/[aêiy]$/.test(nucleus)) return false
  if (syllable.toneIndex >= 0) {
    // The mark sits where one of the two conventions puts it: "hoà" or "hòa", never "hoaø"-like "xaõ".
    const at = syllable.toneIndex - syllable.nucleusStart
    const open2 = syllable.coda === '' && (nucleus === 'oa' || nucleus === 'oe' || nucleus === 'uy')
    if (at !== toneIndexInNucleus(syllable.nucleus, syllable.coda !== '') && !(open2 && at === 0)) return false
  }
  // A syllable ending in c, ch, p or t is always written with sắc or nặng (học, việt, tháp).
  if (STOP_CODAS.has(syllable.coda)) return syllable.tone === '\u0301' || syllable.tone === '\u0323'
  return true
}

// foldKey (fold.ts) does the same to a word, but fold.ts reaches this module back through canonical.ts:
// these sets are built while that cycle is still loading.
const bare = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd')
const BARE_ONSETS: ReadonlySet<string> = new Set([...ONSETS].map(bare))
const BARE_NUCLEI: ReadonlySet<string> = new Set([...NUCLEI].map(bare))
const BARE_CODAS = [...CODAS].sort((a, b) => b.length - a.length)

/**
 * True when a word of bare lower-case letters (no marks, đ as d: "hien", "nguyen", "thuy") could be
 * a Vietnamese syllable written without its marks. Lenient (any onset, nucleus and final of the
 * lists, with no check of which go together): "tquqg", "kxi" or "ahg" are not, so they are slips
 * of the key, never a name.
 */
export function couldBeSyllable(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false
  for (let onset = Math.min(3, word.length); onset >= 0; onset--) {
    if (!BARE_ONSETS.has(word.slice(0, onset))) continue
    const rest = word.slice(onset)
    for (const coda of BARE_CODAS) {
      if (rest.length > coda.length && rest.endsWith(coda) && BARE_NUCLEI.has(rest.slice(0, rest.length - coda.length))) return true
    }
  }
  return false
}
