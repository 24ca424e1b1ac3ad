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

/**
 * "same": the most specific parts agree (the commune, or the hospital's commune). "area": the most
 * specific part of one is a wider part of the other ("Bệnh viện đa khoa huyện Nam Hà" against a
 * record born in a commune of Nam Hà): only the district or province agrees, which many namesakes
 * share, so it is weighed by how many records name that part anywhere, not by the communes' shares.
 */
export const PLACE_LEVELS = { same: 'Cùng nơi', area: 'Cùng huyện/tỉnh, khác xã', different: 'Khác nơi' } as const
export type PlaceLevel = keyof typeof PLACE_LEVELS

export interface PlaceComparison {
  level: PlaceLevel
  /** The part that agreed: the record's commune ("same") or the book's place as a wider part of the record's ("area"). */
  part?: string
}

/**
 * `a` is the book's place, `b` the record's. Same when the record's most specific part (its commune)
 * is a part of the book's (the book may name a village first); area when the book's most specific
 * part is only a wider part of the record's (a district hospital against a commune of that district).
 */
export function comparePlaces(a: readonly string[], b: readonly string[]): PlaceComparison {
  const [a0] = a
  const [b0] = b
  if (a0 === undefined || b0 === undefined) return { level: 'different' }
  if (a.includes(b0)) return { level: 'same', part: b0 }
  if (b.includes(a0)) return { level: 'area', part: a0 }
  return { level: 'different' }
}
