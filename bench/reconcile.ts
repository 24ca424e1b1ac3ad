/**
 * Reconciliation benchmark (issues 5 and 15): a synthetic population with realistic Vietnamese
 * names is loaded as one commune's extract (the loader the import job uses), a birth register
 * derived from it is reconciled in batch (the code the 'reconcile.batch' job runs), and the
 * proposals are compared with the truth the generator kept. Two generators, one after the other:
 * "model" (synthetic-population.ts: corruption rates close to the model's priors) and "harder"
 * (harder-population.ts: independent rates, look-alike relatives, see there).
 *
 *   npm run bench:reconcile -- --people 1000000 --entries 100000 [--seed 7] [--set model|harder|both]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:reconcile -- ...
 *
 * Last line: `reconcile: precision P%, recall R%, E entries/s (engine)` of the last set run (the
 * harder one by default). Precision and recall are those of links (a proposed person, match or
 * mismatch); precision comes with its 95% Wilson interval; the blocking recall says how many
 * present people some search key reaches at all; the confusion table compares the proposed
 * outcome with the one a perfect reconciliation would give.
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { searchKeys, type BlockingKey } from '@hts/domain'
import { cleanFields, derivedColumns } from '../apps/server/src/modules/entries/derive'
import { activateExtract, createExtractTable, createRowWriter, finishExtractTable, INSERT_BATCH } from '../apps/server/src/modules/population/loader'
import { toPopulationRow } from '../apps/server/src/modules/population/rows'
import { reconcileBooks } from '../apps/server/src/modules/reconciliation/batch'
import { scoringWorkers } from '../apps/server/src/modules/reconciliation/scoring-pool'
import { createLocalLookup, KEY_CONDITIONS } from '../apps/server/src/modules/population/lookup-local'
import { createSettingsService } from '../apps/server/src/modules/reconciliation/settings'
import { startBenchServer } from './lib/bench-server'
import { cpuMeter } from './lib/cpu'
import { HarderPopulation } from './lib/harder-population'
import { reachable, report } from './lib/reconcile-metrics'
import { Random } from './lib/random'
import { SyntheticPopulation, type PopulationRecord, type SyntheticEntry } from './lib/synthetic-population'
import { entryPerson } from '../apps/server/src/modules/reconciliation/entry-person'
import { personOf } from '../apps/server/src/modules/population/candidate-row'

const { values } = parseArgs({ options: { people: { type: 'string', default: '20000' }, entries: { type: 'string', default: '2000' }, seed: { type: 'string', default: '20250701' }, set: { type: 'string', default: 'both' } } })
const people = Number(values.people)
const entryCount = Number(values.entries)
const seconds = (from: number) => (performance.now() - from) / 1000

// Both reassigned when the server restarts after loading (PGlite, below).
let server = await startBenchServer()
let db = server.db.kysely

interface PopulationSource {
  chunks(size: number): Generator<PopulationRecord[]>
  entries(): SyntheticEntry[]
  readonly records: Map<string, PopulationRecord[]>
}

/** The record as matching reads it back from the extract (same preparation as the lookup). */
function recordPerson(record: PopulationRecord): ReturnType<typeof personOf> | undefined {
  const result = toPopulationRow(record, 1)
  if (!result.ok) return undefined
  const r = result.row
  return personOf(['', r.personal_id ?? '', r.name_canon, r.birth_key ?? '', r.sex ?? '', r.mother_canon ?? '', r.father_canon ?? '', r.birthplace_parts ?? '', '', r.ethnicity ?? '', r.nationality ?? ''])
}

/**
 * Candidate pairs each blocking key would generate if every entry searched it (first 1,000 entries) (the broad keys are
 * searched only by the entries the narrow stage leaves unresolved, the loose ones only by those still without a
 * proposed person after the family search, so this is an upper bound; the keys of yearBoundKeys and fatherBoundKeys
 * are counted before their year and father filters, as the index walks them).
 */
