import type { EntryIssue } from '../rules/types'

/** At most this many fields of one entry can be flagged; more means the page should be rescanned. */
export const MAX_ILLEGIBLE_FIELDS = 200

/**
 * Fields the keyer could not read (khó đọc): the value stays as far as it could be read and the
 * field is flagged. The book is never "fixed" (DOMAIN.md §3), so an error about such a field is a
 * warning for a checker, not a block on "done".
 */
export function applyIllegible(issues: readonly EntryIssue[], illegibleFields: readonly string[]): EntryIssue[] {
  if (illegibleFields.length === 0) return [...issues]
  const flagged = new Set(illegibleFields)
  return issues.map((issue) =>
    issue.severity === 'error' && flagged.has(issue.field)
      ? { ...issue, severity: 'warning', message: `${issue.message} (ô được đánh dấu khó đọc)` }
      : issue,
  )
}

/** Unique keys in the order given, dropping keys the catalog does not know. */
export function cleanIllegibleFields(keys: readonly string[], knownKeys: ReadonlySet<string>): string[] {
  return [...new Set(keys)].filter((k) => knownKeys.has(k))
}
