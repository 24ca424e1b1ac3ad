/**
 * Learning the m-probabilities of the Fellegi-Sunter model from the data at hand, as Splink and
 * fastLink do: expectation-maximisation over the comparison levels of the (entry, candidate) pairs
 * a run's blocking produced. u stays what the population's value frequencies say (the scorer's
 * u of each pair); the hand priors (PRIOR_MODEL) are only the starting point.
 *
 * E-step: each entry has at most one person in the population, so the chance that candidate i is
 * the entry's person is the decision's own P(i) = 2^W(i) / (N·(1−π)/π + Σ_j 2^W(j)) under the
 * current m (decide.ts). M-step: m(level) = expected true pairs at that level / expected true pairs
 * with the field on both sides, kept within [M_FLOOR, M_CEILING] so that a level the sample never
 * shows keeps a finite (strongly negative) weight. Deterministic: entries are sampled with a seeded
 * generator when there are more than `maxEntries`, and EM itself draws nothing.
 */
import { linkProbabilities } from './decide'
import { bySense, levelSense, log2Ratio, PRIOR_MODEL, type MatchModel, type ModelField } from './model'
import type { FieldScore, MatchField } from './score'

export const M_FLOOR = 0.0005
export const M_CEILING = 0.9995
/**
 * Levels whose m is kept low whatever the sample says: a given name that disagrees completely is
 * a relative, not a slip of the key, and must weigh strongly against (log2(0.002 / 0.99) ≈ −9)
 * even when the run's own links to absent twins taught EM otherwise.
 */
export const LEVEL_CEILING: Readonly<Partial<Record<ModelField, Readonly<Record<string, number>>>>> = { name: { otherGiven: 0.002 } }

/** One comparison of a pair: the model field and level, and the u the scorer used. */
export interface Comparison {
  field: ModelField
  level: string
  u: number
}

/** The pairs of one entry (its candidates), as comparisons. */
export type EntryPairs = Comparison[][]

export interface LearnOptions {
  /** People searched (N) and the share of entries expected in the population (π), as decide uses them. */
  populationSize: number
  priorInPopulation: number
  seed?: number
  maxEntries?: number
  maxIterations?: number
  /** Largest change of any m between two iterations that counts as converged. */
  tolerance?: number
  start?: MatchModel
}

export interface LearnedModel {
  model: MatchModel
  iterations: number
  converged: boolean
  entries: number
  pairs: number
  seed: number
}

const MODEL_FIELD: Partial<Record<MatchField, ModelField>> = { name: 'name', mother: 'mother', father: 'father', sex: 'sex', personalId: 'personalId', birthplace: 'place' }

/** The comparisons of a scored pair that the model's m applies to (missing sides and origin codes are left out). */
export function comparisonsOf(fields: readonly FieldScore[]): Comparison[] {
  const out: Comparison[] = []
  for (const f of fields) {
    if (f.level === 'missing' || f.u === undefined) continue
    const field = f.field === 'birthDate' ? (f.partial ? 'datePartial' : 'dateFull') : MODEL_FIELD[f.field]
    if (field) out.push({ field, level: f.level, u: f.u })
  }
  return out
}

function copyModel(model: MatchModel): MatchModel {
  return JSON.parse(JSON.stringify(model)) as MatchModel
}

/** mulberry32: the same seed picks the same entries. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function sample<T>(items: readonly T[], size: number, seed: number): T[] {
  if (items.length <= size) return [...items]
  const random = seeded(seed)
  const copy = [...items]
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (copy.length - i))
    ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
  }
  return copy.slice(0, size)
}

/**
 * EM runs up to 50 passes over every comparison of the sample (2,000 entries, tens of candidates
 * each, against 1M people): each comparison is turned once into indexes of its field and of its
 * (field, level) slot, so that a pass only adds numbers in arrays, in the same order and with the
 * same arithmetic as levelWeight (the learned model is the same to the last bit).
 */
