/**
 * The population lookup service: given entries (a person's name, birth date, sex, parents and
 * personal ID when the book has one), the candidates the population data holds for each. Two
 * implementations: the local extracts (lookup-local.ts) and an online service (lookup-http.ts,
 * contract in docs/POPULATION-LOOKUP.md). A service that cannot answer says "unavailable": the
 * entries stay "not checked yet", never "not found".
 */
import type { FrequencyTable, MatchPerson, PersonInput } from '@hts/domain'

export interface LookupQuery {
  /** The caller's reference (entry id), echoed in the answer. */
  ref: string
  /** As written in the book, for services that take text. */
  input: PersonInput
  /** Prepared once, for blocking keys and scoring. */
  person: MatchPerson
}

/** A population record as shown beside the book's data (and kept with the result). */
export interface CandidateSnapshot {
  /** Local row id, or the service's record id. */
  id: string
  extractId: string | null
  personalId: string | null
  fullName: string
  birthDate: string | null
  sex: string | null
  birthplace: string | null
  homeTown: string | null
  ethnicity: string | null
  nationality: string | null
  motherName: string | null
  motherPersonalId: string | null
  fatherName: string | null
  fatherPersonalId: string | null
  residence: string | null
}

export interface Candidate {
  id: string
  /** The local extract holding the record (null for an online service). */
  extractId: string | null
  person: MatchPerson
  /**
   * The whole record, when the service returned it with the candidates (online service). Local
   * records are read again when shown (snapshots.ts): a proposal made against an extract that has
   * since been replaced is stale and must be reconciled again.
   */
  snapshot?: CandidateSnapshot
}

export type LookupResult =
  | {
      status: 'ok'
      source: 'local' | 'http'
      /** People searched (N of the matching model's prior). */
      populationSize: number
      frequencies: FrequencyTable
      /** By query ref. */
      candidates: Map<string, Candidate[]>
      /** Extracts searched (kept with the audit row). */
      extractIds: string[]
    }
  | { status: 'unavailable'; source: 'local' | 'http'; message: string }

export interface SearchOptions {
  /**
   * Search only among everyone with the same surname, given name and birth year. The narrow search
   * (personal ID; full birth date with sex and surname, or with the given name; name with day and
   * month) finds almost every person; the broad one is for entries it leaves unresolved (a
   * year-only date, a mistyped day) and costs far more rows for common names. Callers merge the
   * two answers.
   */
  broad?: boolean
  /**
   * The last stage, for entries both others leave unresolved: people of the same name and birth
   * year with the same mother or father (familyKey), so that a date whose day and month were both
   * miscopied is still found; bounded per entry.
   */
  family?: boolean
  /**
   * After the family search, for entries still without a proposed person: keys that drop one name
   * but keep its initial (a mistyped given name or surname with a year off, a year-only date or no
   * mother: see blockingKeys in the domain).
   */
  loose?: boolean
}

export interface PopulationLookup {
  readonly source: 'local' | 'http'
  /** By personal ID and/or by name + birth date + sex + parents, for many entries at once. */
  search(scopeUnitIds: readonly string[], queries: readonly LookupQuery[], options?: SearchOptions): Promise<LookupResult>
  /** True when a broad search can find more than the narrow one (local extracts). */
  readonly progressive: boolean
}
