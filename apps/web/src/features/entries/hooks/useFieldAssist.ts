import { canonicalName, formatPartialDate, parsePartialDate, type EntryFields, type FieldDef } from '@hts/domain'
import { useCallback, useState } from 'react'
import type { FieldMessage } from '../issues'

/** Letters present and none of them lower case: "NGUYỄN VĂN AN". */
export function isAllCapitals(s: string): boolean {
  return /\p{L}/u.test(s) && s === s.toUpperCase() && s !== s.toLowerCase()
}

/** "27.08" or "27/8" with the year the book is at: 27.08.2008. A bare "2008" stays a year. */
export function withDefaultYear(raw: string, year: number | undefined): string | null {
  if (year === undefined) return null
  const m = /^(\d{1,2})[./-](\d{1,2})$/.exec(raw.trim())
  if (!m) return null
  return `${m[1]?.padStart(2, '0')}.${m[2]?.padStart(2, '0')}.${year}`
}

const dropKey = <T,>(prev: Record<string, T>, key: string): Record<string, T> => {
  if (!(key in prev)) return prev
  const next = { ...prev }
  delete next[key]
  return next
}

interface Options {
  /** Year for "dd.mm" typed in these fields (the keying workbench: the year of the previous entry). */
  defaultYear?: number
  yearFields?: ReadonlySet<string>
}

/**
 * What happens when the keyer leaves a field: a date typed compactly is written the MOJ way and
 * how it was read is said (never silently), a name typed in capitals gets a title-case offer, and
 * the field counts as visited (its "missing" message may show).
 */
export function useFieldAssist(setFields: (update: (prev: EntryFields) => EntryFields) => void, options: Options = {}) {
  const { defaultYear, yearFields } = options
  const [dateMessages, setDateMessages] = useState<Record<string, FieldMessage[]>>({})
  const [nameSuggestions, setNameSuggestions] = useState<Record<string, string>>({})
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set())

  /** Call on every change of a field: what was said about the old value no longer holds. */
  const onChanged = useCallback((key: string) => {
    setDateMessages((prev) => dropKey(prev, key))
    setNameSuggestions((prev) => dropKey(prev, key))
  }, [])

  const onBlur = useCallback(
    (field: FieldDef, value: string) => {
      setTouched((prev) => (prev.has(field.key) ? prev : new Set(prev).add(field.key)))
      const raw = value.trim()
      if (field.kind === 'partialDate' && raw !== '') {
        const completed = yearFields?.has(field.key) ? withDefaultYear(raw, defaultYear) : null
        const parsed = parsePartialDate(completed ?? raw)
        if (parsed.ok) {
          const formatted = formatPartialDate(parsed.value)
          if (formatted !== value) setFields((prev) => ({ ...prev, [field.key]: formatted }))
          const notes = parsed.warnings.map((message): FieldMessage => ({ severity: 'warning', message }))
          if (completed) notes.push({ severity: 'warning', message: `Năm lấy theo trường hợp trước: ${defaultYear}` })
          setDateMessages((prev) => ({ ...prev, [field.key]: notes }))
        } else {
          setDateMessages((prev) => ({ ...prev, [field.key]: [{ severity: 'error', message: parsed.message }] }))
        }
      }
      if (field.kind === 'personName' && isAllCapitals(raw)) {
        const suggestion = canonicalName(raw)
        if (suggestion && suggestion !== raw) setNameSuggestions((prev) => ({ ...prev, [field.key]: suggestion }))
      }
    },
    [setFields, defaultYear, yearFields],
  )

  const reset = useCallback(() => {
    setDateMessages({})
    setNameSuggestions({})
    setTouched(new Set())
  }, [])

  /** After a save or a reload from the server: how dates were read no longer needs saying. */
  const clearDateMessages = useCallback(() => setDateMessages({}), [])

  return { dateMessages, nameSuggestions, touched, onChanged, onBlur, reset, clearDateMessages }
}
