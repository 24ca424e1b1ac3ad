import { validateEntry, type BookContext, type BookTypeCode, type EntryFields, type EntryIssue } from '@hts/domain'
import { useEffect, useState } from 'react'

function runRules(bookType: BookTypeCode, fields: EntryFields, book: BookContext): EntryIssue[] {
  try {
    return validateEntry(bookType, fields, book)
  } catch (err) {
    // A rule that throws must not take the form down; the server checks again on save.
    console.error('validateEntry failed', err)
    return []
  }
}

export interface LiveValidation {
  issues: EntryIssue[]
  /** The values the issues were computed from: issues about a field changed since are stale. */
  basis: EntryFields
}

/** The catalog rules run in the browser as the user types, settled for `delayMs` before each run. */
export function useLiveValidation(bookType: BookTypeCode, fields: EntryFields, book: BookContext, delayMs = 300): LiveValidation {
  const [result, setResult] = useState<LiveValidation>(() => ({ issues: runRules(bookType, fields, book), basis: fields }))
  const { year, openedOn, closedOn } = book

  useEffect(() => {
    const timer = window.setTimeout(
      () => setResult({ issues: runRules(bookType, fields, { year, openedOn, closedOn }), basis: fields }),
      delayMs,
    )
    return () => window.clearTimeout(timer)
  }, [bookType, fields, year, openedOn, closedOn, delayMs])

  return result
}
