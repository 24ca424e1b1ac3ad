import { DuplicateCheckView, getBookType, type BookTypeCode, type DuplicateCheckResult } from '@hts/domain'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { requestParsed } from '../../../lib/http'

const DEBOUNCE_MS = 400

/** The fields the check compares (số, dates, names, personal IDs): typing elsewhere sends nothing. */
function compared(bookType: BookTypeCode, fields: Record<string, string>): Record<string, string> | null {
  const def = getBookType(bookType)
  if (!fields.so && !fields[def.subject.nameKey]) return null
  const picked: Record<string, string> = {}
  for (const f of def.fields) {
    const value = fields[f.key]?.trim()
    const used = f.key === 'so' || f.kind === 'personName' || f.kind === 'partialDate' || f.kind === 'personalId'
    if (used && value) picked[f.key] = value
  }
  return picked
}

/**
 * Asks the server, a moment after the keyer stops typing, whether the số is already used this year
 * or the same event is already keyed (issue 12): a warning while typing, never a block on saving.
 */
export function useDuplicateCheck(bookId: string, bookType: BookTypeCode, fields: Record<string, string>, session: string, excludeEntryId?: string) {
  const picked = useMemo(() => compared(bookType, fields), [bookType, fields])
  const key = picked === null ? null : JSON.stringify(picked)
  // The fields a moment after the last keystroke, with the entry they were typed in: right after a
  // save the next entry must not be checked with the fields of the one just saved.
  const [settled, setSettled] = useState<{ session: string; key: string | null }>({ session, key })
  useEffect(() => {
    const id = window.setTimeout(() => setSettled({ session, key }), DEBOUNCE_MS)
    return () => window.clearTimeout(id)
  }, [session, key])
  const current = settled.session === session ? settled.key : null
  const query = useQuery({
    queryKey: ['workbench', 'duplicates', bookId, session, excludeEntryId ?? null, current],
    queryFn: () => requestParsed(DuplicateCheckView, `/api/books/${encodeURIComponent(bookId)}/duplicate-check`, {
      method: 'POST',
      body: { fields: JSON.parse(current ?? '{}') as Record<string, string>, ...(excludeEntryId && { excludeEntryId }) },
    }),
    enabled: current !== null,
    staleTime: 10_000,
    // While the keyer types, the last answer for this entry stays up; never one for the entry before.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[3] === session ? previous : undefined),
  })
  return key === null || current === null ? EMPTY : query.data ?? EMPTY
}

const EMPTY: DuplicateCheckResult = { sameNumber: [], samePerson: [] }
