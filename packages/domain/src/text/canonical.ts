/**
 * Canonical form of Vietnamese text, for comparing and indexing (the book's own text is stored
 * as written, NFC). Two spellings of the same name must give the same canonical text:
 * "Nguyễn Thị Hòa", "NGUYỄN THỊ HOÀ" (NFD, Ð typed for Đ, two spaces) → "Nguyễn Thị Hoà".
 *
 * Run legacy-encoding detection BEFORE this: TCVN3 text uses Ð for é and the soft hyphen for ư,
 * which this function would "fix" or drop.
 */
import { joinLetters, parseSyllable, splitLetters, toneIndexInNucleus } from './syllable'

/** Zero-width characters, BOM and soft hyphen: invisible, yet they break equality. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g
/** Apostrophes and modifier letters people type in H'Mông, K'Ho, Ơ Đu... */
const APOSTROPHES = /[\u2018\u2019\u02BC\u02B9\u0060\u00B4]/g

/**
 * Character-level clean-up shared by canonicalText and foldKey: NFC, 'Ð' (U+00D0, Icelandic eth,
 * looks like Đ) and 'Ɖ' (U+0189) → 'Đ', 'ð'/'ɖ' → 'đ', invisible characters removed, typographic
 * apostrophes → "'", any whitespace (NBSP included) collapsed to one space, trimmed.
 */
export function normalizeCharacters(input: string): string {
  return input
    .normalize('NFC')
    .replace(/[\u00D0\u0189]/g, '\u0110')
    .replace(/[\u00F0\u0256]/g, '\u0111')
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Moves the tone mark of one word to its place in the "new" convention (see toneIndexInNucleus):
 * hòa → hoà, khỏe → khoẻ, thúy → thuý, ủy → uỷ; quý, giá, trường, hoàn unchanged. A misplaced
 * mark on the u of "qu" or the i of "gi" moves too (qúy → quý). Words that are not one Vietnamese
 * syllable, or carry two tone marks, are left as they are.
 */
export function placeTone(word: string): string {
  if (/^\p{ASCII}*$/u.test(word)) return word
  const letters = splitLetters(word)
  const syllable = parseSyllable(letters)
  if (!syllable || syllable.toneIndex < 0 || syllable.nucleus.length === 0) return word
  const target = syllable.nucleusStart + toneIndexInNucleus(syllable.nucleus, syllable.coda !== '')
  if (target === syllable.toneIndex) return word
  return joinLetters(letters, target, syllable.tone)
}

/**
 * normalizeCharacters + one tone-placement convention, word by word. Idempotent:
 * canonicalText(canonicalText(s)) === canonicalText(s).
 */
export function canonicalText(input: string): string {
  return normalizeCharacters(input)
    .replace(/[\p{L}\p{M}]+/gu, placeTone)
    .normalize('NFC')
}

/**
 * canonicalText + title case: every word, and every part after a hyphen, apostrophe or dot,
 * starts with a capital; the rest is lower case ("NGUYỄN THỊ HOÀ" → "Nguyễn Thị Hoà",
 * "đỗ văn đức" → "Đỗ Văn Đức", "h'mông" → "H'Mông", "jean-paul" → "Jean-Paul").
 */
export function canonicalName(input: string): string {
  return canonicalText(input)
    .toLowerCase()
    .replace(/(^|[\s\-'.(/])(\p{Ll})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase())
}

/** True when the text has capital letters and no lower-case ones ("NGUYỄN VĂN A", "H'MÔNG"). */
export function isAllCaps(input: string): boolean {
  return /\p{Lu}/u.test(input) && !/\p{Ll}/u.test(input)
}
