/**
 * Entries counted per book and status for the campaign's book inventory (issue 13): a plain grouped
 * read of this module's table, optionally limited to a phase (book types and registration window,
 * months inclusive; an entry with only a year counts when the year is inside the window's years,
 * one without a year is in no phase). Withdrawn entries (duplicates) are not counted.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'

export interface InventoryPhaseFilter {
  bookTypes: readonly string[]
  /** 'yyyy-mm' */
  windowFrom: string
  windowTo: string
}

export interface BookStatusCount {
  bookId: string
  bookType: string
  status: string
  count: number
}

export async function entryCountsByBook(db: Kysely<Database>, filter: { unitIds: readonly string[]; phase?: InventoryPhaseFilter | undefined }): Promise<BookStatusCount[]> {
  if (filter.unitIds.length === 0) return []
  let query = db.selectFrom('entries')
    .select(['book_id', 'book_type', 'status', sql<number>`count(*)::int`.as('n')])
    .where('custodian_unit_id', 'in', filter.unitIds)
    .where('status', '<>', 'withdrawn')
  const phase = filter.phase
  if (phase) {
    if (phase.bookTypes.length === 0) return []
    const fromYear = Number(phase.windowFrom.slice(0, 4))
    const toYear = Number(phase.windowTo.slice(0, 4))
    query = query.where('book_type', 'in', phase.bookTypes).where(sql<boolean>`case
      when registration_date is not null and registration_date_precision in ('day', 'month')
        then to_char(registration_date, 'YYYY-MM') between ${phase.windowFrom} and ${phase.windowTo}
      else registration_year between ${fromYear} and ${toYear} end`)
  }
  const rows = await query.groupBy(['book_id', 'book_type', 'status']).execute()
  return rows.map((r) => ({ bookId: r.book_id, bookType: r.book_type, status: r.status, count: Number(r.n) }))
}
