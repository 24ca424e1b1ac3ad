/**
 * Reconciling whole books: entries go by batches of 500 (one lookup, one write, one audit row per
 * batch, so PGlite is never held for long), the position is saved after each batch, and the
 * background job 'reconcile.batch' resumes from it after a restart.
 */
import type { Kysely } from 'kysely'
import { MATCH_OUTCOME_CODES, type MatchSettings } from '@hts/domain'
import { z } from 'zod'
import type { Database } from '../../db/schema'
import type { EngineName } from '../../db/engine'
import { tidyTables } from '../../db/statistics'
import { recordAudit } from '../audit'
import { defineJob, jobKind, type JobHandler } from '../jobs'
import type { PopulationLookup } from '../population'
import type { UnitsService } from '../units'
import { reconcileEntries, type EngineOptions, type EntryForMatch, type ResultOutcome } from './engine'
import { learnForBook, modelOf } from './learning'
import { countToReconcile, entriesToReconcile, writeResults } from './repository'
import { createScoringPool, scoringWorkers, type ScoringResult } from './scoring-pool'
import type { SettingsService } from './settings'


export interface BatchDeps {
  db: Kysely<Database>
  units: UnitsService
  lookup: PopulationLookup
  settings: SettingsService
  /** PGlite has no autovacuum: a run tidies the tables it rewrites itself (db/statistics.ts). */
  engine: EngineName
}

/** Ids as the database wrote them (any uuid: z.guid, not the stricter RFC check). */
export const BatchParams = z.object({
  bookIds: z.array(z.guid()),
  userId: z.guid(),
  /** Only the entries this Excel import created. */
  importId: z.guid().optional(),
})
export type BatchParams = z.infer<typeof BatchParams>

export interface BatchState {
  total: number
  done: number
  bookIndex: number
  lastEntryId: string | null
  counts: Record<ResultOutcome, number>
  modelId?: string | null
}

/** The position saved after each batch; a resumed run continues from it. */
const BatchProgress = z.object({
  total: z.number(),
  done: z.number(),
  bookIndex: z.number(),
  lastEntryId: z.guid().nullable(),
  counts: z.partialRecord(z.enum(MATCH_OUTCOME_CODES), z.number()),
  /** The model learned for the current book (a resumed run scores with the same weights). */
  modelId: z.guid().nullable(),
}).partial()
type BatchProgress = z.infer<typeof BatchProgress>

export const RECONCILE_JOB = jobKind('reconcile.batch', 'reconcile.run', BatchParams, BatchProgress)

type Computed = ScoringResult & { last: string }
type BatchHooks = { progress(state: BatchState): Promise<void>; checkpoint(): Promise<void> }

export const emptyCounts = (): Record<ResultOutcome, number> => ({ match: 0, mismatch: 0, not_found: 0, ambiguous: 0, not_checked: 0 })

export async function reconcileBooks(
  deps: BatchDeps,
  params: BatchParams,
  jobId: string | null,
  resume: BatchProgress,
  hooks: BatchHooks,
): Promise<BatchState> {
  const { db } = deps
  // Entries may just have been imported: without fresh statistics each batch sorts the whole book. On PGlite
  // the results of an earlier run of these books are dead rows: vacuumed now, their space takes this run's.
  await tidyTables(db, deps.engine, ['entries', 'reconciliation_results'])
  const state: BatchState = {
    total: resume.total ?? (await countToReconcile(db, params.bookIds, params.importId)),
    done: resume.done ?? 0,
    bookIndex: resume.bookIndex ?? 0,
    lastEntryId: resume.lastEntryId ?? null,
    counts: { ...emptyCounts(), ...resume.counts },
    modelId: resume.modelId ?? null,
  }
  await hooks.progress(state)
  const user = await db.selectFrom('users').select(['id', 'unit_id']).where('id', '=', params.userId).executeTakeFirst()
  const actor = user ? { id: user.id, unitId: user.unit_id } : null
  // Local extracts are searched and scored in worker threads; an online service is called from here.
  const workers = deps.lookup.source === 'local' ? scoringWorkers() : 0
  const pool = workers > 0 ? createScoringPool(db, workers) : undefined
  const compute = pool ? pool.reconcile : (scope: readonly string[], entries: EntryForMatch[], settings: MatchSettings, options?: EngineOptions) => reconcileEntries(deps.lookup, scope, entries, settings, options)
  // Batches being looked up and scored at once (1 = strictly one after the other).
  const depth = Math.max(1, Number(process.env.RECONCILE_PIPELINE ?? Math.max(3, workers + 1)))
  try {
    await reconcileAll({ deps, params, jobId, state, actor, compute, depth, hooks })
  } finally {
    await pool?.close()
  }
  return state
}

