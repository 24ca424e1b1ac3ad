/**
 * Reconciles a batch of entries: a narrow lookup for all of them, a broad one for those it leaves
 * unresolved, a family one then a loose one for those still unresolved (see SearchOptions), then Fellegi-Sunter
 * scoring and the outcome per entry, with the explanation of the candidates worth showing kept
 * beside it.
 */
import { comparisonsOf, corroborated, decide, entryScorer, familyKey, type BookTypeCode, type Decision, type EntryPairs, type FieldScore, type MatchField, type MatchModel, type MatchSettings, type PairScore } from '@hts/domain'
import type { Candidate, CandidateSnapshot, LookupQuery, LookupResult, PopulationLookup } from '../population'
import { entryPerson } from './entry-person'

export interface EntryForMatch {
  id: string
  book_id: string
  custodian_unit_id: string
  book_type: string
  fields: Record<string, string>
}

/** A field's comparison as stored (labels are added when shown; u and partial serve learning only). */
export type StoredField = Omit<FieldScore, 'label' | 'u' | 'partial'>

export interface CandidateView {
  id: string
  extractId: string | null
  personalId: string | null
  /** Online service only (local records are read again when shown). */
  snapshot?: CandidateSnapshot
  probability: number
  weight: number
  fields: StoredField[]
}

export type ResultOutcome = 'match' | 'mismatch' | 'not_found' | 'ambiguous' | 'not_checked'

export interface ResultDraft {
  entryId: string
  bookId: string
  custodianUnitId: string
  source: 'local' | 'http'
  outcome: ResultOutcome
  probability: number | null
  candidates: CandidateView[]
  chosenIndex: number | null
  differences: MatchField[]
  message: string | null
  populationSize: number | null
}

const NO_NAME = 'Trường hợp chưa có họ tên người được đăng ký: nhập họ tên rồi đối chiếu lại'
const round = (p: number) => Math.round(p * 1e6) / 1e6

interface Scored {
  q: LookupQuery
  candidates: Candidate[]
  scores: PairScore[]
  decision: Decision
}

/**
 * `earlier`: what the previous stages found for the entry; their candidates keep their scores (a
 * pair's score depends only on the entry, the candidate, the model and the extract's frequencies,
 * none of which change between stages), only the new ones are scored. `loose`: the candidates are
 * those of the loose stage, proposed only when corroborated (see corroborated in the domain).
 */
function score(q: LookupQuery, result: Extract<LookupResult, { status: 'ok' }>, settings: MatchSettings, model: MatchModel | undefined, earlier?: Scored, loose = false): Scored {
  const more = result.candidates.get(q.ref) ?? []
  const before = earlier?.candidates ?? []
  const seen = new Set(before.map((c) => c.id))
  const added = more.filter((c) => !seen.has(c.id))
  const candidates = [...before, ...added]
  let scores = earlier?.scores ?? []
  if (added.length > 0) {
    const scoreOf = entryScorer(q.person, result.frequencies, model)
    scores = [...scores, ...added.map((c) => scoreOf(c.person))]
  }
  const decision = decide(scores, result.populationSize, settings)
  return { q, candidates, scores, decision: loose ? corroborated(decision, scores, before.length) : decision }
}

/**
 * Candidates kept with a result: the proposed person and a runner-up worth a look; up to five to
 * choose from when ambiguous; the nearest one when nobody was found. A candidate holding the ID
 * written in the book is always kept.
 */
function kept({ decision, scores }: Scored): number[] {
  const { ranked, outcome } = decision
  const limit = outcome === 'ambiguous' ? 5 : outcome === 'not_found' ? 1 : 2
  const floor = outcome === 'not_found' ? 1e-6 : 0.001
  const keep = ranked.filter((r, i) => i < limit && (r.probability >= floor || (outcome === 'ambiguous' && i < 2))).map((r) => r.index)
  const sameId = scores.findIndex((s) => s.sameId)
  if (sameId >= 0 && !keep.includes(sameId)) keep.push(sameId)
  return keep
}

export interface EngineOptions {
  /** The m-probabilities learned for the run (the priors when absent). */
  model?: MatchModel
  /** Also return every entry's candidate pairs as comparisons, for learning m (learn.ts). */
  collect?: boolean
}

