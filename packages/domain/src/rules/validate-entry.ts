/**
 * All entry checks in one call. Required fields and unreadable values are errors (they block
 * "done"); plausibility checks are warnings for a person to look at.
 */
import { bookTypeDefOf, type BookTypeRef } from '../catalog'
import type { EntryFields } from '../catalog/types'
import type { EntryRule, RuleContext } from './context'
import { checkDates } from './dates'
import { checkFieldFormats } from './field-format'
import { checkIdentity } from './identity'
import { checkRequired } from './required'
import type { BookContext, EntryIssue } from './types'

export const ENTRY_RULES: readonly EntryRule[] = [checkRequired, checkFieldFormats, checkDates, checkIdentity]

export interface ValidateEntryOptions {
  /** "Now" for future dates and two-digit years; defaults to the current date. */
  today?: Date
}

export function validateEntry(
  bookType: BookTypeRef,
  fields: EntryFields,
  book?: BookContext,
  options?: ValidateEntryOptions,
): EntryIssue[] {
  const ctx: RuleContext = { def: bookTypeDefOf(bookType), fields, book: book ?? {}, today: options?.today ?? new Date() }
  return ENTRY_RULES.flatMap((rule) => rule(ctx))
}

/**
 * The required fields the entry leaves empty, in catalog order: blocking or, in an old book, only
 * warned about. A parent the registration kind says is unknown is not among them. For listing what
 * the MOJ template needs and the book lacks, without running the other rules.
 */
export function missingRequiredKeys(bookType: BookTypeRef, fields: EntryFields, book?: BookContext): string[] {
  const ctx: RuleContext = { def: bookTypeDefOf(bookType), fields, book: book ?? {}, today: new Date() }
  return checkRequired(ctx).map((i) => i.field)
}

/** True when an issue must be fixed before the entry can be marked done. */
export function hasBlockingIssues(issues: readonly EntryIssue[]): boolean {
  return issues.some((i) => i.severity === 'error')
}
