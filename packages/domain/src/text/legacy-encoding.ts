/**
 * Legacy Vietnamese 8-bit encodings as they arrive from old .xls/.csv files: the bytes were read as
 * Latin-1/Windows-1252, so "Nguyễn Thị Hoà" typed with a .VnTime font shows as "NguyÔn ThÞ Hoµ"
 * (TCVN3) and with VNI-Times as "Nguyeãn Thò Hoaø" (VNI). Run this on the raw text, before
 * canonicalText (which would turn TCVN3's Ð (é) into Đ and drop its soft hyphen (ư)).
 */
import { isVietnameseSyllable } from './syllable'

export const LEGACY_ENCODINGS = ['tcvn3', 'vni'] as const
export type LegacyEncoding = (typeof LEGACY_ENCODINGS)[number]

/** The 12 Vietnamese vowels; each table row lists: no tone, sắc, huyền, hỏi, ngã, nặng. */
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const
type Vowel = (typeof VOWELS)[number]
const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const

/** Lower-case Vietnamese letter for a vowel and tone index (0 = no tone). */
function vietnameseLetter(vowel: Vowel, tone: number): string {
  return (vowel + (TONES[tone] ?? '')).normalize('NFC')
}

/**
 * TCVN 5712:1993 VN3 (ABC, .VnTime fonts), byte codes. VN3 has no upper-case toned letters: upper
 * case is typed with the same codes in a ".VnTimeH" font, so only Ă Â Ê Ô Ơ Ư Đ have their own.
 */
const TCVN3_BYTES: Record<Vowel, readonly number[]> = {
  a: [0x61, 0xb8, 0xb5, 0xb6, 0xb7, 0xb9],
  ă: [0xa8, 0xbe, 0xbb, 0xbc, 0xbd, 0xc6],
  â: [0xa9, 0xca, 0xc7, 0xc8, 0xc9, 0xcb],
  e: [0x65, 0xd0, 0xcc, 0xce, 0xcf, 0xd1],
  ê: [0xaa, 0xd5, 0xd2, 0xd3, 0xd4, 0xd6],
  i: [0x69, 0xdd, 0xd7, 0xd8, 0xdc, 0xde],
  o: [0x6f, 0xe3, 0xdf, 0xe1, 0xe2, 0xe4],
  ô: [0xab, 0xe8, 0xe5, 0xe6, 0xe7, 0xe9],
  ơ: [0xac, 0xed, 0xea, 0xeb, 0xec, 0xee],
  u: [0x75, 0xf3, 0xef, 0xf1, 0xf2, 0xf4],
  ư: [0xad, 0xf8, 0xf5, 0xf6, 0xf7, 0xf9],
  y: [0x79, 0xfd, 0xfa, 0xfb, 0xfc, 0xfe],
}
const TCVN3_OTHER: ReadonlyArray<readonly [number, string]> = [
  [0xae, 'đ'], [0xa1, 'Ă'], [0xa2, 'Â'], [0xa3, 'Ê'], [0xa4, 'Ô'], [0xa5, 'Ơ'], [0xa6, 'Ư'], [0xa7, 'Đ'],
]

/**
 * VNI (VNI-Times fonts): a base letter followed by one modifier character; ơ, ư and the toned i
 * and ỵ are single characters; upper case is the same sequence in upper case ("AÙ" = Á).
 */
