/**
 * The rules of the suggestion list under a place or signer field, kept apart from the component so
 * that they can be tested without a browser. The keyer's text is what gets stored: a suggestion
 * reaches the field only when the keyer picks it (↓/↑ or the mouse), never by pressing Enter.
 */

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi')

/** How many matches the list keeps (↓/↑ go through them; fewer are shown at once). */
export const MAX_MATCHES = 30

const WORD_START = /[\s,.;:()/-]/

/** 0: the suggestion begins with the text; 1: one of its later words does ("An Ph" in "Xã An Phú"); -1: neither. */
function matchRank(suggestion: string, folded: string): number {
  const f = fold(suggestion)
  if (f.startsWith(folded)) return 0
  for (let i = f.indexOf(folded, 1); i > 0; i = f.indexOf(folded, i + 1)) {
    if (WORD_START.test(f.charAt(i - 1))) return 1
  }
  return -1
}

/**
 * Suggestions that begin with what was typed (ignoring case), then those with a later word that
 * does, since keyers often leave out "Xã"; best first within each; never the typed text itself.
 */
export function matchSuggestions(typed: string, suggestions: readonly string[]): string[] {
  if (typed.trim() === '') return []
  const t = fold(typed)
  const exact = typed.normalize('NFC')
  const ranked: Array<[number, string]> = []
  for (const s of suggestions) {
    const rank = s.normalize('NFC') === exact ? -1 : matchRank(s, t)
    if (rank >= 0) ranked.push([rank, s])
  }
  // Array.prototype.sort is stable: the order given (best first) holds within a rank.
  return ranked.sort((a, b) => a[0] - b[0]).slice(0, MAX_MATCHES).map(([, s]) => s)
}

export interface SuggestState {
  /** What the keyer typed since the field got the focus; null until they type (a value carried forward offers nothing). */
  typed: string | null
  /** The match highlighted with ↓/↑, which the box then shows; null: the typed text stands. */
  active: number | null
  /** False after Esc, until the text changes or ↓/↑ opens the list again. */
  open: boolean
}

export const IDLE: SuggestState = { typed: null, active: null, open: false }

/** The keyer changed the text: the list follows it, with nothing highlighted. */
export const typedState = (text: string): SuggestState => ({ typed: text, active: null, open: true })

export type SuggestKey = 'ArrowDown' | 'ArrowUp' | 'Escape'

export interface KeyOutcome {
  state: SuggestState
  /** What the box holds after the key: the highlighted match, or the typed text. */
  value: string
}

/**
 * What ↓, ↑ or Esc does; null when the key is not the list's (nothing typed, nothing matches, or
 * Esc with the list already closed, which the workbench may use). ↓ past the last match, or ↑
 * past the first, comes back to the typed text.
 */
export function suggestKey(state: SuggestState, key: SuggestKey, matches: readonly string[]): KeyOutcome | null {
  const { typed } = state
  if (typed === null || matches.length === 0) return null
  switch (key) {
    case 'Escape':
      return state.open ? { state: { typed, active: null, open: false }, value: typed } : null
    case 'ArrowDown':
    case 'ArrowUp': {
      const down = key === 'ArrowDown'
      const last = matches.length - 1
      let active: number | null
      if (!state.open || state.active === null) active = down ? 0 : last
      else if (down) active = state.active === last ? null : state.active + 1
      else active = state.active === 0 ? null : state.active - 1
      return { state: { typed, active, open: true }, value: active === null ? typed : (matches[active] ?? typed) }
    }
    default: {
      const unknownKey: never = key
      return unknownKey
    }
  }
}
