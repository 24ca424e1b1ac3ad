import { FIELD_GROUPS, getBookType, isBookTypeCode, type AgreementReport, type ArbitrationItem, type BookTypeCode } from '@hts/domain'
import type { BookRow } from '../books'
import type { SecondKeying } from './repository'
import { bookLabelOf } from '../review'

/** The field's label with its section: "Họ, chữ đệm, tên" is the child's, the mother's or the father's. */
function labelOf(bookType: string, field: string): string {
  const def = isBookTypeCode(bookType) ? getBookType(bookType).fields.find((f) => f.key === field) : undefined
  return def ? `${FIELD_GROUPS[def.group]} · ${def.label}` : field
}

export function presentArbitrationItem(
  row: SecondKeying & { bookId: string; so: number | null; registrationYear: number | null; currentVersion: number },
  book: BookRow,
  names: ReadonlyMap<string, string>,
  pageIds: string[],
  mayArbitrate: boolean,
): ArbitrationItem {
  return {
    entryId: row.entryId,
    entryVersion: row.currentVersion,
    bookId: row.bookId,
    bookType: book.book_type as BookTypeCode,
    bookLabel: bookLabelOf(book),
    so: row.so,
    registrationYear: row.registrationYear,
    firstKeyer: row.firstKeyer,
    firstKeyerName: row.firstKeyer ? (names.get(row.firstKeyer) ?? null) : null,
    secondKeyer: row.secondKeyer,
    secondKeyerName: names.get(row.secondKeyer) ?? null,
    secondKeyedAt: row.createdAt,
    differences: row.differing.map((field) => ({ field, label: labelOf(book.book_type, field), first: row.firstFields[field] ?? null, second: row.secondFields[field] ?? null })),
    pageIds,
    mayArbitrate,
  }
}

const rate = (agreed: number, compared: number) => (compared === 0 ? null : Math.round((agreed / compared) * 10_000) / 10_000)

export function presentAgreement(
  comparisons: readonly { outcome: string; bookType: string }[],
  rates: { byKeyer: ReadonlyMap<string, { compared: number; agreed: number }>; byField: ReadonlyMap<string, { compared: number; agreed: number }> },
  names: ReadonlyMap<string, string>,
): AgreementReport {
  const bookTypes = [...new Set(comparisons.map((c) => c.bookType))]
  const fieldLabel = (field: string) => bookTypes.map((t) => labelOf(t, field)).find((label) => label !== field) ?? field
  return {
    comparisons: comparisons.length,
    agreedEntries: comparisons.filter((c) => c.outcome === 'agreed').length,
    byKeyer: [...rates.byKeyer].map(([userId, r]) => ({ userId, fullName: names.get(userId) ?? null, ...r, rate: rate(r.agreed, r.compared) })).sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1)),
    byField: [...rates.byField].map(([field, r]) => ({ field, label: fieldLabel(field), ...r, rate: rate(r.agreed, r.compared) })).sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1) || a.field.localeCompare(b.field)),
  }
}
