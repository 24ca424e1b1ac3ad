/**
 * Entry-save latency with concurrent keyers over HTTP (issue: keying workbench).
 *
 * A real server on a fresh database; KEYERS digitizer accounts each log in and save SAVES birth
 * entries into their own book the way the workbench's "save" does: one command that saves and marks
 * the entry keyed (POST /api/books/:id/entries with `{ fields, clientTxnId, complete: true }`, 201
 * with status 'keyed'). Every CORRECT_EVERY-th entry is first saved with a slip (the ethnic group
 * left empty): the server answers 422 `{ issues, saved }` and keeps it as a draft; the keyer fills the
 * field and saves again (PUT /api/entries/:id with `{ fields, version, complete: true }`, 200
 * 'keyed'). Any other answer counts as an error. All keyers run at once; every round trip is timed
 * on the client (which runs in the same process as the server, so its CPU counts against the
 * server). The summary line's latencies are those of the first save of each entry (201 or 422).
 *
 * Two runs on the same server:
 * - flat out: each keyer saves again as soon as the previous save returns (a closed loop: latency is
 *   then concurrency / throughput, i.e. it measures capacity);
 * - paced (the summary line): a keyer pauses THINK_MS ± 50% between saves. A real keyer takes a
 *   minute or more per entry; one second is already 60 times faster, so this is a heavy but
 *   realistic load, and its latency is the one a keyer feels.
 *
 *   npm run bench:save                      # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:save
 *   BENCH_KEYERS=50 BENCH_SAVES=20 BENCH_CORRECT_EVERY=5 npm run bench:save
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { hashPassword } from '../apps/server/src/modules/auth/passwords'
import { BENCH_PASSWORD, BenchClient, startBenchServer } from './lib/bench-server'
import { buildSyntheticBirth } from './lib/birth-entries'
import { Random } from './lib/random'
import { summary } from './lib/stats'

const KEYERS = Number(process.env.BENCH_KEYERS ?? 50)
const SAVES = Number(process.env.BENCH_SAVES ?? 20)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20)
/** A keyer corrects the entry just saved every this many saves (0: never). */
const CORRECT_EVERY = Number(process.env.BENCH_CORRECT_EVERY ?? 5)
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000)
const YEAR = 2024

