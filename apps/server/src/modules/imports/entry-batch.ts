/**
 * Writing a batch of imported entries: one multi-row INSERT for the entries and their first
 * revision together (a data-modifying CTE), with the same derived columns as keyed entries.
 */
import { sql, type Transaction } from 'kysely'
import type { BookTypeCode, EntryFields } from '@hts/domain'
import type { Database } from '../../db/schema'
import { derivedColumns } from '../entries/derive'

export interface PendingEntry {
  rowNumber: number
  bookId: string
  custodianUnitId: string
  fields: EntryFields
  status: 'keyed' | 'draft'
  derived: ReturnType<typeof derivedColumns>
}

export function pendingEntry(bookType: BookTypeCode, book: { id: string; custodian_unit_id: string }, rowNumber: number, fields: EntryFields, status: 'keyed' | 'draft'): PendingEntry {
  return { rowNumber, bookId: book.id, custodianUnitId: book.custodian_unit_id, fields, status, derived: derivedColumns(bookType, fields) }
}

/**
 * Inserts the entries and their revision 1 ("import") in one statement; returns the new entry ids.
 * The rows travel as ONE jsonb parameter expanded by jsonb_to_recordset: far fewer parameters to
 * encode than a VALUES list (PGlite spends its time there), same rows on both engines.
 */
export async function insertEntries(
  trx: Transaction<Database>,
  bookType: BookTypeCode,
  entries: readonly PendingEntry[],
  userId: string | null,
  importId: string,
): Promise<string[]> {
  if (entries.length === 0) return []
  const rows = entries.map((e) => ({ book_id: e.bookId, custodian_unit_id: e.custodianUnitId, status: e.status, fields: e.fields, ...e.derived }))
  const result = await sql<{ entry_id: string }>`
    with data as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
        book_id uuid, custodian_unit_id uuid, status text, fields jsonb, so integer, trang_so integer,
        registration_date date, registration_date_precision text, registration_year integer,
        subject_name text, subject_name_folded text, subject_birth_date date, subject_birth_precision text,
        subject_personal_id text)
    ), ins as (
      insert into entries (book_id, custodian_unit_id, book_type, status, fields, so, trang_so, registration_date,
        registration_date_precision, registration_year, subject_name, subject_name_folded, subject_birth_date,
        subject_birth_precision, subject_personal_id, created_by, updated_by, import_id)
      select book_id, custodian_unit_id, ${bookType}, status, fields, so, trang_so, registration_date,
        registration_date_precision, registration_year, subject_name, subject_name_folded, subject_birth_date,
        subject_birth_precision, subject_personal_id, ${userId}::uuid, ${userId}::uuid, ${importId}::uuid
      from data
      returning id, version, status, fields, created_by
    )
    insert into entry_revisions (entry_id, version, status, fields, change_kind, changed_by)
    select id, version, status, fields, 'import', created_by from ins
    returning entry_id`.execute(trx)
  return result.rows.map((r) => r.entry_id)
}

/** Numbers restart every calendar year (Decree 158/2005): (book, year, số) names one entry. */
export function numberKey(bookId: string, d: { so: number | null; registration_year: number | null }): string | null {
  return d.so === null ? null : `${bookId}|${d.registration_year ?? ''}|${d.so}`
}

/** Same số, same registration date: the entry is already there (a re-import), not a new one. */
export function dateKey(d: { registration_date: string | null; registration_date_precision: string | null }): string {
  return `${d.registration_date ?? ''}|${d.registration_date_precision ?? ''}`
}

/** For entries without a number: the whole content (sorted keys), so identical rows can be counted. */
export function contentKey(bookId: string, fields: EntryFields): string {
  return `${bookId}|${JSON.stringify(Object.keys(fields).sort().map((k) => [k, fields[k]]))}`
}
