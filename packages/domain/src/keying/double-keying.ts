import { getBookType } from '../catalog'
import type { FieldDef } from '../catalog/types'
import { parsePartialDate } from '../dates/partial-date'
import { canonicalText } from '../text/canonical'

/** A field of a blind double keying whose two values differ after canonical folding. */
export interface KeyingDifference {
  field: string
  first: string | null
  second: string | null
}

export interface KeyingComparison {
  /** Fields that either keyer filled, in book order: the fields the agreement rate counts. */
  compared: string[]
  differences: KeyingDifference[]
}

/**
 * The comparable form of one value, by the field's kind: names, places and text in canonical form
 * (NFC, whitespace, tone placement "Hòa" → "Hoà"), any case; dates by their meaning ("01/02/1990" =
 * "01.02.1990" = "1/2/1990"); numbers and IDs without spaces and leading zeros of a count.
 */
export function comparableValue(field: Pick<FieldDef, 'kind'>, value: string): string {
  const text = canonicalText(value)
  switch (field.kind) {
    case 'partialDate': {
      const parsed = parsePartialDate(text)
      return parsed.ok ? `${parsed.value.precision}:${parsed.value.year}-${parsed.value.month ?? 0}-${parsed.value.day ?? 0}` : text.toLowerCase()
    }
    case 'integer':
      return /^\d+$/.test(text) ? String(Number(text)) : text.toLowerCase()
    case 'personalId':
    case 'idDocumentNumber':
      return text.replace(/[\s.-]/g, '').toUpperCase()
    case 'code':
    case 'text':
    case 'personName':
    case 'place':
      return text.toLowerCase()
  }
}

const present = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value)

/**
 * Compares two blind keyings of the same entry field by field over the book type's catalog (issue 11,
 * double keying): a field both left empty is not counted; one empty and one filled differ.
 */
export function compareKeyings(bookType: string, first: Readonly<Record<string, string>>, second: Readonly<Record<string, string>>): KeyingComparison {
  const compared: string[] = []
  const differences: KeyingDifference[] = []
  for (const field of getBookType(bookType).fields) {
    const a = present(first[field.key])
    const b = present(second[field.key])
    if (a === null && b === null) continue
    compared.push(field.key)
    if (a === null || b === null || comparableValue(field, a) !== comparableValue(field, b)) differences.push({ field: field.key, first: a, second: b })
  }
  return { compared, differences }
}

/** Agreement of a set of comparisons, per keyer and per field: fields agreed over fields compared. */
export interface AgreementRow {
  compared: number
  agreed: number
}

export interface StoredComparison {
  firstKeyer: string | null
  secondKeyer: string
  compared: readonly string[]
  differing: readonly string[]
}

export function agreementRates(comparisons: readonly StoredComparison[]): { byKeyer: Map<string, AgreementRow>; byField: Map<string, AgreementRow> } {
  const byKeyer = new Map<string, AgreementRow>()
  const byField = new Map<string, AgreementRow>()
  const add = (map: Map<string, AgreementRow>, key: string, compared: number, agreed: number) => {
    const row = map.get(key) ?? { compared: 0, agreed: 0 }
    map.set(key, { compared: row.compared + compared, agreed: row.agreed + agreed })
  }
  for (const c of comparisons) {
    const differing = new Set(c.differing)
    const agreed = c.compared.filter((f) => !differing.has(f)).length
    for (const keyer of new Set([c.firstKeyer, c.secondKeyer])) if (keyer) add(byKeyer, keyer, c.compared.length, agreed)
    for (const field of c.compared) add(byField, field, 1, differing.has(field) ? 0 : 1)
  }
  return { byKeyer, byField }
}
