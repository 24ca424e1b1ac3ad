import {
  applyIllegible,
  formatPartialDate,
  getBookType,
  parsePartialDate,
  validateEntry,
  type BookContext,
  type BookTypeCode,
  type EntryFields,
  type EntryIssue,
} from '@hts/domain'
import { compactFields } from '../entries/issues'
import { withDefaultYear } from '../entries/hooks/useFieldAssist'

/**
 * The entry as it will be sent: empty values dropped and dates written the MOJ way even when the
 * keyer saves straight from a date field (its blur has not run), with the rules' findings on it.
 */
export function prepareForSave(
  bookType: BookTypeCode,
  fields: EntryFields,
  illegible: readonly string[],
  book: BookContext,
  year: number,
  yearFields: ReadonlySet<string>,
): { fields: EntryFields; issues: EntryIssue[] } {
  const out = compactFields(fields)
  const issues: EntryIssue[] = []
  for (const field of getBookType(bookType).fields) {
    const raw = out[field.key]
    if (field.kind !== 'partialDate' || raw === undefined) continue
    const parsed = parsePartialDate((yearFields.has(field.key) ? withDefaultYear(raw, year) : null) ?? raw)
    if (parsed.ok) out[field.key] = formatPartialDate(parsed.value)
    else issues.push({ field: field.key, severity: 'error', code: 'date.parse', message: parsed.message })
  }
  const known = new Set(issues.map((i) => i.field))
  issues.push(...validateEntry(bookType, out, book).filter((i) => !(known.has(i.field) && i.severity === 'error')))
  return { fields: out, issues: applyIllegible(issues, illegible) }
}