const VNI_SEQUENCES: Record<Vowel, readonly string[]> = {
  a: ['a', 'aù', 'aø', 'aû', 'aõ', 'aï'],
  ă: ['aê', 'aé', 'aè', 'aú', 'aü', 'aë'],
  â: ['aâ', 'aá', 'aà', 'aå', 'aã', 'aä'],
  e: ['e', 'eù', 'eø', 'eû', 'eõ', 'eï'],
  ê: ['eâ', 'eá', 'eà', 'eå', 'eã', 'eä'],
  i: ['i', 'í', 'ì', 'æ', 'ó', 'ò'],
  o: ['o', 'où', 'oø', 'oû', 'oõ', 'oï'],
  ô: ['oâ', 'oá', 'oà', 'oå', 'oã', 'oä'],
  ơ: ['ô', 'ôù', 'ôø', 'ôû', 'ôõ', 'ôï'],
  u: ['u', 'uù', 'uø', 'uû', 'uõ', 'uï'],
  ư: ['ö', 'öù', 'öø', 'öû', 'öõ', 'öï'],
  y: ['y', 'yù', 'yø', 'yû', 'yõ', 'î'],
}

/** legacy text (lower case) → Unicode letter (lower case); identity entries (plain a, e...) left out. */
const TCVN3_DECODE = new Map<string, string>()
const VNI_DECODE = new Map<string, string>()
for (const vowel of VOWELS) {
  TCVN3_BYTES[vowel].forEach((byte, tone) => {
    if (byte >= 0x80) TCVN3_DECODE.set(String.fromCharCode(byte), vietnameseLetter(vowel, tone))
  })
  VNI_SEQUENCES[vowel].forEach((seq, tone) => {
    if (seq !== vowel) VNI_DECODE.set(seq, vietnameseLetter(vowel, tone))
  })
}
for (const [byte, letter] of TCVN3_OTHER) TCVN3_DECODE.set(String.fromCharCode(byte), letter)
VNI_DECODE.set('ñ', 'đ')

function decodeTcvn3(text: string): string {
  let out = ''
  for (const ch of text) out += TCVN3_DECODE.get(ch) ?? ch
  return out
}

/** Greedy: a two-character sequence (base + modifier) wins over a single character. */
function decodeVni(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const pair = text.slice(i, i + 2)
    const two = pair.length === 2 ? VNI_DECODE.get(pair.toLowerCase()) : undefined
    const ch = text[i] ?? ''
    if (two !== undefined) {
      out += ch === ch.toLowerCase() ? two : two.toUpperCase()
      i++
      continue
    }
    const one = VNI_DECODE.get(ch.toLowerCase())
    out += one === undefined ? ch : ch === ch.toLowerCase() ? one : one.toUpperCase()
  }
  return out
}

/** Splits on what cannot be part of a word in either encoding (TCVN3 uses symbols such as µ ¸ ×). */
const TOKEN_SPLIT = /[^\p{L}\p{M}\u00A1-\u00FF]+/u
const TOKEN = /[\p{L}\p{M}\u00A1-\u00FF]+/gu

function asciiCaps(text: string): boolean | null {
  const letters = text.match(/[A-Za-z]/g) ?? []
  if (letters.length < 2) return null
  return letters.every((c) => c >= 'A' && c <= 'Z')
}

/**
 * In a .VnTimeH (upper-case) font the lower-case codes show as capitals: "NGUYÔN" is NGUYỄN.
 * A word whose ASCII letters (2 or more) are all capitals is upper-cased; a shorter word follows
 * the other encoded words of the value ("Hµ NéI" → "HÀ NỘI", "Hµ Néi" → "Hà Nội").
 */
function convertTcvn3(text: string): string {
  // Only words that carry TCVN3 codes and 2+ ASCII letters vote: an acronym such as "UBND" says
  // nothing about the font, and "X· Kim Lò" (Xã Kim Lũ) stays in lower case.
  // Failing those, two or more all-caps words decide ("X· KIM ANH" is XÃ KIM ANH).
  const words = text.match(TOKEN) ?? []
  const votesOf = (list: string[]) => list.map(asciiCaps).filter((v) => v !== null)
  const encoded = votesOf(words.filter((t) => [...t].some((ch) => TCVN3_DECODE.has(ch))))
  const all = votesOf(words)
  const valueCaps = encoded.length > 0 ? encoded.every(Boolean) : all.length >= 2 && all.every(Boolean)
  return text.replace(TOKEN, (token) => {
    const decoded = decodeTcvn3(token)
    return (asciiCaps(token) ?? valueCaps) ? decoded.toUpperCase() : decoded
  })
}