interface BatchRun {
  deps: BatchDeps
  params: BatchParams
  jobId: string | null
  state: BatchState
  actor: { id: string; unitId: string } | null
  compute: (scope: readonly string[], entries: EntryForMatch[], settings: MatchSettings, options?: EngineOptions) => Promise<ScoringResult>
  depth: number
  hooks: BatchHooks
}

async function reconcileAll({ deps, params, jobId, state, actor, compute, depth, hooks }: BatchRun): Promise<void> {
  const { db } = deps
  for (; state.bookIndex < params.bookIds.length; state.bookIndex++, state.lastEntryId = null, state.modelId = null) {
    const bookId = params.bookIds[state.bookIndex] as string
    const book = await db.selectFrom('books').select(['id', 'custodian_unit_id', 'book_type']).where('id', '=', bookId).executeTakeFirst()
    if (!book) continue
    const scope = [...(await deps.units.scopeOf(book.custodian_unit_id))]
    const settings = await deps.settings.forUnit(book.custodian_unit_id)
    // The weights of this book's run: learned on its first entries, or those already learned when resuming.
    state.modelId ??= await learnForBook(db, { book, scope, settings, jobId, importId: params.importId, actor, compute: (entries, options) => compute(scope, entries, settings, options) })
    const model = await modelOf(db, state.modelId)
    const engineOptions: EngineOptions = model ? { model } : {}
    // Batches in flight (one more than the workers, at least three): while some are scored, the next one's lookups
    // run in the database. Results are still written, audited and checkpointed one batch at a time,
    // in order.
    const inFlight: Promise<Computed>[] = []
    let cursor = state.lastEntryId
    let exhausted = false
    for (;;) {
      while (!exhausted && inFlight.length < depth) {
        const { entries, last } = await entriesToReconcile(db, book, cursor, undefined, params.importId)
        if (last === null) exhausted = true
        else {
          cursor = last
          const computed = entries.length === 0 ? Promise.resolve({ drafts: [], extractIds: [], last }) : compute(scope, entries, settings, engineOptions).then((r) => ({ ...r, last }))
          // Handled where it is awaited; this only keeps a failure behind an earlier one from going unheard.
          computed.catch(() => undefined)
          inFlight.push(computed)
        }
      }
      const next = inFlight.shift()
      if (!next) break
      const { drafts, extractIds, last } = await next
      if (drafts.length > 0) {
        await db.transaction().execute(async (trx) => {
          await writeResults(trx, drafts, jobId, state.modelId ?? null)
          // Reading population records is reading personal data: one row per batch, with the ids.
          await recordAudit(trx, actor, {
            action: 'reconcile.batch',
            entityType: 'book',
            entityId: bookId,
            details: {
              jobId,
              source: deps.lookup.source,
              extractIds,
              entryIds: drafts.map((d) => d.entryId),
              populationIds: [...new Set(drafts.flatMap((d) => d.candidates.map((c) => c.id)))],
            },
          })
        })
      }
      state.lastEntryId = last
      for (const d of drafts) state.counts[d.outcome]++
      state.done += drafts.length
      await hooks.progress(state)
      await hooks.checkpoint()
    }
  }
}

export function createReconcileJob(deps: BatchDeps): JobHandler {
  return defineJob({
    ...RECONCILE_JOB,
    // Results already written stay; a restart continues after the last batch saved.
    onInterrupted: 'resume',
    async run(ctx) {
      const state = await reconcileBooks({ ...deps, db: ctx.db }, ctx.params, ctx.job.id, ctx.saved, {
        progress: (s) => ctx.progress({ ...s }),
        checkpoint: () => ctx.checkpoint(),
      })
      return { total: state.total, done: state.done, counts: state.counts }
    },
  })
}
