/**
 * Places of birth written freely ("Trạm y tế xã An Phú", "Xã An Phú, huyện Đông Sơn, tỉnh Sơn Hà",
 * "AN PHU - DONG SON"). Matching keeps the place names and drops the words that only say what kind
 * of place it is, then compares the most specific part.
 */
import { foldKey } from '../text/fold'

/** Kinds of place, folded; longest first so that "thi tran" wins over "thi". */
const PLACE_WORDS = [
  'tram y te', 'benh vien da khoa', 'benh vien', 'nha ho sinh', 'trung tam y te', 'phong kham', 'tai nha',
  'thanh pho', 'thi tran', 'thi xa', 'phuong', 'xa', 'huyen', 'quan', 'tinh', 'tp', 'tx', 'tt', 'ubnd',
  'thon', 'ap', 'ban', 'to', 'khu pho', 'khom', 'xom', 'doi',
]
const PLACE_WORDS_RE = new RegExp(`(^| )(${PLACE_WORDS.join('|')})(?= |$)`, 'g')

/** Folded parts of a place, most specific first, each without its kind words: ["an phu", "dong son"]. */
export function placeParts(text: string | null | undefined): string[] {
  if (!text) return []
  return foldKey(text)
    .split(/[,;\-–/]+/)
    .map((part) => part.replace(/[^a-z0-9 ]/g, ' ').replace(PLACE_WORDS_RE, ' ').replace(/\s+/g, ' ').trim())
    .filter((part) => part !== '')
}

/** The key used for frequencies and comparison: the most specific named part. */
export function placeKey(text: string | null | undefined): string | undefined {
  return placeParts(text)[0]
}

export const PLACE_LEVELS = { same: 'Cùng nơi', different: 'Khác nơi' } as const
export type PlaceLevel = keyof typeof PLACE_LEVELS

/** Same when the most specific part of one is among the parts of the other. */
export function comparePlaces(a: readonly string[], b: readonly string[]): PlaceLevel {
  const [a0] = a
  const [b0] = b
  if (a0 !== undefined && b.includes(a0)) return 'same'
  if (b0 !== undefined && a.includes(b0)) return 'same'
  return 'different'
}
