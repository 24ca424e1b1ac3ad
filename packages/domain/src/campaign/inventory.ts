/**
 * The appendix table of the plans (phụ lục: STT, Loại sổ, Tổng số trường hợp, Đã có trong CSDL hộ
 * tịch điện tử, Phải nhập, Ghi chú), computed from the book inventory and the plan.
 */

export interface AppendixSource {
  bookType: string
  label: string
  /** Entries the unit's plan counts for this type (null: no plan, or the plan has no line). */
  planned: number | null
  /** Entries the register holds for this type in the phase (every status but withdrawn). */
  counted: number
  /** Entries approved or handed over: what the electronic civil-status database has or will take as is. */
  inDatabase: number
  /** Condition notes of the lost or damaged books of this type. */
  notes: readonly string[]
}

export interface AppendixRow {
  stt: number | null
  bookType: string | null
  label: string
  total: number
  inDatabase: number
  toKey: number
  note: string
}

export const APPENDIX_HEADINGS = ['STT', 'Loại sổ', 'Tổng số trường hợp', 'Đã có trong CSDL hộ tịch điện tử', 'Phải nhập', 'Ghi chú'] as const

/** One row per type, then the total ("Tổng cộng"): the plan's figure when there is one, else the inventory's. */
export function appendixRows(sources: readonly AppendixSource[]): AppendixRow[] {
  const rows: AppendixRow[] = sources.map((s, i) => {
    const total = s.planned ?? s.counted
    return { stt: i + 1, bookType: s.bookType, label: s.label, total, inDatabase: s.inDatabase, toKey: Math.max(total - s.inDatabase, 0), note: s.notes.join('; ') }
  })
  const sum = (key: 'total' | 'inDatabase' | 'toKey') => rows.reduce((n, r) => n + r[key], 0)
  return [...rows, { stt: null, bookType: null, label: 'Tổng cộng', total: sum('total'), inDatabase: sum('inDatabase'), toKey: sum('toKey'), note: '' }]
}

/**
 * "Tổng số" of several units together: each unit's planned figure where it has a plan line, else
 * what its inventory counts; null when no unit has planned (the appendix then shows the count).
 */
export function combinePlanned(units: ReadonlyArray<{ planned: number | null; counted: number }>): number | null {
  if (units.every((u) => u.planned === null)) return null
  return units.reduce((n, u) => n + (u.planned ?? u.counted), 0)
}
