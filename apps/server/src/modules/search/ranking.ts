import { canonicalName, editDistance, foldKey, type SearchMatch } from '@hts/domain'

/**
 * What the search makes of a typed name: its folded words, the surname (first word) and given name
 * (last word) the btree index is keyed on, and their one-edit variants (a typo in one of them).
 */
export interface NameQuery {
  typed: string
  canonical: string
  folded: string
  words: string[]
  surname: string
  given: string
}

// Letters of Vietnamese folded words (no f, j, w, z): the variants only need to hit stored names.
const LETTERS = 'abcdeghiklmnopqrstuvxy'

export function nameQuery(typed: string): NameQuery | undefined {
  const folded = foldKey(typed)
  const words = folded.split(' ').filter((w) => w !== '')
  if (words.length === 0) return undefined
  return { typed, canonical: canonicalName(typed).toLowerCase(), folded: words.join(' '), words, surname: words[0] ?? '', given: words[words.length - 1] ?? '' }
}

/** Every word one edit away (deleted, swapped, replaced or inserted letter), the word itself first. */
export function oneEditVariants(word: string): string[] {
  const out = new Set<string>([word])
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i)
    const tail = word.slice(i)
    if (tail.length > 0) out.add(head + tail.slice(1))
    if (tail.length > 1) out.add(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2))
    for (const c of LETTERS) {
      out.add(head + c + tail)
      if (tail.length > 0) out.add(head + c + tail.slice(1))
    }
  }
  return [...out].filter((w) => w !== '')
}

/** Edits between two folded names; a middle name missing on one side costs one edit. */
function nameDistance(query: string[], candidate: string[]): number {
  const direct = editDistance(query.join(' '), candidate.join(' '), 4)
  const ends = (words: string[]) => `${words[0] ?? ''} ${words[words.length - 1] ?? ''}`
  if (query.length === 2 && candidate.length > 2) return Math.min(direct, editDistance(query.join(' '), ends(candidate), 3) + 1)
  if (candidate.length === 2 && query.length > 2) return Math.min(direct, editDistance(ends(query), candidate.join(' '), 3) + 1)
  return direct
}

export interface Ranked { match: SearchMatch; distance: number }

/**
 * Exact (same letters and marks, any case or tone placement: "Hoà" = "Hòa") before folded (same
 * name without marks) before the rest, nearest first: a middle name missing or different
 * ("partial") and typos ("fuzzy").
 */
export function rankName(query: NameQuery, subjectName: string | null): Ranked {
  if (subjectName === null) return { match: 'fuzzy', distance: 99 }
  const folded = foldKey(subjectName)
  if (folded === query.folded) {
    return canonicalName(subjectName).toLowerCase() === query.canonical ? { match: 'exact', distance: 0 } : { match: 'folded', distance: 0 }
  }
  const words = folded.split(' ')
  const distance = nameDistance(query.words, words)
  const sameEnds = words[0] === query.surname && words[words.length - 1] === query.given
  return { match: sameEnds ? 'partial' : 'fuzzy', distance }
}

export const MATCH_ORDER: Record<SearchMatch, number> = { exact: 0, folded: 1, partial: 2, fuzzy: 2, filter: 3 }
