import { z } from 'zod'
import { getBookType, isBookTypeCode, LOT_STATUSES, type FieldError, type LotDetail, type LotSampleView, type LotView } from '@hts/domain'
import type { EntryRow } from '../entries'
import type { LotRow, SampleRow } from './repository'

const StoredErrors = z.array(z.object({ field: z.string(), found: z.string(), correct: z.string() }))
type StoredError = z.infer<typeof StoredErrors>[number]

/** The inspector's marks as stored; a row that does not parse counts as unmarked rather than failing the page. */
export function storedErrors(value: unknown): StoredError[] {
  const parsed = StoredErrors.safeParse(value)
  return parsed.success ? parsed.data : []
}

const statusLabel = (status: string) => (Object.hasOwn(LOT_STATUSES, status) ? LOT_STATUSES[status as keyof typeof LOT_STATUSES] : status)

export function presentLot(lot: LotRow, unitName: string, inspectedCount: number): LotView {
  return {
    id: lot.id,
    unitId: lot.custodian_unit_id,
    unitName,
    bookId: lot.book_id,
    phase: lot.phase,
    phaseId: lot.phase_id,
    yearFrom: lot.year_from,
    yearTo: lot.year_to,
    aql: lot.aql,
    inspectionLevel: lot.inspection_level,
    lotSize: lot.lot_size,
    codeLetter: lot.code_letter,
    sampleSize: lot.sample_size,
    acceptanceNumber: lot.acceptance_number,
    rejectionNumber: lot.rejection_number,
    seed: lot.seed,
    unitPrice: lot.unit_price,
    amount: lot.lot_size * lot.unit_price,
    status: lot.status,
    statusLabel: statusLabel(lot.status),
    inspectedCount,
    defectiveEntries: lot.defective_entries,
    fieldErrors: lot.field_errors,
    previousLotId: lot.previous_lot_id,
    createdAt: lot.created_at,
    decidedAt: lot.decided_at,
  }
}

const labelOf = (bookType: string, field: string) =>
  (isBookTypeCode(bookType) ? getBookType(bookType).fields.find((f) => f.key === field)?.label : undefined) ?? field

export function presentLotDetail(lot: LotRow, unitName: string, samples: readonly SampleRow[], entries: ReadonlyMap<string, EntryRow>, names: ReadonlyMap<string, string>): LotDetail {
  const views: LotSampleView[] = []
  const byField = new Map<string, { label: string; count: number }>()
  const byKeyer = new Map<string | null, { sampled: number; defective: number; fieldErrors: number }>()
  for (const s of samples) {
    const entry = entries.get(s.entry_id)
    if (!entry) continue
    const errors = storedErrors(s.errors).map((e): FieldError & { found: string; label: string } => ({ ...e, label: labelOf(entry.book_type, e.field) }))
    for (const e of errors) {
      const counted = byField.get(e.field) ?? { label: e.label, count: 0 }
      counted.count += 1
      byField.set(e.field, counted)
    }
    const keyer = byKeyer.get(s.keyed_by) ?? { sampled: 0, defective: 0, fieldErrors: 0 }
    keyer.sampled += 1
    keyer.defective += errors.length > 0 ? 1 : 0
    keyer.fieldErrors += errors.length
    byKeyer.set(s.keyed_by, keyer)
    views.push({
      entryId: s.entry_id,
      position: s.position,
      bookId: entry.book_id,
      bookType: entry.book_type as LotSampleView['bookType'],
      so: entry.so,
      subjectName: entry.subject_name,
      keyedBy: s.keyed_by,
      keyedByName: s.keyed_by ? (names.get(s.keyed_by) ?? null) : null,
      inspected: s.inspected_at !== null,
      errors,
    })
  }
  return {
    ...presentLot(lot, unitName, views.filter((v) => v.inspected).length),
    samples: views,
    errorsByField: [...byField].map(([field, v]) => ({ field, label: v.label, count: v.count })).sort((a, b) => b.count - a.count),
    errorsByKeyer: [...byKeyer].map(([keyedBy, v]) => ({ keyedBy, name: keyedBy ? (names.get(keyedBy) ?? null) : null, ...v })),
  }
}
