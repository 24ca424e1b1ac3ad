/**
 * Reconciliation benchmark (issue 5): a synthetic population with realistic Vietnamese names is
 * loaded as one commune's extract (the loader the import job uses), a birth register derived from
 * it with realistic corruptions is reconciled in batch (the code the 'reconcile.batch' job runs),
 * and the proposals are compared with the truth the generator kept.
 *
 *   npm run bench:reconcile -- --people 1000000 --entries 100000 [--seed 7]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:reconcile -- ...
 *
 * Last line: `reconcile: precision P%, recall R%, E entries/s (engine)`. Precision and recall are
 * those of links (a proposed person, match or mismatch); the confusion table compares the
 * proposed outcome with the one a perfect reconciliation would give.
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { cleanFields, derivedColumns } from '../apps/server/src/modules/entries/derive'
import { activateExtract, createExtractTable, createRowWriter, finishExtractTable, INSERT_BATCH } from '../apps/server/src/modules/population/loader'
import { toPopulationRow } from '../apps/server/src/modules/population/rows'
import { reconcileBooks } from '../apps/server/src/modules/reconciliation/batch'
import { scoringWorkers } from '../apps/server/src/modules/reconciliation/scoring-pool'
import { createLocalLookup } from '../apps/server/src/modules/population/lookup-local'
import { createSettingsService } from '../apps/server/src/modules/reconciliation/settings'
import { startBenchServer } from './lib/bench-server'
import { cpuMeter } from './lib/cpu'
import { SyntheticPopulation, type SyntheticEntry } from './lib/synthetic-population'

const { values } = parseArgs({ options: { people: { type: 'string', default: '20000' }, entries: { type: 'string', default: '2000' }, seed: { type: 'string', default: '20250701' } } })
const people = Number(values.people)
const entryCount = Number(values.entries)
const seconds = (from: number) => (performance.now() - from) / 1000
const pct = (a: number, b: number) => (b === 0 ? 100 : (100 * a) / b)

const server = await startBenchServer()
const db = server.db.kysely
try {
  const unit = await db.selectFrom('administrative_units').select('id').where('code', '=', '98001').executeTakeFirstOrThrow()
  const user = await db.selectFrom('users').select(['id']).where('username', '=', 'congan.anphu').executeTakeFirstOrThrow()
  const extract = await db.insertInto('population_extracts').values({ unit_id: unit.id, source: 'Dữ liệu tổng hợp (benchmark)', extract_date: '2025-06-30', mapping: JSON.stringify({}), errors: JSON.stringify([]) }).returning('id').executeTakeFirstOrThrow()

  // 1. Population: generated in chunks, loaded like the import job loads an extract.
  const generator = new SyntheticPopulation({ people, entries: entryCount, seed: Number(values.seed) })
  let loadStart = performance.now()
  let loaded = 0
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
  console.log(`population: ${loaded.toLocaleString('en')} people: rows written in ${loadSeconds.toFixed(1)} s, indexes and frequencies in ${indexSeconds.toFixed(1)} s, ${Math.round(loaded / totalLoad)} people/s overall (${server.engine})`)

  // 2. A birth register derived from it.
  const entries: SyntheticEntry[] = generator.entries()
  const book = await db.insertInto('books').values({ book_type: 'KS', volume: '01/2024', year: 2024, issuing_authority: 'UBND xã An Phú', custodian_unit_id: unit.id, condition: 'intact' }).returning('id').executeTakeFirstOrThrow()
  for (let i = 0; i < entries.length; i += 1000) {
    await db.insertInto('entries').values(entries.slice(i, i + 1000).map((e) => {
      const fields = cleanFields(e.fields)
      return { book_id: book.id, custodian_unit_id: unit.id, book_type: 'KS', status: 'keyed', fields: JSON.stringify(fields), ...derivedColumns('KS', fields) }
    })).execute()
  }
  const expected = { match: 0, mismatch: 0, not_found: 0 }
  for (const e of entries) expected[e.truth.expected]++
  console.log(`entries: ${entries.length.toLocaleString('en')} (expected match ${expected.match}, mismatch ${expected.mismatch}, not found ${expected.not_found})`)

  // 3. Reconcile the book as the background job does.
  const deps = { db, units: server.services.units, lookup: createLocalLookup(db), settings: createSettingsService(db) }
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
  const rows = (await sql<{ so: number; outcome: string; pid: string | null }>`select e.so, r.outcome, r.candidates -> r.chosen_index -> 'pid' as pid
    from reconciliation_results r join entries e on e.id = r.entry_id where r.book_id = ${book.id}`.execute(db)).rows
  const predicted = new Map(rows.map((r) => [r.so, r]))
  const outcomes = ['match', 'mismatch', 'not_found', 'ambiguous', 'not_checked'] as const
  const confusion: Record<string, Record<string, number>> = {}
  let links = 0
  let correctLinks = 0
  let present = 0
  const missed = new Map<string, number>()
  const wrong = new Map<string, number>()
  const blurred = new Map<string, number>()
  entries.forEach((e, i) => {
    const r = predicted.get(i + 1)
    const outcome = r?.outcome ?? 'not_checked'
    confusion[e.truth.expected] ??= Object.fromEntries(outcomes.map((o) => [o, 0]))
    ;(confusion[e.truth.expected] as Record<string, number>)[outcome]!++
    const linked = outcome === 'match' || outcome === 'mismatch'
    const correct = linked && e.truth.personalId !== null && r?.pid === e.truth.personalId
    if (linked) links++
    if (correct) correctLinks++
    if (e.truth.personalId !== null) present++
    const tag = e.truth.corruptions.filter((c) => !['upper', 'lower', 'hospital'].includes(c)).join('+') || 'none'
    if (e.truth.personalId !== null && !correct) missed.set(`${outcome}: ${tag}`, (missed.get(`${outcome}: ${tag}`) ?? 0) + 1)
    if (linked && !correct) wrong.set(`${e.truth.expected}: ${tag}`, (wrong.get(`${e.truth.expected}: ${tag}`) ?? 0) + 1)
    if (e.truth.expected !== outcome && correct) blurred.set(`${e.truth.expected} → ${outcome}: ${tag}`, (blurred.get(`${e.truth.expected} → ${outcome}: ${tag}`) ?? 0) + 1)
  })
  console.log('\nconfusion (rows: expected, columns: proposed)')
  console.log(['expected'.padEnd(10), ...outcomes.map((o) => o.padStart(12))].join(''))
  for (const e of ['match', 'mismatch', 'not_found']) console.log([e.padEnd(10), ...outcomes.map((o) => String(confusion[e]?.[o] ?? 0).padStart(12))].join(''))
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `    ${v}  ${k}`).join('\n')
  console.log(`\nlinks missed (${present - correctLinks}), by proposed outcome and corruptions:\n${top(missed)}`)
  console.log(`wrong links (${links - correctLinks}), by expected outcome and corruptions:\n${top(wrong)}`)
  console.log(`right person, other outcome (${[...blurred.values()].reduce((a, b) => a + b, 0)}), by corruptions:\n${top(blurred)}`)
  console.log(`\nreconciled ${state.done.toLocaleString('en')} entries against ${loaded.toLocaleString('en')} people in ${reconcileSeconds.toFixed(1)} s (CPU seconds: ${cpuSeconds.node.toFixed(1)} in this process, ${cpuSeconds.postgres.toFixed(1)} in PostgreSQL; ${scoringWorkers()} scoring workers; peak RSS ${Math.round(peakRss / 1048576)} MB)`)
  console.log(`reconcile: precision ${pct(correctLinks, links).toFixed(2)}%, recall ${pct(correctLinks, present).toFixed(2)}%, ${rate} entries/s (${server.engine})`)
} finally {
  await server.close()
}