export function learnModel(entries: readonly EntryPairs[], options: LearnOptions): LearnedModel {
  const seed = options.seed ?? 1
  const chosen = sample(entries.filter((e) => e.length > 0), options.maxEntries ?? 5000, seed)
  let model = copyModel(options.start ?? PRIOR_MODEL)
  const maxIterations = options.maxIterations ?? 50
  const tolerance = options.tolerance ?? 1e-4
  let iterations = 0
  let converged = false
  const pairs = chosen.reduce((n, e) => n + e.length, 0)

  const fields = Object.keys(model) as ModelField[]
  const fieldIndex = new Map(fields.map((f, i) => [f, i]))
  const slots: Array<{ field: ModelField; level: string; sense: -1 | 0 | 1 }> = []
  const slotIndex = new Map<string, number>()
  for (const field of fields) {
    for (const level of Object.keys(model[field])) {
      slotIndex.set(`${field}\u0001${level}`, slots.length)
      slots.push({ field, level, sense: levelSense(field, level) })
    }
  }
  // Per comparison, flattened: its field, its slot (-1: a level the model has no m for, weighed at M_FLOOR), its u.
  const compField: number[] = []
  const compSlot: number[] = []
  const compSense: Array<-1 | 0 | 1> = []
  const compU: number[] = []
  // Per entry, its pairs' ends in the flat arrays.
  const pairEnds: number[][] = chosen.map((candidates) =>
    candidates.map((pair) => {
      for (const c of pair) {
        const slot = slotIndex.get(`${c.field}\u0001${c.level}`) ?? -1
        compField.push(fieldIndex.get(c.field) as number)
        compSlot.push(slot)
        compSense.push(slots[slot]?.sense ?? levelSense(c.field, c.level))
        compU.push(c.u)
      }
      return compU.length
    }),
  )
  const m = new Float64Array(slots.length)
  const atLevel = new Float64Array(slots.length)
  const present = new Float64Array(fields.length)
  while (iterations < maxIterations && !converged) {
    iterations++
    slots.forEach((s, i) => (m[i] = (model[s.field] as Record<string, number>)[s.level] as number))
    // E-step: expected true-pair counts per field and level.
    atLevel.fill(0)
    present.fill(0)
    let start = 0
    for (const ends of pairEnds) {
      let k = start
      const weights = ends.map((end) => {
        let w = 0
        for (; k < end; k++) {
          const slot = compSlot[k] as number
          const r = log2Ratio(slot >= 0 ? (m[slot] as number) : M_FLOOR, compU[k] as number)
          w += bySense(compSense[k] ?? 0, r)
        }
        return w
      })
      const p = linkProbabilities(weights, options.populationSize, options.priorInPopulation)
      k = start
      ends.forEach((end, i) => {
        const g = p[i] ?? 0
        for (; k < end; k++) {
          const slot = compSlot[k] as number
          if (slot >= 0) atLevel[slot] = (atLevel[slot] as number) + g
          const f = compField[k] as number
          present[f] = (present[f] as number) + g
        }
      })
      start = k
    }
    // M-step, bounded; fields no pair shows keep their start.
    const next = copyModel(model)
    let change = 0
    for (const field of Object.keys(next) as ModelField[]) {
      const total = present[fieldIndex.get(field) as number] as number
      if (total < 1) continue
      const table = next[field] as Record<string, number>
      for (const level of Object.keys(table)) {
        const mLevel = Math.min(LEVEL_CEILING[field]?.[level] ?? M_CEILING, Math.max(M_FLOOR, (atLevel[slotIndex.get(`${field}\u0001${level}`) as number] as number) / total))
        change = Math.max(change, Math.abs(mLevel - (table[level] as number)))
        table[level] = mLevel
      }
    }
    model = next
    converged = change < tolerance
  }
  return { model, iterations, converged, entries: chosen.length, pairs, seed }
}
