import { Input, theme } from 'antd'
import { useMemo, useState, type ChangeEvent, type KeyboardEvent } from 'react'
import { IDLE, matchSuggestions, suggestKey, typedState, type SuggestState } from '../suggestions'

interface Props {
  id: string
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  /** Values offered, best first (this book's values, then unit names). */
  suggestions: readonly string[]
  status?: 'error' | 'warning'
  disabled?: boolean
  autoFocus?: boolean
  'aria-required'?: boolean
  'aria-invalid'?: boolean
  'aria-describedby'?: string
}

const MAX_SHOWN = 6

/**
 * A text box with a list of values that begin with what is typed (this book's values, unit names).
 * What the keyer types is what is stored: nothing is highlighted until ↓/↑ (or the mouse) picks a
 * suggestion, so Enter on typed text keeps it exactly; Esc closes the list and keeps the typed text.
 */
export function SuggestInput({ id, value, onChange, onBlur, suggestions, status, disabled, autoFocus, ...aria }: Props) {
  const { token } = theme.useToken()
  const [state, setState] = useState<SuggestState>(IDLE)
  const [focused, setFocused] = useState(false)

  const matches = useMemo(() => (state.typed === null ? [] : matchSuggestions(state.typed, suggestions)), [suggestions, state.typed])

  const handleChange = (e: ChangeEvent<HTMLInputElement>) => {
    const next = e.target.value
    setState(typedState(next))
    onChange(next)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Escape') return
    const outcome = suggestKey(state, e.key, matches)
    if (!outcome) return
    e.preventDefault()
    // Esc that only closes the list is not the workbench's Esc.
    e.stopPropagation()
    setState(outcome.state)
    if (outcome.value !== value) onChange(outcome.value)
  }

  const pick = (match: string) => {
    setState(IDLE)
    onChange(match)
  }

  const open = focused && state.open && matches.length > 0
  const optionId = (i: number) => `${id}-suggestion-${i}`
  // The shown window follows the highlight through the matches kept.
  const first = state.active !== null && state.active >= MAX_SHOWN ? state.active - MAX_SHOWN + 1 : 0
  return (
    <div style={{ position: 'relative' }}>
      <Input
        id={id}
        name={id}
        value={value}
        status={status}
        disabled={disabled}
        autoFocus={autoFocus}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-suggestions`}
        aria-activedescendant={open && state.active !== null ? optionId(state.active) : undefined}
        data-suggest-input=""
        {...aria}
        onChange={handleChange}
        onKeyDown={onKeyDown}
        onFocus={() => {
          setFocused(true)
          setState(IDLE)
        }}
        onBlur={() => {
          setFocused(false)
          setState(IDLE)
          onBlur?.()
        }}
      />
      {open && (
        <ul
          id={`${id}-suggestions`}
          role="listbox"
          aria-label="Gợi ý"
          style={{
            position: 'absolute', zIndex: 20, left: 0, right: 0, margin: 0, padding: 4, listStyle: 'none',
            background: token.colorBgElevated, boxShadow: token.boxShadowSecondary, borderRadius: token.borderRadius, fontSize: 13,
          }}
        >
          {matches.slice(first, first + MAX_SHOWN).map((m, k) => {
            const i = first + k
            const active = i === state.active
            return (
              <li
                key={m}
                id={optionId(i)}
                role="option"
                aria-selected={active}
                // Keeps the focus in the box, so that the pick lands in this field.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(m)}
                style={{ padding: '2px 6px', borderRadius: 4, cursor: 'pointer', background: active ? token.controlItemBgActive : undefined }}
              >
                {m}
                {i === 0 && state.active === null && <span aria-hidden="true" style={{ color: token.colorTextTertiary }}> (↓ để chọn)</span>}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