async function pairsPerKey(label: string, extractId: string, entries: readonly SyntheticEntry[]) {
  const asked = new Map<BlockingKey, string[]>()
  // A sample of the entries: the counts are per search, and the whole book makes PGlite crawl.
  for (const e of entries.slice(0, 1000)) {
    const person = entryPerson('KS', cleanFields(e.fields)).person
    for (const stage of ['narrow', 'broad', 'loose'] as const) {
      for (const [key, value] of searchKeys(person, stage)) asked.set(key, [...(asked.get(key) ?? []), value])
    }
  }
  const parts: string[] = []
  for (const [key, values] of asked) {
    // With the lookup's own conditions (KEY_CONDITIONS), once per value sought.
    const counts = new Map((await sql<{ v: string; n: number }>`select a.v, count(*)::int as n from (select distinct unnest(${values}::text[]) as v) a
      join population_people p on ${sql.raw(KEY_CONDITIONS[key])} where p.extract_id = ${extractId}::uuid group by a.v`.execute(db)).rows.map((r) => [r.v, r.n]))
    const pairs = values.reduce((sum, v) => sum + (counts.get(v) ?? 0), 0)
    parts.push(`${key} ${pairs.toLocaleString('en')} (${(pairs / values.length).toFixed(1)} per search)`)
  }
  console.log(`[${label}] pairs per key if each of the first 1,000 entries searched it: ${parts.join(', ')}`)
}