/** Converts legacy-encoded text (read as Latin-1/Windows-1252) to Unicode NFC. */
export function convertLegacyText(text: string, encoding: LegacyEncoding): string {
  switch (encoding) {
    case 'tcvn3':
      return convertTcvn3(text).normalize('NFC')
    case 'vni':
      return decodeVni(text).normalize('NFC')
  }
}

// ---------------------------------------------------------------------------------------------
// Detection. Each word that contains Latin-1 letters or symbols is decoded; it is evidence for an
// encoding when the decoded word is a Vietnamese syllable and the word as it stands is not
// (French "tôt" is not Vietnamese, "tụt" is). A word that decodes to nonsense counts against.
// Words valid both ways ("Lê" vs TCVN3 "Lờ") say nothing.

export interface EncodingScore {
  /** Words that become Vietnamese only once decoded. */
  evidence: number
  /** Evidence words with a sign Western European text never has (TCVN3 µ ¸ Þ..., VNI "eã"). */
  strong: number
  /** Words that do not decode to Vietnamese, or are already Unicode Vietnamese. */
  counter: number
}

/** Vietnamese letters outside Latin-1 (ă đ ơ ư ạ ả ấ... ỹ): the text is already Unicode. */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]/
/** TCVN3 codes that are symbols, or letters French, Spanish, German... do not use (æ is Nordic only). */
const TCVN3_STRONG = /[\u00A1-\u00AE\u00B5-\u00BE\u00C6\u00D0\u00D7\u00DE\u00E6\u00F7\u00FE]|\p{Ll}[\u00C0-\u00DE]/u
/** VNI pairs that also occur in French or Spanish words (naïf, Moïse, où, goût, aérien, Raphaël, Raúl). */
const VNI_WEAK_PAIRS: ReadonlySet<string> = new Set(['aï', 'oï', 'uï', 'où', 'oû', 'aé', 'aë', 'aú'])

function decodesCompletely(token: string, encoding: LegacyEncoding): boolean {
  if (encoding === 'tcvn3') return [...token].every((ch) => ch < '\u0080' || TCVN3_DECODE.has(ch))
  // VNI: every non-ASCII character must be consumed as a known single character or pair.
  const lower = token.toLowerCase()
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] ?? ''
    if (i + 1 < lower.length && VNI_DECODE.has(lower.slice(i, i + 2))) i++
    else if (ch >= '\u0080' && !VNI_DECODE.has(ch)) return false
  }
  return true
}

function isStrong(token: string, encoding: LegacyEncoding): boolean {
  if (encoding === 'tcvn3') return TCVN3_STRONG.test(token)
  const lower = token.toLowerCase()
  if (lower.includes('æ')) return true
  for (let i = 0; i + 1 < lower.length; i++) {
    const pair = lower.slice(i, i + 2)
    if (VNI_DECODE.has(pair) && !VNI_WEAK_PAIRS.has(pair)) return true
  }
  return false
}

type TokenVerdict = 'ascii' | 'counter' | 'evidence' | 'strong' | 'neutral'

/** What one word says about one encoding. Pure, so cached: a column repeats the same few thousand syllables. */
function judgeToken(token: string, encoding: LegacyEncoding): TokenVerdict {
  if (/^\p{ASCII}*$/u.test(token)) return 'ascii'
  if (UNICODE_VIETNAMESE.test(token) || !decodesCompletely(token, encoding)) return 'counter'
  const decoded = encoding === 'tcvn3' ? decodeTcvn3(token) : decodeVni(token)
  // A word that is not Vietnamese once decoded counts against, unless it carries a sign no
  // Western word has: then it is a minority or foreign name in the same encoding ("Kr«ng").
  if (!isVietnameseSyllable(decoded)) return isStrong(token, encoding) ? 'neutral' : 'counter'
  if (isVietnameseSyllable(token)) return 'neutral'
  return isStrong(token, encoding) ? 'strong' : 'evidence'
}

