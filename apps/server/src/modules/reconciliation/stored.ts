/**
 * Candidates as kept in reconciliation_results.candidates. Hundreds of results are written per
 * batch, so a local candidate is kept as its record id, extract, personal ID and the comparison
 * (each field a short tuple); the record itself is read again when shown. A record whose extract
 * has since been replaced is gone: the proposal is stale and the entry must be reconciled again.
 * Candidates from an online service keep the record as the service returned it.
 */
import type { MatchField } from '@hts/domain'
import type { CandidateSnapshot } from '../population/lookup'
import type { CandidateView, StoredField } from './engine'

/** [field, level, weight, differs (1/0), note?] */
type FieldTuple = [MatchField, string, number, 0 | 1] | [MatchField, string, number, 0 | 1, string]

export interface StoredCandidate {
  id: string
  x: string | null
  pid: string | null
  /** Online service only. */
  person?: Partial<CandidateSnapshot>
  p: number
  w: number
  f: FieldTuple[]
}

export function toStored(view: CandidateView): StoredCandidate {
  const f = view.fields.map((x): FieldTuple => (x.note ? [x.field, x.level, x.weight, x.differs ? 1 : 0, x.note] : [x.field, x.level, x.weight, x.differs ? 1 : 0]))
  const stored: StoredCandidate = { id: view.id, x: view.extractId, pid: view.personalId, p: view.probability, w: view.weight, f }
  if (view.snapshot) stored.person = Object.fromEntries(Object.entries(view.snapshot).filter(([, v]) => v !== null && v !== '')) as Partial<CandidateSnapshot>
  return stored
}

const SNAPSHOT_KEYS: readonly (keyof CandidateSnapshot)[] = [
  'id', 'extractId', 'personalId', 'fullName', 'birthDate', 'sex', 'birthplace', 'homeTown', 'ethnicity', 'nationality',
  'motherName', 'motherPersonalId', 'fatherName', 'fatherPersonalId', 'residence',
]

export interface ShownCandidate {
  id: string
  /** The population record, or null when it is no longer in the population data (stale proposal). */
  person: CandidateSnapshot | null
  personalId: string | null
  probability: number
  weight: number
  fields: StoredField[]
}

export function fromStored(stored: StoredCandidate, records: ReadonlyMap<string, CandidateSnapshot>): ShownCandidate {
  const person = stored.person
    ? (Object.fromEntries(SNAPSHOT_KEYS.map((k) => [k, stored.person?.[k] ?? null])) as unknown as CandidateSnapshot)
    : (records.get(stored.id) ?? null)
  const fields: StoredField[] = stored.f.map(([field, level, weight, differs, note]) => ({ field, level, weight, differs: differs === 1, ...(note ? { note } : {}) }))
  return { id: stored.id, person, personalId: stored.pid, probability: stored.p, weight: stored.w, fields }
}

/** Local records of stored candidates (to read them in one query). */
export const recordRefs = (candidates: readonly StoredCandidate[]) => candidates.filter((c) => !c.person).map((c) => ({ id: c.id, extractId: c.x }))
