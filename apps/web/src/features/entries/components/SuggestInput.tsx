import { Input, theme } from 'antd'
import type { InputRef } from 'antd'
import { useLayoutEffect, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react'

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

const lower = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi')
const MAX_SHOWN = 6

/**
 * A text box that completes what is typed inline, like an address bar: the rest of the best
 * suggestion appears selected, so Enter or Tab keeps it and the next key typed replaces it.
 * ↓/↑ go through the other suggestions, Esc drops the completion. Only suggestions starting with
 * exactly what was typed (ignoring case) are completed: the keyer's letters are never altered.
 */
export function SuggestInput({ id, value, onChange, onBlur, suggestions, status, disabled, autoFocus, ...aria }: Props) {
  const { token } = theme.useToken()
  const ref = useRef<InputRef>(null)
  // What the keyer typed; `value` may be longer by the selected completion.
  const [typed, setTyped] = useState<string | null>(null)
  const [focused, setFocused] = useState(false)
  const [cursor, setCursor] = useState(0)
  const selection = useRef<[number, number] | null>(null)

  const matches = useMemo(() => {
    if (typed === null || typed.trim() === '') return []
    const t = lower(typed)
    return suggestions.filter((s) => lower(s).startsWith(t) && s.length > typed.length).slice(0, 30)
  }, [suggestions, typed])

  // After every render: a completion may keep the same value (the next letter typed matched it).
  useLayoutEffect(() => {
    const range = selection.current
    const input = ref.current?.input
    if (!range || !input || document.activeElement !== input) return
    input.setSelectionRange(range[0], range[1])
    selection.current = null
  })

  const complete = (prefix: string, match: string | undefined) => {
    if (!match) {
      onChange(prefix)
      return
    }
    selection.current = [prefix.length, match.length]
    onChange(match)
  }

  const handleChange = (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target
    const next = input.value
    const native = e.nativeEvent as InputEvent
    const atEnd = input.selectionStart === next.length
    if (native.inputType !== 'insertText' || native.isComposing || !atEnd || next.trim() === '') {
      setTyped(next)
      onChange(next)
      return
    }
    setTyped(next)
    setCursor(0)
    const t = lower(next)
    complete(next, suggestions.find((s) => lower(s).startsWith(t) && s.length > next.length))
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (typed === null || matches.length === 0 || e.altKey || e.ctrlKey) return
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const n = (cursor + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length
      setCursor(n)
      complete(typed, matches[n])
    } else if (e.key === 'Escape' && value !== typed) {
      e.preventDefault()
      e.stopPropagation()
      onChange(typed)
    }
  }

  const open = focused && matches.length > 0 && value !== typed
  return (
    <div style={{ position: 'relative' }}>
      <Input
        ref={ref}
        id={id}
        name={id}
        value={value}
        status={status}
        disabled={disabled}
        autoFocus={autoFocus}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="inline"
        aria-expanded={open}
        aria-controls={`${id}-suggestions`}
        {...aria}
        onChange={handleChange}
        onKeyDown={onKeyDown}
        onFocus={() => {
          setFocused(true)
          setTyped(null)
        }}
        onBlur={() => {
          setFocused(false)
          setTyped(null)
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
          {matches.slice(0, MAX_SHOWN).map((m, i) => (
            <li key={m} role="option" aria-selected={m === value} style={{ padding: '2px 6px', borderRadius: 4, background: m === value ? token.controlItemBgActive : undefined }}>
              {m}
              {i === 0 && matches.length > 1 && <span style={{ color: token.colorTextTertiary }}> (↓ gợi ý khác)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
