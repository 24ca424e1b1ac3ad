/**
 * Two entries of one register describing the same event (DOMAIN.md §10): keyed twice from one book,
 * from a book and its duplicate copy, or by two imports. Compared with the reconciliation's own
 * comparators on every name, date and personal ID the catalog declares for the type, so a field
 * added to the catalog takes part without an edit here.
 */
import { getBookType, type BookTypeCode } from '../catalog'
import type { EntryFields } from '../catalog/types'
import { compareDates, DATE_LEVELS, parseDateParts, type DateLevel } from './dates'
import { compareNames, NAME_LEVELS, prepareName, type NameLevel } from './names'
import { cleanPersonalId } from './person'

export interface FieldAgreement {
  key: string
  label: string
  /** agree: supports "same event"; differ: rules it out; weak: neither. */
  verdict: 'agree' | 'weak' | 'differ'
  note: string
}

export interface DuplicateComparison {
  likely: boolean
  fields: FieldAgreement[]
}

const NAME_AGREE: ReadonlySet<NameLevel> = new Set(['exact', 'unaccented', 'middle', 'similar'])
const DATE_AGREE: ReadonlySet<DateLevel> = new Set(['exact', 'compatible'])
const DATE_WEAK: ReadonlySet<DateLevel> = new Set(['swapped', 'near', 'sameYear'])

/**
 * Names and the subject's birth date that differ rule a pair out: a sibling or cousin with the same
 * name and another mother is another person. A date of registration that differs does not (a
 * duplicate copy of a book may be dated on another day), nor does any other date.
 */
function verdictOf(kind: 'name' | 'date' | 'id', level: string, strict: boolean): FieldAgreement['verdict'] {
  if (kind === 'id') return level === 'same' ? 'agree' : 'differ'
  if (kind === 'name') return NAME_AGREE.has(level as NameLevel) ? 'agree' : 'differ'
  if (DATE_AGREE.has(level as DateLevel)) return 'agree'
  return strict && !DATE_WEAK.has(level as DateLevel) ? 'differ' : 'weak'
}

function compareField(kind: 'personName' | 'partialDate' | 'personalId', a: string, b: string): { level: string; note: string } | undefined {
  if (kind === 'personName') {
    const [x, y] = [prepareName(a), prepareName(b)]
    if (!x || !y) return undefined
    const { level } = compareNames(x, y)
    return { level, note: NAME_LEVELS[level] }
  }
  if (kind === 'partialDate') {
    const [x, y] = [parseDateParts(a), parseDateParts(b)]
    if (!x || !y) return undefined
    const level = compareDates(x, y)
    return { level, note: DATE_LEVELS[level] }
  }
  const [x, y] = [cleanPersonalId(a), cleanPersonalId(b)]
  if (!x || !y) return undefined
  return x === y ? { level: 'same', note: 'Trùng số định danh' } : { level: 'other', note: 'Khác số định danh' }
}

/**
 * Likely the same event: the subject's names agree, nothing the two both give rules it out, and at
 * least two more names or dates agree (birth date and mother, or date of registration and father).
 */
export function compareEntries(bookType: BookTypeCode, a: EntryFields, b: EntryFields): DuplicateComparison {
  const def = getBookType(bookType)
  const fields: FieldAgreement[] = []
  for (const field of def.fields) {
    if (field.kind !== 'personName' && field.kind !== 'partialDate' && field.kind !== 'personalId') continue
    const [x, y] = [a[field.key], b[field.key]]
    if (!x || !y) continue
    const compared = compareField(field.kind, x, y)
    if (!compared) continue
    const kind = field.kind === 'personName' ? 'name' : field.kind === 'partialDate' ? 'date' : 'id'
    const strict = field.key === def.subject.birthDateKey
    fields.push({ key: field.key, label: field.label, verdict: verdictOf(kind, compared.level, strict), note: compared.note })
  }
  const subject = fields.find((f) => f.key === def.subject.nameKey)
  const support = fields.filter((f) => f.key !== def.subject.nameKey && f.verdict === 'agree').length
  const likely = subject?.verdict === 'agree' && !fields.some((f) => f.verdict === 'differ') && support >= 2
  return { likely, fields }
}