async function runSet(label: string, generator: PopulationSource) {
  const unit = await db.selectFrom('administrative_units').select('id').where('code', '=', '98001').executeTakeFirstOrThrow()
  const user = await db.selectFrom('users').select(['id']).where('username', '=', 'congan.anphu').executeTakeFirstOrThrow()
  const source = `Dữ liệu tổng hợp (benchmark, ${label})`
  const volume = `01/2024-${label}`
  // BENCH_REUSE_DB with BENCH_KEEP_DB's database of an earlier run of the same size and seed: its extract and book
  // are reconciled again (results rewritten), without loading (the generator still runs, for the truth).
  const earlier = server.reused ? await db.selectFrom('population_extracts').select(['id', 'row_count']).where('source', '=', source).where('status', '=', 'active').executeTakeFirst() : undefined
  const earlierBook = earlier ? await db.selectFrom('books').select('id').where('volume', '=', volume).executeTakeFirst() : undefined
  let extract: { id: string }
  let loaded = 0
  let book: { id: string }
  let entries: SyntheticEntry[]
  if (earlier && earlierBook) {
    for (const chunk of generator.chunks(INSERT_BATCH)) void chunk
    entries = generator.entries()
    ;[extract, book, loaded] = [earlier, earlierBook, earlier.row_count]
    console.log(`[${label}] population and book of an earlier run: ${loaded.toLocaleString('en')} people, ${entries.length.toLocaleString('en')} entries (${server.engine})`)
  } else {
    extract = await db.insertInto('population_extracts').values({ unit_id: unit.id, source, extract_date: '2025-06-30', mapping: JSON.stringify({}), errors: JSON.stringify([]) }).returning('id').executeTakeFirstOrThrow()

    // 1. Population: generated in chunks, loaded like the import job loads an extract.
    let loadStart = performance.now()
    const table = await createExtractTable(db, extract.id)
    const writer = createRowWriter(db, table, extract.id, async (written) => {
      if (written % 200_000 < INSERT_BATCH) console.log(`  loaded ${written.toLocaleString('en')} people (${Math.round(written / seconds(loadStart))}/s)`)
    })
    for (const chunk of generator.chunks(INSERT_BATCH)) {
      for (const record of chunk) {
        const result = toPopulationRow(record, ++loaded)
        if (result.ok) await writer.add(result.row)
      }
    }
    loaded = await writer.finish()
    const loadSeconds = seconds(loadStart)
    loadStart = performance.now()
    await finishExtractTable(db, extract.id)
    await activateExtract(db, extract.id, unit.id, { rowCount: loaded, rejectedCount: 0, errors: [] })
    const indexSeconds = seconds(loadStart)
    const totalLoad = loadSeconds + indexSeconds
    console.log(`[${label}] population: ${loaded.toLocaleString('en')} people: rows written in ${loadSeconds.toFixed(1)} s, indexes and frequencies in ${indexSeconds.toFixed(1)} s, ${Math.round(loaded / totalLoad)} people/s overall (${server.engine})`)

    // 2. A birth register derived from it.
    entries = generator.entries()
    // Entry ids drawn from the seed: reconciliation walks a book in id order and learns its weights on the first
    // entries, so random ids (the default) made two runs of the same seed learn on other entries and differ by a few links.
    // Each set its own stream (both sets go into one database, and the same ids twice broke its primary key);
  // the harder set keeps the stream its figures in docs/PERFORMANCE.md were measured with.
  const idRandom = new Random(Number(values.seed) ^ 0x15 ^ (label === 'harder' ? 0 : 0x2b2b))
    const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(idRandom.next() * 16).toString(16)).join('')
    const entryId = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(idRandom.next() * 4)]}${hex(3)}-${hex(12)}`
    book = await db.insertInto('books').values({ book_type: 'KS', volume, year: 2024, issuing_authority: 'UBND xã An Phú', custodian_unit_id: unit.id, condition: 'intact' }).returning('id').executeTakeFirstOrThrow()
    for (let i = 0; i < entries.length; i += 1000) {
      await db.insertInto('entries').values(entries.slice(i, i + 1000).map((e) => {
        const fields = cleanFields(e.fields)
        return { id: entryId(), book_id: book.id, custodian_unit_id: unit.id, book_type: 'KS', status: 'keyed', fields: JSON.stringify(fields), ...derivedColumns('KS', fields) }
      })).execute()
    }
  }
  if (!(earlier && earlierBook) && server.engine === 'pglite') {
    // As docs/OPERATIONS.md tells an operator: restart after loading a large extract, so that PGlite's buffer pool is
    // sized to it (db/pglite-pool.ts; PGLITE_SHARED_BUFFERS fixes it instead).
    const before = server.db.bufferPool
    server = await server.restart()
    db = server.db.kysely
    console.log(`[${label}] server restarted after loading: PGlite buffer pool ${before} → ${server.db.bufferPool}`)
  }
  const expected = { match: 0, mismatch: 0, not_found: 0 }
  for (const e of entries) expected[e.truth.expected]++
  console.log(`[${label}] entries: ${entries.length.toLocaleString('en')} (expected match ${expected.match}, mismatch ${expected.mismatch}, not found ${expected.not_found})`)

  // 3. Reconcile the book as the background job does.
  // RECONCILE_LINK_PROBABILITY=0.9 reconciles with another link level than the unit's (the defaults): what a province
  // that changes it would get (docs/PERFORMANCE.md, "Precision and recall by link level").
  const settingsService = createSettingsService(db)
  const linkProbability = process.env.RECONCILE_LINK_PROBABILITY ? Number(process.env.RECONCILE_LINK_PROBABILITY) : undefined
  const settings = linkProbability === undefined ? settingsService : { ...settingsService, forUnit: async (unitId: string) => ({ ...(await settingsService.forUnit(unitId)), linkProbability }) }
  const deps = { db, engine: server.engine, units: server.services.units, lookup: createLocalLookup(db), settings }
  // RECONCILE_PROFILE=file.cpuprofile writes a CPU profile of this phase, main thread only (for tuning; the
  // scoring workers: `node --cpu-prof`, one file per thread).
  const profiler = process.env.RECONCILE_PROFILE ? new (await import('node:inspector/promises')).Session() : undefined
  if (profiler) {
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.start')
  }
  const cpu = cpuMeter()
  // Resident memory while reconciling (read after each batch; the workers' heaps included).
  let peakRss = process.memoryUsage.rss()
  const started = performance.now()
  let lastReport = started
  const state = await reconcileBooks(deps, { bookIds: [book.id], userId: user.id }, null, {}, {
    async progress(s) {
      peakRss = Math.max(peakRss, process.memoryUsage.rss())
      if (performance.now() - lastReport < 10_000) return
      lastReport = performance.now()
      console.log(`  reconciled ${s.done}/${s.total} (${Math.round(s.done / seconds(started))}/s)`)
    },
    async checkpoint() {},
  })
  const reconcileSeconds = seconds(started)
  // CPU time of this process, all threads (PGlite runs inside it), and of the local PostgreSQL server.
  const cpuSeconds = cpu()
  if (profiler) (await import('node:fs')).writeFileSync(process.env.RECONCILE_PROFILE as string, JSON.stringify((await profiler.post('Profiler.stop')).profile))
  const rate = Math.round(state.done / reconcileSeconds)

  // 4. Compare with the truth (entries carry their number `so` = position in the generated list).
  const rows = (await sql<{ so: number; outcome: string; pid: string | null; candidates: unknown }>`select e.so, r.outcome, r.candidates -> r.chosen_index ->> 'pid' as pid, r.candidates
    from reconciliation_results r join entries e on e.id = r.entry_id where r.book_id = ${book.id}`.execute(db)).rows
  const predicted = new Map(rows.map((r) => [r.so, r]))
  const blocking = (e: SyntheticEntry) => {
    const records = e.truth.personalId ? generator.records.get(e.truth.personalId) : undefined
    if (!records) return undefined
    const person = entryPerson('KS', cleanFields(e.fields)).person
    return records.some((record) => {
      const candidate = recordPerson(record)
      return candidate !== undefined && reachable(person, candidate)
    })
  }
  const figures = report(label, entries, (so) => predicted.get(so), blocking)
  // RECONCILE_MISSED=file writes every present person not linked right and every wrong link (entry, truth, candidates) for analysis.
  if (process.env.RECONCILE_MISSED) {
    const lines = entries.flatMap((e, i) => {
      const r = predicted.get(i + 1)
      const linked = r !== undefined && (r.outcome === 'match' || r.outcome === 'mismatch')
      if (e.truth.personalId === null ? !linked : linked && r.pid === e.truth.personalId) return []
      return [JSON.stringify({ so: i + 1, outcome: r?.outcome, reached: blocking(e), corruptions: e.truth.corruptions, fields: e.fields, truth: e.truth.personalId ? generator.records.get(e.truth.personalId) : undefined, candidates: r?.candidates })]
    })
    ;(await import('node:fs')).writeFileSync(`${process.env.RECONCILE_MISSED}.${label}`, lines.join('\n'))
  }
  // RECONCILE_RESULTS=file writes every entry's outcome and kept candidates (probabilities, weights, fields), one line per
  // entry in book order: two runs at the same size and seed are compared with diff (a speed-up must not change a decision).
  if (process.env.RECONCILE_RESULTS) {
    const lines = [...predicted.values()].sort((a, b) => a.so - b.so).map((r) => JSON.stringify([r.so, r.outcome, r.pid, r.candidates]))
    ;(await import('node:fs')).writeFileSync(`${process.env.RECONCILE_RESULTS}.${label}`, lines.join('\n'))
  }
  await pairsPerKey(label, extract.id, entries)
  console.log(`[${label}] reconciled ${state.done.toLocaleString('en')} entries against ${loaded.toLocaleString('en')} people in ${reconcileSeconds.toFixed(1)} s (CPU seconds: ${cpuSeconds.node.toFixed(1)} in this process, ${cpuSeconds.postgres.toFixed(1)} in PostgreSQL; ${scoringWorkers()} scoring workers;${server.db.bufferPool ? ` PGlite buffer pool ${server.db.bufferPool};` : ''} peak RSS ${Math.round(peakRss / 1048576)} MB; load ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')})`)
  return `reconcile: precision ${figures.precision.toFixed(2)}%, recall ${figures.recall.toFixed(2)}%, ${rate} entries/s (${server.engine})`
}

try {
  const options = { people, entries: entryCount, seed: Number(values.seed) }
  const lines: string[] = []
  if (values.set !== 'harder') lines.push(`[model] ${await runSet('model', new SyntheticPopulation(options))}`)
  if (values.set !== 'model') lines.push(`[harder] ${await runSet('harder', new HarderPopulation(options))}`)
  console.log('')
  for (const line of lines.slice(0, -1)) console.log(line)
  console.log((lines[lines.length - 1] ?? '').replace(/^\[\w+\] /, ''))
} finally {
  await server.close()
}
