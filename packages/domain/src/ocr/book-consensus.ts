import type { OcrEntryProposal } from '../api/ocr'
import { CARRY_FORWARD_KEYS } from '../keying/carry-forward'
import { editDistance } from '../matching/similarity'
import { foldKey } from '../text/fold'
import { isVietnameseSyllable } from '../text/syllable'

/**
 * Header values that repeat through a book (the authority, its signers, the officer: the keys the
 * workbench carries forward) are read on every entry, each time under another stamp or signature
 * stroke. One read of "HỒ Đắc Thượng" or "ký-UBND xã …" among twenty of "Hồ Đắc Thượng" and "UBND xã …"
 * is a misreading, not a new signer: the book's other reads and keyed entries settle it.
 */
export const BOOK_REPEATED_KEYS: ReadonlySet<string> = new Set<string>(CARRY_FORWARD_KEYS)

/** One sighting of a value in the book: a read (weight 1) or a keyed entry (what a keyer confirmed, weighs more). */
export interface ValueVote {
  value: string
  weight: number
}

/** Weight of a value a keyer saved in the book against one read of it. */
export const KEYED_VOTE_WEIGHT = 3

const spaced = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim()
const compared = (value: string) => spaced(value).toLocaleLowerCase('vi')

/** Edits allowed between a read and the value it stands for: a fifth of the letters, at least one. */
const allowance = (a: string, b: string) => Math.max(1, Math.floor(Math.max(a.length, b.length) / 5))

/**
 * The value a read stands for: among the book's sightings within a few edits of it, the best
 * supported one, when it has more support than the read as written. A read nothing resembles stays
 * as read (a new signer, the authority renamed by the 2025 reform); so does a blank read.
 */
export function settleRepeatedValue(read: string, votes: readonly ValueVote[]): string {
  const own = spaced(read)
  if (own === '') return read
  const support = new Map<string, number>()
  for (const vote of votes) {
    const value = spaced(vote.value)
    if (value !== '') support.set(value, (support.get(value) ?? 0) + vote.weight)
  }
  const mine = compared(own)
  let best = own
  let bestSupport = support.get(own) ?? 0
  for (const [value, weight] of support) {
    if (weight <= bestSupport) continue
    const other = compared(value)
    if (editDistance(mine, other, allowance(mine, other)) <= allowance(mine, other)) {
      best = value
      bestSupport = weight
    }
  }
  if (best !== own) return best
  return underStrokes(own, support) ?? read
}

const wordsOf = (value: string) => value.split(/[^\p{L}\p{M}]+/u).filter((w) => w !== '')

/**
 * A read of a name under a signature or a stamp: some of its words come through, the strokes add
 * letters that are no words ("“Hỗ Đáè thượng ƒ 7", "Tréởng Thƒ Ngộc (Diệp"). It stands for the
 * book's value whose words it holds (at least two, and half of that value's words), when every
 * other word it has is no Vietnamese syllable and there is such a stroke (or the whole value is
 * there): a read word that is a syllable ("Nguyễn Văn Tâm") may be a new name, and a read that is
 * part of a longer value and nothing else ("Chủ tịch" beside "Phó Chủ tịch") is the shorter one;
 * neither is overruled. Only one such value may fit.
 */
function underStrokes(own: string, support: ReadonlyMap<string, number>): string | undefined {
  const words = wordsOf(own)
  let found: string | undefined
  let foundSupport = 0
  for (const [value, weight] of support) {
    const theirs = wordsOf(value).map(foldKey)
    const matched = new Set(words.map(foldKey).filter((w) => theirs.includes(w)))
    if (matched.size < 2 || matched.size * 2 < theirs.length) continue
    const rest = words.filter((w) => !matched.has(foldKey(w)))
    if (rest.some((w) => w.length > 1 && isVietnameseSyllable(w.toLowerCase()))) continue
    // A read that is part of a longer value and nothing else ("Chủ tịch" beside "Phó Chủ tịch") is that shorter value.
    if (rest.length === 0 && matched.size < theirs.length) continue
    if (weight > foundSupport) {
      found = value
      foundSupport = weight
    } else if (weight === foundSupport) found = undefined
  }
  return found !== undefined && foundSupport > (support.get(own) ?? 0) ? found : undefined
}

/**
 * Every sighting of the repeated keys in the book: each field of each entry block of the pages' reads
 * (one vote), and each value keyers saved in the book's entries (KEYED_VOTE_WEIGHT).
 */
