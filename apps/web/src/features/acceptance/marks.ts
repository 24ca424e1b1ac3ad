import { lotDecision, type LotDecision, type LotDetail, type LotSampleView } from '@hts/domain'

/** The inspector's marks on one entry: each wrong field with the value the page really shows. */
export type Marks = Readonly<Record<string, string>>

/** The form the server compares and stores (trimmed, NFC), so that a "same value" is caught before sending. */
export const normalizedValue = (value: string) => value.trim().normalize('NFC')

export function marksOf(sample: Pick<LotSampleView, 'errors'>): Marks {
  return Object.fromEntries(sample.errors.map((e) => [e.field, e.correct]))
}

/** Fields whose "right value" is what the register already holds: not an error, the server refuses them. */
export function sameAsStored(marks: Marks, stored: Readonly<Record<string, string>>): string[] {
  return Object.entries(marks).filter(([field, correct]) => normalizedValue(correct) === (stored[field] ?? '')).map(([field]) => field)
}

export function errorsOf(marks: Marks): Array<{ field: string; correct: string }> {
  return Object.entries(marks).map(([field, correct]) => ({ field, correct: normalizedValue(correct) }))
}

export type SampleOutcome = 'pending' | 'right' | 'wrong'

export function sampleOutcome(sample: Pick<LotSampleView, 'inspected' | 'errors'>): SampleOutcome {
  if (!sample.inspected) return 'pending'
  return sample.errors.length > 0 ? 'wrong' : 'right'
}

/** The next sampled entry still to inspect, after this one in sample order, wrapping round; null when all are done. */
export function nextUninspected(samples: readonly LotSampleView[], currentEntryId: string | null): LotSampleView | null {
  const ordered = [...samples].sort((a, b) => a.position - b.position)
  const at = ordered.findIndex((s) => s.entryId === currentEntryId)
  const rotated = at < 0 ? ordered : [...ordered.slice(at + 1), ...ordered.slice(0, at)]
  return rotated.find((s) => !s.inspected) ?? null
}

/** What deciding now would conclude, for the confirmation: the server decides by the same rule. */
export function decisionPreview(lot: Pick<LotDetail, 'samples' | 'acceptanceNumber'>): { defective: number; fieldErrors: number; decision: LotDecision } {
  const wrong = lot.samples.filter((s) => s.errors.length > 0)
  const defective = wrong.length
  return {
    defective,
    fieldErrors: wrong.reduce((n, s) => n + s.errors.length, 0),
    decision: lotDecision({ defects: defective, plan: { acceptance: lot.acceptanceNumber } }),
  }
}

/** AQL as the standard's tables print it, with a Vietnamese decimal comma: 1,0 · 0,065 · 6,5. */
export function formatAql(aql: number): string {
  return `${aql.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 3 })} %`
}