async function main(): Promise<void> {
  const server = await startBenchServer()
  const { kysely } = server.db
  try {
    const unit = await kysely.selectFrom('administrative_units').select('id').where('code', '=', '98001').executeTakeFirstOrThrow()
    // One digitizer account per keyer (the hash is computed once: argon2 is slow on purpose).
    const passwordHash = await hashPassword(BENCH_PASSWORD)
    const usernames = Array.from({ length: KEYERS }, (_, i) => `bench.keyer${String(i + 1).padStart(2, '0')}`)
    await kysely.insertInto('users').values(usernames.map((username, i) => ({
      username, full_name: `Người nhập ${i + 1}`, password_hash: passwordHash, role: 'commune_digitizer', unit_id: unit.id,
    }))).execute()

    const officer = await BenchClient.login(server.url, 'tuphap.anphu')
    const bookIds: string[] = []
    for (let i = 0; i <= KEYERS; i++) {
      const book = await officer.request('POST', '/api/books', {
        bookType: 'KS', volume: `${String(i + 1).padStart(2, '0')}/${YEAR}`, year: YEAR, issuingAuthority: 'UBND xã An Phú',
        custodianUnitId: unit.id, openedOn: `${YEAR}-01-02`, closedOn: `${YEAR}-12-31`, pageCount: 200, paperSize: 'A3',
      })
      if (book.status !== 201) throw new Error(`create book: ${book.status} ${JSON.stringify(book.body)}`)
      bookIds.push(book.body.id as string)
    }

    // Warm-up on a spare book (JIT, connection pool, plan caches): not measured.
    const warm = new Random(7)
    for (let so = 1; so <= WARMUP; so++) {
      await officer.request('POST', `/api/books/${bookIds[KEYERS]}/entries`, { fields: buildSyntheticBirth(warm, so, YEAR), clientTxnId: randomUUID(), complete: true })
    }

    const keyers = await Promise.all(usernames.map((u) => BenchClient.login(server.url, u)))
    const run = async (firstSo: number, thinkMs: number) => {
      const latencies: number[] = []
      const corrections: number[] = []
      let errors = 0
      let firstError: string | undefined
      const refused = (what: string, response: { status: number; body: Record<string, unknown> }) => {
        errors++
        firstError ??= `${what} ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`
      }
      const keyed = (response: { status: number; body: Record<string, unknown> }, expected: number) => response.status === expected && response.body.status === 'keyed'
      const started = performance.now()
      await Promise.all(keyers.map(async (client, k) => {
        const random = new Random(1000 * firstSo + k)
        for (let so = firstSo; so < firstSo + SAVES; so++) {
          if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + random.next())))
          const fields = buildSyntheticBirth(random, so, YEAR, `${String(k + 1).padStart(2, '0')}/${YEAR}`)
          const slip = CORRECT_EVERY > 0 && so % CORRECT_EVERY === 0
          const t0 = performance.now()
          let draft: { id: string; version: number } | undefined
          try {
            const response = await client.request('POST', `/api/books/${bookIds[k]}/entries`, { fields: slip ? { ...fields, nksDanToc: '' } : fields, clientTxnId: randomUUID(), complete: true })
            const saved = response.body.saved as Record<string, unknown> | undefined
            if (slip && response.status === 422 && saved?.status === 'draft') draft = { id: String(saved.id), version: Number(saved.version) }
            else if (slip || !keyed(response, 201)) refused('POST', response)
          } catch {
            errors++
          }
          latencies.push(performance.now() - t0)
          if (draft) {
            // The keyer fills the field the server pointed at and saves the draft as complete.
            const t1 = performance.now()
            try {
              const response = await client.request('PUT', `/api/entries/${draft.id}`, { fields, version: draft.version, complete: true })
              if (!keyed(response, 200)) refused('PUT', response)
            } catch {
              errors++
            }
            corrections.push(performance.now() - t1)
          }
        }
      }))
      if (firstError) console.log(`  first error: ${firstError}`)
      return { latencies, corrections, errors, wall: (performance.now() - started) / 1000 }
    }
    const report = (label: string, r: { latencies: number[]; corrections: number[]; errors: number; wall: number }) => {
      const s = summary(r.latencies)
      const c = summary(r.corrections)
      const requests = r.latencies.length + r.corrections.length
      console.log(`${label}: ${KEYERS} keyers × ${SAVES} saves = ${r.latencies.length} saves + ${r.corrections.length} drafts completed in ${r.wall.toFixed(1)} s (${(requests / r.wall).toFixed(0)} requests/s); save ms p50 ${s.p50}, p95 ${s.p95}, p99 ${s.p99}, max ${s.max}, mean ${s.mean}; completing a draft ms p50 ${c.p50}, p95 ${c.p95}; errors ${r.errors}`)
      return s
    }
    report('flat out (no pause between saves)', await run(1, 0))
    const paced = await run(SAVES + 1, THINK_MS)
    const s = report(`paced (pause ${THINK_MS} ms ± 50% between saves)`, paced)
    const saved = await kysely.selectFrom('entries').select((eb) => eb.fn.countAll<number>().as('n')).where('created_by', 'is not', null).executeTakeFirstOrThrow()
    // The machine is shared: a load above the core count means other work competed with this run.
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ')
    console.log(`engine ${server.engine}; entries in database ${Number(saved.n)} (incl. ${WARMUP} warm-up); ${os.cpus().length} cores, load average ${load}`)
    console.log(`save: p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, errors ${paced.errors} (${server.engine}, concurrency ${KEYERS})`)
  } finally {
    await server.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
