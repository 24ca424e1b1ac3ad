import type { OcrEntryProposal } from '../api/ocr'
import { CARRY_FORWARD_KEYS } from '../keying/carry-forward'
import { editDistance } from '../matching/similarity'

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
  return best === own ? read : best
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
