/** Keys by which an import recognises entries it has already written (a re-import) or that clash. */
import { createHash } from 'node:crypto'
import type { EntryFields } from '@hts/domain'

/** Numbers restart every calendar year (Decree 158/2005): (book, year, số) names one entry. */
export function numberKey(bookId: string, d: { so: number | null; registration_year: number | null }): string | null {
  return d.so === null ? null : `${bookId}|${d.registration_year ?? ''}|${d.so}`
}

/** Same số, same registration date: the entry is already there (a re-import), not a new one. */
export function dateKey(d: { registration_date: string | null; registration_date_precision: string | null }): string {
  return `${d.registration_date ?? ''}|${d.registration_date_precision ?? ''}`
}

/**
 * For entries without a number: the whole content (sorted keys), so identical rows can be counted.
 * A digest, not the text: an import remembers one per unnumbered row, and a row's text is ~1 kB.
 */
export function contentKey(bookId: string, fields: EntryFields): string {
  return createHash('sha256').update(`${bookId}|${JSON.stringify(Object.keys(fields).sort().map((k) => [k, fields[k]]))}`).digest('base64')
}