export function bookVotes(reads: ReadonlyArray<readonly OcrEntryProposal[]>, keyed: ReadonlyArray<Readonly<Record<string, string>>> = []): Map<string, ValueVote[]> {
  const votes = new Map<string, ValueVote[]>()
  const add = (key: string, value: string, weight: number) => {
    if (!BOOK_REPEATED_KEYS.has(key) || value.trim() === '') return
    const list = votes.get(key) ?? []
    list.push({ value, weight })
    votes.set(key, list)
  }
  for (const entries of reads) for (const entry of entries) for (const field of entry.fields) add(field.key, field.value, 1)
  for (const fields of keyed) for (const [key, value] of Object.entries(fields)) add(key, value, KEYED_VOTE_WEIGHT)
  return votes
}

/** The page's entry blocks with each repeated value settled against the book's votes (the page's own reads among them). */
export function settleRepeatedFields(entries: readonly OcrEntryProposal[], votes: ReadonlyMap<string, readonly ValueVote[]>): OcrEntryProposal[] {
  return entries.map((entry) => ({
    ...entry,
    fields: entry.fields.map((field) => {
      const sightings = votes.get(field.key)
      if (!BOOK_REPEATED_KEYS.has(field.key) || !sightings) return field
      const value = settleRepeatedValue(field.value, sightings)
      return value === field.value ? field : { ...field, value }
    }),
  }))
}

/**
 * Places repeat by their parts rather than whole: the commune, its district and province end most
 * residences and birthplaces of a commune's book, and its hamlets come back entry after entry
 * ("thôn Nhất Đông, xã Quảng Lợi, huyện Quảng Điền, tỉnh Thừa Thiên Huế"). The engine drops or
 * swaps a mark in one of them now and then ("huyện Quảng Điển", "tình Thừa Thiên Huế", "xà Điện
 * Ngọc"). A part is settled only against parts spelled with the same letters and digits (the marks
 * and capitals alone differ), so a neighbouring commune of another name is never taken for it.
 */
export type PlacePartVotes = Map<string, Map<string, number>>

const placeParts = (value: string) => value.split(',').map(spaced).filter((p) => p !== '')

/** Each part of each place field of the reads (one vote) and of the keyed entries (KEYED_VOTE_WEIGHT), by its letters without marks. */
export function placePartVotes(reads: ReadonlyArray<readonly OcrEntryProposal[]>, keyed: ReadonlyArray<Readonly<Record<string, string>>>, placeKeys: ReadonlySet<string>): PlacePartVotes {
  const votes: PlacePartVotes = new Map()
  const add = (value: string, weight: number) => {
    for (const part of placeParts(value)) {
      const key = foldKey(part)
      const spellings = votes.get(key) ?? new Map<string, number>()
      spellings.set(part, (spellings.get(part) ?? 0) + weight)
      votes.set(key, spellings)
    }
  }
  for (const entries of reads) for (const entry of entries) for (const field of entry.fields) if (placeKeys.has(field.key)) add(field.value, 1)
  for (const fields of keyed) for (const [key, value] of Object.entries(fields)) if (placeKeys.has(key)) add(value, KEYED_VOTE_WEIGHT)
  return votes
}

/** A place read with each part spelled as the book spells it most, where that spelling has more support than the read's. */
export function settlePlaceValue(read: string, votes: PlacePartVotes): string {
  const parts = read.split(',')
  let changed = false
  const settled = parts.map((raw) => {
    const part = spaced(raw)
    const spellings = votes.get(foldKey(part))
    if (!spellings) return raw
    let best = part
    let bestSupport = spellings.get(part) ?? 0
    for (const [spelling, weight] of spellings) {
      if (weight > bestSupport) {
        best = spelling
        bestSupport = weight
      }
    }
    if (best === part) return raw
    changed = true
    return (/^\s*/.exec(raw)?.[0] ?? '') + best
  })
  return changed ? settled.join(',') : read
}

/** The page's entry blocks with every place field's parts settled against the book's. */
export function settlePlaceFields(entries: readonly OcrEntryProposal[], placeKeys: ReadonlySet<string>, votes: PlacePartVotes): OcrEntryProposal[] {
  return entries.map((entry) => ({
    ...entry,
    fields: entry.fields.map((field) => {
      if (!placeKeys.has(field.key)) return field
      const value = settlePlaceValue(field.value, votes)
      return value === field.value ? field : { ...field, value }
    }),
  }))
}
