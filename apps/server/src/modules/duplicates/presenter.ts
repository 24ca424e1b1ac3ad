import type { z } from 'zod'
import type { DuplicatePairView } from '@hts/domain'
import type { PairEntryRow, PairRow } from './repository'

type View = z.input<typeof DuplicatePairView>

const presentEntry = (e: PairEntryRow) => ({
  id: e.id,
  bookId: e.book_id,
  volume: e.volume,
  so: e.so,
  registrationYear: e.registration_year,
  subjectName: e.subject_name,
  status: e.status,
})

/** Both entries are there (foreign keys; entries are withdrawn, never deleted). */
export function presentPair(row: PairRow, a: PairEntryRow, b: PairEntryRow, names: Map<string, string>): View {
  return {
    id: row.id,
    unitId: row.custodian_unit_id,
    unitName: row.unit_name,
    bookType: row.book_type,
    sameNumber: row.same_number,
    sameEvent: row.same_event,
    fields: row.evidence.fields,
    entries: [presentEntry(a), presentEntry(b)],
    status: row.status,
    keptEntryId: row.kept_entry_id,
    decidedBy: row.decided_by ? (names.get(row.decided_by) ?? null) : null,
    decidedAt: row.decided_at,
    foundAt: row.found_at,
  }
}
