/** What every entry rule receives, and the small helpers they share. */
import { findField } from '../catalog'
import { FIELD_GROUPS, type BookTypeDef, type EntryFields, type FieldDef } from '../catalog/types'
import { parsePartialDate, type PartialDate } from '../dates/partial-date'
import type { BookContext, EntryIssue, IssueSeverity } from './types'

export interface RuleContext {
  def: BookTypeDef
  fields: EntryFields
  book: BookContext
  /** "Now" for future dates and two-digit years; tests pin it. */
  today: Date
}

export type EntryRule = (ctx: RuleContext) => EntryIssue[]

/** The value of a field, trimmed; undefined when absent or empty (an empty string counts as missing). */
export function valueOf(ctx: RuleContext, key: string): string | undefined {
  const value = ctx.fields[key]?.trim()
  return value === undefined || value === '' ? undefined : value
}

export function fieldDef(ctx: RuleContext, key: string): FieldDef | undefined {
  return findField(ctx.def, key)
}

/**
 * How a message names a field: its catalog label, and whose it is when the label alone is
 * ambiguous ("Họ, chữ đệm, tên (Thông tin người mẹ)"). The entry's own subject needs no suffix.
 */
export function fieldName(def: FieldDef): string {
  return def.group === 'registration' || def.group === 'person' ? def.label : `${def.label} (${FIELD_GROUPS[def.group]})`
}

export function nameOf(ctx: RuleContext, key: string): string {
  const def = fieldDef(ctx, key)
  return def ? fieldName(def) : key
}

export function issue(field: string, severity: IssueSeverity, code: string, message: string): EntryIssue {
  return { field, severity, code, message }
}

/** The field's date when it is present and valid (format errors are reported by field-format). */
export function dateOf(ctx: RuleContext, key: string): PartialDate | undefined {
  let dates = datesOf.get(ctx)
  if (!dates) datesOf.set(ctx, (dates = new Map()))
  if (dates.has(key)) return dates.get(key)
  const value = valueOf(ctx, key)
  let date: PartialDate | undefined
  if (value !== undefined && fieldDef(ctx, key)?.kind === 'partialDate') {
    const parsed = parsePartialDate(value, { today: ctx.today })
    if (parsed.ok) date = parsed.value
  }
  dates.set(key, date)
  return date
}

/**
 * The year of the book's form: the year it was opened (a book keeps its form for all its years),
 * or the entry's registration year when no book is known; undefined when neither is.
 */
export function bookYearOf(ctx: RuleContext): number | undefined {
  if (ctx.book.year !== undefined) return ctx.book.year
  if (ctx.book.openedOn) return Number(ctx.book.openedOn.slice(0, 4))
  return dateOf(ctx, 'ngayDangKy')?.year
}

/** Several rules read the same dates of one entry: parsed once per validation. */
const datesOf = new WeakMap<RuleContext, Map<string, PartialDate | undefined>>()
