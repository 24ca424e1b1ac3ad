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
 * "full": the record's whole place (commune, district, province, as many as it gives) is the end of
 * the book's: the same unit, not only the same name. Many communes share a name ("Quang Trung",
 * "An Phú"), far fewer also their district and province, so it is weighed by the share of records
 * born in that very unit. "same": only the commune's name agrees (the book gives no wider part, or
 * others). "area": the most specific part of one is a wider part of the other ("Bệnh viện đa khoa
 * huyện Nam Hà" against a record born in a commune of Nam Hà): only the district or province agrees,
 * which many namesakes share, so it is weighed by how many records name that part anywhere.
 */
export const PLACE_LEVELS = { full: 'Cùng nơi (cả xã, huyện, tỉnh)', same: 'Cùng tên xã', area: 'Cùng huyện/tỉnh, khác xã', different: 'Khác nơi' } as const
export type PlaceLevel = keyof typeof PLACE_LEVELS

export interface PlaceComparison {
  level: PlaceLevel
  /** The part that agreed: the record's whole place ("full", parts joined by "|"), its commune ("same") or the book's place as a wider part of the record's ("area"). */
  part?: string
}

/** A place's parts as one key ("an phu|dong son|son ha"): how the extract stores and counts a whole place. */
export function placeChain(parts: readonly string[]): string {
  return parts.join('|')
}

/**
 * `a` is the book's place, `b` the record's. Full when the record's parts are the book's last ones
 * (the book may name a village first); same when only the record's commune is a part of the book's;
 * area when the book's most specific part is only a wider part of the record's (a district hospital
 * against a commune of that district).
 */
export function comparePlaces(a: readonly string[], b: readonly string[]): PlaceComparison {
  const [a0] = a
  const [b0] = b
  if (a0 === undefined || b0 === undefined) return { level: 'different' }
  const at = a.indexOf(b0)
  if (at >= 0) {
    if (b.length > 1 && a.length - at === b.length && b.every((part, i) => a[at + i] === part)) return { level: 'full', part: placeChain(b) }
    return { level: 'same', part: b0 }
  }
  if (b.includes(a0)) return { level: 'area', part: a0 }
  return { level: 'different' }
}

/** The whole places a record could share with this book's place (see comparePlaces "full"): its endings of two parts or more. */
export function placeChainsOf(a: readonly string[]): string[] {
  const chains: string[] = []
  for (let at = 0; at < a.length - 1; at++) chains.push(placeChain(a.slice(at)))
  return chains
}
