/**
 * The weights of a run, learned on its own data (issue 15): the first entries of the book are
 * looked up and their candidate pairs compared with the hand priors, expectation-maximisation
 * learns the m-probabilities from them (learnModel in the domain), and the model is kept with the
 * run: every result written with it carries its id, so its explanation is shown later with the
 * weights it was decided with. Too few entries with candidates to learn from: the priors stay.
 */
import { learnModel, PRIOR_MODEL, type EntryPairs, type MatchModel, type MatchSettings } from '@hts/domain'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit'
import type { EngineOptions, EntryForMatch } from './engine'
import { entriesToReconcile } from './repository'
import type { ScoringResult } from './scoring-pool'

/** Entries looked at to learn from (batches of 500, scored in parallel), and the fewest worth learning from. */
export const LEARN_ENTRIES = 2000
export const MIN_LEARN_ENTRIES = 200
/** Fixed: the same book and population learn the same model. */
const SEED = 15

interface LearnRun {
  book: { id: string; custodian_unit_id: string; book_type: string }
  scope: readonly string[]
  settings: MatchSettings
  jobId: string | null
  importId?: string | undefined
  actor: { id: string; unitId: string } | null
  compute: (entries: EntryForMatch[], options: EngineOptions) => Promise<ScoringResult>
}

export async function learnForBook(db: Kysely<Database>, run: LearnRun): Promise<string | null> {
  const batches: EntryForMatch[][] = []
  let cursor: string | null = null
  for (let read = 0; read < LEARN_ENTRIES; ) {
    const { entries, last }: { entries: EntryForMatch[]; last: string | null } = await entriesToReconcile(db, run.book, cursor, undefined, run.importId)
    if (last === null) break
    cursor = last
    read += entries.length
    if (entries.length > 0) batches.push(entries)
  }
  const results = await Promise.all(batches.map((entries) => run.compute(entries, { collect: true })))
  const pairs: EntryPairs[] = results.flatMap((r) => r.pairs ?? []).filter((p) => p.length > 0)
  const populationSize = results.find((r) => r.populationSize !== undefined)?.populationSize
  if (pairs.length < MIN_LEARN_ENTRIES || populationSize === undefined) return null
  const learned = learnModel(pairs, { populationSize, priorInPopulation: run.settings.priorInPopulation, seed: SEED, maxEntries: LEARN_ENTRIES })
  const { model, ...fit } = learned
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('reconciliation_models')
      .values({ custodian_unit_id: run.book.custodian_unit_id, book_id: run.book.id, job_id: run.jobId, model: JSON.stringify(model), fit: JSON.stringify(fit) })
      .returning('id').executeTakeFirstOrThrow()
    // Population records were read to learn: one row, with the entries and records looked at.
    await recordAudit(trx, run.actor, {
      action: 'reconcile.learn',
      entityType: 'book',
      entityId: run.book.id,
      details: {
        jobId: run.jobId,
        modelId: row.id,
        extractIds: [...new Set(results.flatMap((r) => r.extractIds))],
        entryIds: batches.flat().map((e) => e.id),
        populationIds: [...new Set(results.flatMap((r) => r.drafts.flatMap((d) => d.candidates.map((c) => c.id))))],
        fit,
      },
    })
    return row.id
  })
}

/** The stored model read back onto the priors' shape (a level it lacks keeps its prior). */
export function modelFrom(stored: unknown): MatchModel {
  const model: MatchModel = JSON.parse(JSON.stringify(PRIOR_MODEL)) as MatchModel
  if (typeof stored !== 'object' || stored === null) return model
  for (const [field, table] of Object.entries(model) as [keyof MatchModel, Record<string, number>][]) {
    const saved: unknown = (stored as Record<string, unknown>)[field]
    if (typeof saved !== 'object' || saved === null) continue
    for (const level of Object.keys(table)) {
      const m: unknown = (saved as Record<string, unknown>)[level]
      if (typeof m === 'number' && m > 0 && m <= 1) table[level] = m
    }
  }
  return model
}

export async function modelOf(db: Kysely<Database>, id: string | null | undefined): Promise<MatchModel | undefined> {
  if (!id) return undefined
  const row = await db.selectFrom('reconciliation_models').select('model').where('id', '=', id).executeTakeFirst()
  return row ? modelFrom(typeof row.model === 'string' ? JSON.parse(row.model) : row.model) : undefined
}

/** The learned models of some results, for their explanations (m by field and level, how many entries, when). */
export async function learnedModels(db: Kysely<Database>, ids: readonly string[]) {
  const unique = [...new Set(ids)]
  const out = new Map<string, { m: Record<string, Record<string, number>>; entries: number; createdAt: Date }>()
  if (unique.length === 0) return out
  const rows = await db.selectFrom('reconciliation_models').select(['id', 'model', 'fit', 'created_at']).where('id', 'in', unique).execute()
  for (const row of rows) {
    const fit: unknown = typeof row.fit === 'string' ? JSON.parse(row.fit) : row.fit
    const entries = typeof fit === 'object' && fit !== null && 'entries' in fit && typeof fit.entries === 'number' ? fit.entries : 0
    const model = modelFrom(typeof row.model === 'string' ? JSON.parse(row.model) : row.model)
    out.set(row.id, { m: Object.fromEntries(Object.entries(model).map(([field, table]) => [field, { ...table }])), entries, createdAt: row.created_at })
  }
  return out
}
