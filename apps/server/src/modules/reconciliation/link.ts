/**
 * Linking a personal ID to an entry (DOMAIN.md §5, §9): the number must be a valid 12-digit ID; it
 * is written into the entry's ID field (nksSoDinhDanh...) only when the book left it empty (what
 * the book says is never overwritten: a different number is a mismatch for the follow-up list);
 * its sex and birth-year digits are checked against the entry and any disagreement is returned as
 * a warning for a person to look at.
 */
import { checkPersonalIdAgainst, getBookType, isBookTypeCode, parseDateParts, sexCodeOf, validatePersonalId, type IdWarning } from '@hts/domain'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { unprocessable } from '../../http/errors'
import type { Actor } from '../audit'
import { patchEntryFields, type EntryRow } from '../entries'

export interface LinkOutcome {
  written: boolean
  field: string | null
  warnings: IdWarning[]
}

export function checkLinkable(personalId: string | null): string {
  if (!personalId) throw unprocessable('Người được chọn trong dữ liệu dân cư chưa có số định danh: không liên kết được, hãy tra cứu lại với công an')
  const checked = validatePersonalId(personalId)
  if (!checked.ok) throw unprocessable(`Số định danh trong dữ liệu dân cư không hợp lệ: ${checked.message}`)
  return checked.id
}

/**
 * Writes the ID through the entries module's patch command: the entry must still be at the version
 * given (the one the decision was taken on), or nothing is written and the caller answers 409.
 */
export async function linkPersonalId(trx: Transaction<Database>, entry: EntryRow, personalId: string, actor: Actor): Promise<LinkOutcome> {
  if (!isBookTypeCode(entry.book_type)) return { written: false, field: null, warnings: [] }
  const def = getBookType(entry.book_type)
  const sex = def.subject.sexKey ? sexCodeOf(entry.fields[def.subject.sexKey]) : undefined
  const birthYear = def.subject.birthDateKey ? parseDateParts(entry.fields[def.subject.birthDateKey])?.year : undefined
  const warnings = checkPersonalIdAgainst(personalId, { sex, birthYear })
  const key = def.subject.personalIdKey
  if (!key || (entry.fields[key] ?? '').trim() !== '') return { written: false, field: key ?? null, warnings }
  await patchEntryFields(trx, actor, entry, { [key]: personalId }, 'reconcile.link')
  return { written: true, field: key, warnings }
}