const TOKEN_CACHE_LIMIT = 50_000
const tokenCache: Record<LegacyEncoding, Map<string, TokenVerdict>> = { tcvn3: new Map(), vni: new Map() }

function cachedVerdict(token: string, encoding: LegacyEncoding): TokenVerdict {
  const cache = tokenCache[encoding]
  let verdict = cache.get(token)
  if (verdict === undefined) {
    verdict = judgeToken(token, encoding)
    // Bounded: a file of random strings must not grow memory without end.
    if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear()
    cache.set(token, verdict)
  }
  return verdict
}

/** Scores one text for one encoding; exported for tests and for column decisions. */
export function scoreLegacyEncoding(text: string, encoding: LegacyEncoding): EncodingScore {
  const score: EncodingScore = { evidence: 0, strong: 0, counter: 0 }
  for (const token of text.split(TOKEN_SPLIT)) {
    const verdict = cachedVerdict(token, encoding)
    if (verdict === 'counter') score.counter++
    else if (verdict === 'evidence' || verdict === 'strong') {
      score.evidence++
      if (verdict === 'strong') score.strong++
    }
  }
  return score
}

/** Enough evidence, and few words against it (a typo or a foreign name may be among many). */
function qualifies(score: EncodingScore): boolean {
  return (score.strong >= 1 || score.evidence >= 2) && score.counter <= Math.floor(score.evidence / 4)
}

/**
 * The encoding that qualifies and explains more words than the other; when the same words read
 * as Vietnamese both ways ("Thuû": TCVN3 Thuỷ, VNI Thủ), nothing is decided.
 */
function pick(tcvn3: EncodingScore, vni: EncodingScore): LegacyEncoding | null {
  if (qualifies(tcvn3) && tcvn3.evidence > vni.evidence) return 'tcvn3'
  if (qualifies(vni) && vni.evidence > tcvn3.evidence) return 'vni'
  return null
}

/**
 * 'tcvn3' or 'vni' when the text reads as Vietnamese only once decoded; null for Unicode
 * Vietnamese, plain ASCII, ordinary French/English/Spanish words, or too little evidence.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  if (!/[\u0080-\u00FF]/.test(text)) return null
  return pick(scoreLegacyEncoding(text, 'tcvn3'), scoreLegacyEncoding(text, 'vni'))
}

export interface ColumnEncoding {
  encoding: LegacyEncoding | null
  /** Non-empty values looked at. */
  values: number
  /** Values that, on their own, are detected as the chosen encoding. */
  detectedValues: number
  tcvn3: EncodingScore
  vni: EncodingScore
}

/**
 * Decides for a whole column: the scores of all values are added up, so short values ("Hµ",
 * "Lª") count together, and a column is converted as a whole or not at all.
 */
export function detectColumnEncoding(values: readonly string[]): ColumnEncoding {
  const tcvn3: EncodingScore = { evidence: 0, strong: 0, counter: 0 }
  const vni: EncodingScore = { evidence: 0, strong: 0, counter: 0 }
  let count = 0
  for (const value of values) {
    if (value.trim() === '') continue
    count++
    if (!/[\u0080-\u00FF]/.test(value) && !UNICODE_VIETNAMESE.test(value)) continue
    for (const [encoding, total] of [['tcvn3', tcvn3], ['vni', vni]] as const) {
      const s = scoreLegacyEncoding(value, encoding)
      total.evidence += s.evidence
      total.strong += s.strong
      total.counter += s.counter
    }
  }
  const encoding = pick(tcvn3, vni)
  const detectedValues = encoding === null ? 0 : values.filter((v) => detectLegacyEncoding(v) === encoding).length
  return { encoding, values: count, detectedValues, tcvn3, vni }
}