export async function reconcileEntries(
  lookup: PopulationLookup,
  scopeUnitIds: readonly string[],
  entries: readonly EntryForMatch[],
  settings: MatchSettings,
  options: EngineOptions = {},
): Promise<{ drafts: ResultDraft[]; extractIds: string[]; pairs?: EntryPairs[]; populationSize?: number }> {
  const { model } = options
  const byId = new Map(entries.map((e) => [e.id, e]))
  const base = (id: string) => {
    const e = byId.get(id) as EntryForMatch
    return { entryId: e.id, bookId: e.book_id, custodianUnitId: e.custodian_unit_id, source: lookup.source }
  }
  const notChecked = (id: string, message: string): ResultDraft => ({
    ...base(id), outcome: 'not_checked', probability: null, candidates: [], chosenIndex: null, differences: [], message, populationSize: null,
  })
  const queries: LookupQuery[] = []
  const drafts = new Map<string, ResultDraft>()
  for (const e of entries) {
    const { input, person } = entryPerson(e.book_type as BookTypeCode, e.fields)
    if (!person.name) drafts.set(e.id, notChecked(e.id, NO_NAME))
    else queries.push({ ref: e.id, input, person })
  }
  if (queries.length === 0) return { drafts: entries.map((e) => drafts.get(e.id) as ResultDraft), extractIds: [] }

  const narrow = await lookup.search(scopeUnitIds, queries)
  if (narrow.status === 'unavailable') {
    for (const q of queries) drafts.set(q.ref, notChecked(q.ref, narrow.message))
    return { drafts: entries.map((e) => drafts.get(e.id) as ResultDraft), extractIds: [] }
  }
  const scored = new Map(queries.map((q) => [q.ref, score(q, narrow, settings, model)]))
  const unresolved = lookup.progressive ? queries.filter((q) => scored.get(q.ref)?.decision.chosen === undefined) : []
  if (unresolved.length > 0) {
    const broad = await lookup.search(scopeUnitIds, unresolved, { broad: true })
    if (broad.status === 'ok') {
      for (const q of unresolved) scored.set(q.ref, score(q, broad, settings, model, scored.get(q.ref)))
    }
  }
  const stillOpen = unresolved.filter((q) => scored.get(q.ref)?.decision.chosen === undefined && familyKey(q.person) !== undefined)
  if (stillOpen.length > 0) {
    const family = await lookup.search(scopeUnitIds, stillOpen, { family: true })
    if (family.status === 'ok') {
      for (const q of stillOpen) scored.set(q.ref, score(q, family, settings, model, scored.get(q.ref)))
    }
  }
  const lastOpen = unresolved.filter((q) => scored.get(q.ref)?.decision.chosen === undefined)
  if (lastOpen.length > 0) {
    const loose = await lookup.search(scopeUnitIds, lastOpen, { loose: true })
    if (loose.status === 'ok') {
      for (const q of lastOpen) scored.set(q.ref, score(q, loose, settings, model, scored.get(q.ref), true))
    }
  }

  for (const [ref, s] of scored) {
    const keep = kept(s)
    const probability = new Map(s.decision.ranked.map((r) => [r.index, r.probability]))
    const views: CandidateView[] = keep.flatMap((i) => {
      const candidate = s.candidates[i]
      const pair = s.scores[i]
      if (!candidate || !pair) return []
      const fields = pair.fields.map(({ label: _label, u: _u, partial: _partial, ...rest }) => rest)
      return [{
        id: candidate.id,
        extractId: candidate.extractId,
        personalId: candidate.person.personalId ?? null,
        ...(candidate.snapshot ? { snapshot: candidate.snapshot } : {}),
        probability: round(probability.get(i) ?? 0),
        weight: pair.weight,
        fields,
      }]
    })
    const chosenIndex = s.decision.chosen === undefined ? -1 : keep.indexOf(s.decision.chosen)
    drafts.set(ref, {
      ...base(ref),
      outcome: s.decision.outcome,
      probability: s.decision.ranked[0] ? round(s.decision.ranked[0].probability) : null,
      candidates: views,
      chosenIndex: chosenIndex >= 0 ? chosenIndex : null,
      differences: s.decision.differences,
      message: null,
      populationSize: narrow.populationSize,
    })
  }
  const pairs = options.collect ? [...scored.values()].map((s) => s.scores.map((p) => comparisonsOf(p.fields))) : undefined
  return { drafts: entries.map((e) => drafts.get(e.id) as ResultDraft), extractIds: narrow.extractIds, ...(pairs ? { pairs, populationSize: narrow.populationSize } : {}) }
}
