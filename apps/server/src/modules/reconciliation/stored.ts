/**
 * Candidates as kept in reconciliation_results.candidates. Hundreds of results are written per
 * batch, so a local candidate is kept as its record id, extract, personal ID and the comparison
 * (each field a short tuple); the record itself is read again when shown. A record whose extract
 * has since been replaced is gone: the proposal is stale and the entry must be reconciled again.
 * Candidates from an online service keep the record as the service returned it.
 */
import { MatchFieldSchema } from '@hts/domain'
import { z } from 'zod'
import type { CandidateSnapshot } from '../population'
import type { CandidateView, StoredField } from './engine'

const Differs = z.union([z.literal(0), z.literal(1)])
/** [field, level, weight, differs (1/0), note?] */
const FieldTuple = z.union([
  z.tuple([MatchFieldSchema, z.string(), z.number(), Differs]),
  z.tuple([MatchFieldSchema, z.string(), z.number(), Differs, z.string()]),
])
type FieldTuple = z.infer<typeof FieldTuple>

const orNull = z.string().nullable().default(null)
/** A service's record is kept without its empty values: read back, they are null again. */
const StoredPerson = z.object({
  id: z.string(),
  extractId: orNull,
  personalId: orNull,
  fullName: z.string().default(''),
  birthDate: orNull,
  sex: orNull,
  birthplace: orNull,
  homeTown: orNull,
  ethnicity: orNull,
  nationality: orNull,
  motherName: orNull,
  motherPersonalId: orNull,
  fatherName: orNull,
  fatherPersonalId: orNull,
  residence: orNull,
}) satisfies z.ZodType<CandidateSnapshot, Partial<CandidateSnapshot>>

const StoredCandidateSchema = z.object({
  id: z.string(),
  x: z.string().nullable(),
  pid: z.string().nullable(),
  /** Online service only. */
  person: StoredPerson.optional(),
  p: z.number(),
  w: z.number(),
  f: z.array(FieldTuple),
})
/** As written (a service's record without its empty values)... */
export type StoredCandidate = z.input<typeof StoredCandidateSchema>
/** ...and as read back. */
export type ReadCandidate = z.output<typeof StoredCandidateSchema>

/** reconciliation_results.candidates */
export const StoredCandidates = z.array(StoredCandidateSchema)
/** reconciliation_results.differences: the fields on which the proposed person differs from the book. */
export const StoredDifferences = z.array(MatchFieldSchema)

export function toStored(view: CandidateView): StoredCandidate {
  const f = view.fields.map((x): FieldTuple => (x.note ? [x.field, x.level, x.weight, x.differs ? 1 : 0, x.note] : [x.field, x.level, x.weight, x.differs ? 1 : 0]))
  const stored: StoredCandidate = { id: view.id, x: view.extractId, pid: view.personalId, p: view.probability, w: view.weight, f }
  if (view.snapshot) {
    const { id, ...rest } = view.snapshot
    stored.person = { id, ...Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')) }
  }
  return stored
}

export interface ShownCandidate {
  id: string
  /** The population record, or null when it is no longer in the population data (stale proposal). */
  person: CandidateSnapshot | null
  personalId: string | null
  probability: number
  weight: number
  fields: StoredField[]
}

export function fromStored(stored: ReadCandidate, records: ReadonlyMap<string, CandidateSnapshot>): ShownCandidate {
  const person = stored.person ?? records.get(stored.id) ?? null
  const fields: StoredField[] = stored.f.map(([field, level, weight, differs, note]) => ({ field, level, weight, differs: differs === 1, ...(note ? { note } : {}) }))
  return { id: stored.id, person, personalId: stored.pid, probability: stored.p, weight: stored.w, fields }
}

/** Local records of stored candidates (to read them in one query). */
export const recordRefs = (candidates: readonly ReadCandidate[]) => candidates.filter((c) => !c.person).map((c) => ({ id: c.id, extractId: c.x }))
