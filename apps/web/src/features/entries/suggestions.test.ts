import { describe, expect, it } from 'vitest'
import { IDLE, matchSuggestions, suggestKey, typedState, type SuggestState } from './suggestions'

const PLACES = ['Xã An Phú, Tỉnh Sơn Hà', 'Xã An Phú', 'Xã An Hòa, Tỉnh Sơn Hà', 'Thôn 1, xã An Phú']

/** Presses the keys in turn from a typed text; returns what the box holds and the last state. */
function press(typed: string, keys: Array<'ArrowDown' | 'ArrowUp' | 'Escape'>, suggestions = PLACES) {
  const matches = matchSuggestions(typed, suggestions)
  let state: SuggestState = typedState(typed)
  let value = typed
  for (const key of keys) {
    const outcome = suggestKey(state, key, matches)
    if (outcome) ({ state, value } = outcome)
  }
  return { value, state }
}

describe('matchSuggestions', () => {
  it('offers what begins with the typed text, ignoring case, best first', () => {
    expect(matchSuggestions('xã an ph', PLACES).slice(0, 2)).toEqual(['Xã An Phú, Tỉnh Sơn Hà', 'Xã An Phú'])
  })

  it('offers other spellings of the whole typed text, but never the typed text itself', () => {
    expect(matchSuggestions('xã An Phú', PLACES)).toEqual(['Xã An Phú, Tỉnh Sơn Hà', 'Xã An Phú', 'Thôn 1, xã An Phú'])
    expect(matchSuggestions('Xã An Phú', PLACES)).toEqual(['Xã An Phú, Tỉnh Sơn Hà', 'Thôn 1, xã An Phú'])
    // Decomposed (NFD) typing is the same text.
    expect(matchSuggestions('Xã An Phú'.normalize('NFD'), PLACES)).toEqual(['Xã An Phú, Tỉnh Sơn Hà', 'Thôn 1, xã An Phú'])
  })

  it('then offers those where a later word begins with it, as keyers often leave out "Xã"', () => {
    expect(matchSuggestions('An Ph', PLACES)).toEqual(['Xã An Phú, Tỉnh Sơn Hà', 'Xã An Phú', 'Thôn 1, xã An Phú'])
    expect(matchSuggestions('thôn', PLACES)).toEqual(['Thôn 1, xã An Phú'])
    expect(matchSuggestions('n Ph', PLACES)).toEqual([])
  })

  it('offers nothing for blank text', () => {
    expect(matchSuggestions('  ', PLACES)).toEqual([])
  })
})

describe('suggestKey', () => {
  it('keeps the typed text when no key picks a suggestion', () => {
    expect(typedState('xã An Phú').active).toBeNull()
    expect(press('xã An Phú', []).value).toBe('xã An Phú')
  })

  it('Esc closes the list and keeps the typed text, even after ↓ showed a suggestion', () => {
    expect(press('xã An Phú', ['Escape'])).toEqual({ value: 'xã An Phú', state: { typed: 'xã An Phú', active: null, open: false } })
    expect(press('xã An Phú', ['ArrowDown', 'ArrowDown', 'Escape']).value).toBe('xã An Phú')
  })

  it('Esc with the list closed is not the list’s key', () => {
    const { state } = press('xã An Phú', ['Escape'])
    expect(suggestKey(state, 'Escape', matchSuggestions('xã An Phú', PLACES))).toBeNull()
  })

  it('↓ picks the first suggestion, ↓↓ the second, and past the last comes back to the typed text', () => {
    expect(press('An Ph', [], ['An Phú', 'An Phước']).value).toBe('An Ph')
    expect(press('An Ph', ['ArrowDown'], ['An Phú', 'An Phước']).value).toBe('An Phú')
    expect(press('An Ph', ['ArrowDown', 'ArrowDown'], ['An Phú', 'An Phước']).value).toBe('An Phước')
    expect(press('An Ph', ['ArrowDown', 'ArrowDown', 'ArrowDown'], ['An Phú', 'An Phước'])).toEqual({
      value: 'An Ph',
      state: { typed: 'An Ph', active: null, open: true },
    })
  })

  it('↑ starts from the last suggestion and ↓ after Esc opens the list again', () => {
    expect(press('An Ph', ['ArrowUp'], ['An Phú', 'An Phước']).value).toBe('An Phước')
    expect(press('An Ph', ['Escape', 'ArrowDown'], ['An Phú', 'An Phước'])).toEqual({
      value: 'An Phú',
      state: { typed: 'An Ph', active: 0, open: true },
    })
  })

  it('does nothing before the keyer types, or when nothing matches', () => {
    expect(suggestKey(IDLE, 'ArrowDown', PLACES)).toBeNull()
    expect(suggestKey(typedState('Hà Nội'), 'ArrowDown', matchSuggestions('Hà Nội', PLACES))).toBeNull()
  })
})
