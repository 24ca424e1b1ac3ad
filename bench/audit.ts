/**
 * Reading the audit trail at size (issue 14): the audit screen's first page, a deep page reached by
 * the cursor, two filters, and "who has looked at this entry", over HTTP as the province's officer,
 * on a trail of ROWS generated rows.
 *
 * The trail is generated in SQL on a fresh database, shaped like a commune's work: 60% entry reads
 * and changes over a pool of 20,000 entries (the first ones are real entries of a real book, so the
 * entity view can look them up), 10% list reads naming 50 entries each, page views, logins, spread
 * over a year and the demo accounts, appended in time order as the server writes them (occurred_at is
 * now() at insert and the id an identity: row g of ROWS is at g/ROWS of the year). The hash-chain trigger (migration 0016) is switched off while
 * the rows are generated (a bulk insert would otherwise queue one deferred trigger per row); reads
 * do not depend on it. The table's indexes (but its primary key) are dropped for the load and
 * recreated from their own definitions after it (10M rows in ~6.5 min on PostgreSQL, see
 * docs/PERFORMANCE.md). Then VACUUM ANALYZE, as autovacuum (PostgreSQL) or the housekeeping task (PGlite)
 * would. The generation's phases and the table's and each index's size are printed. With 50,000 rows
 * or more, the plans of the entity query and of page 1 must not scan the table (the benchmark throws
 * otherwise) and are printed.
 *
 *   npm run bench:audit                      # PGlite, 200,000 rows
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:audit
 *   npm run bench:audit -- --rows 1000000
 *   DATABASE_URL=... npm run bench:audit -- --rows 10000000   # ~8 GB on disk while it runs
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../apps/server/src/db/schema'
import { createAuditRepository } from '../apps/server/src/modules/audit/repository'
import { BenchClient, startBenchServer } from './lib/bench-server'
import { buildSyntheticBirth } from './lib/birth-entries'
import { Random } from './lib/random'
import { summary } from './lib/stats'

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}

const ROWS = arg('rows', 200_000)
const REAL_ENTRIES = Math.min(20, Math.max(2, Math.floor(ROWS / 1000)))
const POOL = Math.max(REAL_ENTRIES * 10, Math.min(20_000, Math.floor(ROWS / 10)))
const REPEAT = 20
const DEEP_PAGES = 50

async function timed<T>(samples: number[], call: () => Promise<T>): Promise<T> {
  const start = performance.now()
  const result = await call()
  samples.push(performance.now() - start)
  return result
}

interface TrailShape {
  userIds: string[]
  unitIds: (string | null)[]
  entryIds: string[]
  bookId: string
}

/**
 * ROWS audit rows, generated in SQL (no row crosses the wire). What each row is depends on its number g
 * alone (the same formulas as before this generator was made fast, so runs at different sizes compare):
 * half entry reads, then one each in ten of entry changes, list reads of 50 entries, page views, logins
 * and page lists, spread over the last year and the demo accounts. The entry pool and the 50-entry
 * lists (one per pool offset) are computed once into two helper tables and joined, not recomputed per
 * row. The indexes of audit_events other than its primary key (an identity, appended at the right
 * edge) are dropped for the load and recreated afterwards from the definitions pg_indexes gave before
 * the drop, so they are exactly the migrations' indexes; a PostgreSQL chunk is a few million rows.
 */
async function generateTrail(db: Kysely<Database>, engine: string, shape: TrailShape): Promise<{ seconds: number, load: number, indexes: number, vacuum: number }> {
  const { userIds, unitIds, entryIds, bookId } = shape
  const chunk = engine === 'postgres' ? 2_500_000 : 50_000
  return db.connection().execute(async (conn) => {
    const chain = await sql<{ n: number }>`select count(*)::int as n from pg_trigger where tgname = 'audit_events_chain'`.execute(conn)
    const chained = (chain.rows[0]?.n ?? 0) > 0
    const started = performance.now()
    // Sorting and GIN building in memory: the session's setting only (PGlite's memory is the process's).
    if (engine === 'postgres') await sql`set maintenance_work_mem = '1GB'`.execute(conn)
    const indexes = await sql<{ name: string, definition: string }>`
      select indexname as name, indexdef as definition from pg_indexes
      where schemaname = 'public' and tablename = 'audit_events'
        and indexname not in (select conname from pg_constraint where conrelid = 'audit_events'::regclass)
      order by indexname`.execute(conn)
    for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(conn)
    if (chained) await sql`alter table audit_events disable trigger audit_events_chain`.execute(conn)

    await sql`create table bench_audit_pool (k int primary key, id text not null)`.execute(conn)
    await sql`
      insert into bench_audit_pool (k, id)
      select k, case when k < ${REAL_ENTRIES} then (${entryIds}::text[])[k + 1] else md5('entry' || k)::uuid::text end
      from generate_series(0, ${POOL - 1}::int) k`.execute(conn)
    await sql`create table bench_audit_lists (o int primary key, details jsonb not null)`.execute(conn)
    await sql`
      insert into bench_audit_lists (o, details)
      select o, jsonb_build_object('page', 1, 'returned', (select jsonb_agg(p.id order by j) from generate_series(0, 49) j
                                                            join bench_audit_pool p on p.k = (o + j * 97) % ${POOL}))
      from generate_series(0, ${POOL - 1}::int) o`.execute(conn)
    await sql`analyze bench_audit_pool, bench_audit_lists`.execute(conn)

    for (let first = 1; first <= ROWS; first += chunk) {
      const last = Math.min(ROWS, first + chunk - 1)
      await sql`
        insert into audit_events (occurred_at, user_id, unit_id, action, entity_type, entity_id, details, ip)
        select now() - interval '365 days' + (g * ${31_536_000 / ROWS}::float8) * interval '1 second',
          (${userIds}::uuid[])[1 + g % ${userIds.length}], (${unitIds}::uuid[])[1 + g % ${userIds.length}],
          case when g % 10 < 5 then 'entry.read' when g % 10 = 5 then 'entry.update' when g % 10 = 6 then 'entry.list'
               when g % 10 = 7 then 'page.view' when g % 10 = 8 then 'auth.login' else 'page.list' end,
          case when g % 10 < 6 then 'entry' when g % 10 = 7 then 'page' when g % 10 = 8 then 'user' else 'book' end,
          case when g % 10 < 6 then p.id
               when g % 10 = 7 then md5('page' || g % 5000)::uuid::text
               when g % 10 = 8 then ((${userIds}::uuid[])[1 + g % ${userIds.length}])::text
               else md5('book' || g % 200)::uuid::text end,
          case when g % 10 = 6 then l.details
               when g % 10 = 5 then jsonb_build_object('version', 2, 'changes', jsonb_build_object('nksHoTen', jsonb_build_array('A', 'B')))
               when g % 10 < 5 then jsonb_build_object('bookId', ${bookId}::text)
               else '{}'::jsonb end,
          '10.0.' || (g % 250) || '.' || (g % 200)
        from generate_series(${first}::bigint, ${last}::bigint) g
        join bench_audit_pool p on p.k = ((g * 31) % ${POOL})::int
        join bench_audit_lists l on l.o = ((g * 13) % ${POOL})::int
        order by g`.execute(conn)
    }
    await sql`drop table bench_audit_lists, bench_audit_pool`.execute(conn)
    if (chained) await sql`alter table audit_events enable trigger audit_events_chain`.execute(conn)
    const loaded = performance.now()
    for (const index of indexes.rows) await sql.raw(index.definition).execute(conn)
    const indexed = performance.now()
    await sql`vacuum analyze audit_events`.execute(conn)
    if (engine === 'postgres') await sql`reset maintenance_work_mem`.execute(conn)
    const done = performance.now()
    return { seconds: (done - started) / 1000, load: (loaded - started) / 1000, indexes: (indexed - loaded) / 1000, vacuum: (done - indexed) / 1000 }
  })
}

async function main(): Promise<void> {
  const server = await startBenchServer()
  const db = server.db.kysely
  try {
    const officer = await BenchClient.login(server.url, 'tuphap.anphu')
    const unit = await db.selectFrom('administrative_units').select('id').where('code', '=', '98001').executeTakeFirstOrThrow()
    const book = await officer.request('POST', '/api/books', {
      bookType: 'KS', volume: '01/2024', year: 2024, issuingAuthority: 'UBND xã An Phú', custodianUnitId: unit.id,
      openedOn: '2024-01-02', closedOn: '2024-12-31', pageCount: 200, paperSize: 'A3',
    })
    if (book.status !== 201) throw new Error(`create book: ${book.status} ${JSON.stringify(book.body)}`)
    const random = new Random(14)
    const entryIds: string[] = []
    for (let so = 1; so <= REAL_ENTRIES; so++) {
      const created = await officer.request('POST', `/api/books/${String(book.body.id)}/entries`, { fields: buildSyntheticBirth(random, so, 2024) })
      if (created.status !== 201) throw new Error(`create entry: ${created.status} ${JSON.stringify(created.body)}`)
      entryIds.push(String(created.body.id))
    }

    const users = await db.selectFrom('users').select(['id', 'unit_id']).orderBy('username').execute()
    const userIds = users.map((u) => u.id)
    const unitIds = users.map((u) => u.unit_id)
    const generated = await generateTrail(db, server.engine, { userIds, unitIds, entryIds, bookId: String(book.body.id) })
    console.log(`generated ${ROWS.toLocaleString('en')} audit rows in ${generated.seconds.toFixed(1)} s (${server.engine}): `
      + `load ${generated.load.toFixed(1)} s, indexes ${generated.indexes.toFixed(1)} s, vacuum analyze ${generated.vacuum.toFixed(1)} s`)
    const sizes = await sql<{ name: string, bytes: string }>`
      select 'audit_events (table, toast and indexes)' as name, pg_total_relation_size('audit_events')::text as bytes
      union all select 'audit_events (heap)', pg_relation_size('audit_events')::text
      union all (select indexname::text, pg_relation_size(format('%I', indexname)::regclass)::text from pg_indexes
                 where schemaname = 'public' and tablename = 'audit_events' order by indexname)`.execute(db)
    for (const size of sizes.rows) console.log(`size of ${size.name}: ${(Number(size.bytes) / 1024 ** 2).toFixed(1)} MB`)

    // The minutes of generation leave the client's kept-alive socket closed by the server: one retry.
    const province = await BenchClient.login(server.url, 'sotuphap').catch(() => BenchClient.login(server.url, 'sotuphap'))
    const get = async (url: string) => {
      const response = await province.request('GET', url)
      if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`)
      return response.body
    }
    // Warm-up (JIT, plan caches): not measured.
    for (let i = 0; i < 3; i++) {
      await get('/api/audit?pageSize=50')
      await get(`/api/audit/entity/entry/${entryIds[0]}`)
    }

    const page1: number[] = []
    for (let i = 0; i < REPEAT; i++) await timed(page1, () => get('/api/audit?pageSize=50'))
    const deep: number[] = []
    let cursor: unknown = null
    for (let p = 1; p <= DEEP_PAGES; p++) {
      const body = await timed(deep, () => get(`/api/audit?pageSize=50${typeof cursor === 'string' ? `&cursor=${cursor}` : ''}`))
      cursor = body.nextCursor
      if (typeof cursor !== 'string') break
    }
    const entity: number[] = []
    let entityRows = 0
    for (let i = 0; i < REPEAT; i++) {
      const id = entryIds[i % entryIds.length]
      const body = await timed(entity, () => get(`/api/audit/entity/entry/${id}?pageSize=50`))
      entityRows += Array.isArray(body.items) ? body.items.length : 0
    }
    const byUser: number[] = []
    const byAction: number[] = []
    for (let i = 0; i < REPEAT; i++) {
      await timed(byUser, () => get(`/api/audit?userId=${userIds[i % userIds.length]}&pageSize=50`))
      await timed(byAction, () => get('/api/audit?action=auth.login&pageSize=50'))
    }

    // The plans, as the server builds the queries (the province's scope: every unit and the rows without one).
    const repo = createAuditRepository(db)
    const scopeUnits = (await db.selectFrom('administrative_units').select('id').execute()).map((u) => u.id)
    const scope = { unitIds: scopeUnits, withoutUnit: true }
    const entry = await repo.entry(entryIds[0] ?? '')
    const subject = { entities: [{ type: 'entry', ids: [entryIds[0] ?? ''] }, { type: 'page', ids: entry?.pageIds ?? [] }], named: [entryIds[0] ?? ''], namedInScope: [] }
    // `about` tries the last 7 days first (then 35, 175, 875, then no bound): the first window's plan and the unbounded one.
    const about = repo.aboutQuery(scope, subject, {}, undefined, 51, new Date(Date.now() - 7 * 86_400_000))
    const aboutAll = repo.aboutQuery(scope, subject, {}, undefined, 51)
    const plans = {
      entity: about ? (await about.explain()).map((r) => String(Object.values(r)[0])).join('\n') : '',
      entityUnbounded: aboutAll ? (await aboutAll.explain()).map((r) => String(Object.values(r)[0])).join('\n') : '',
      page1: (await repo.listQuery(scope, {}, undefined, 51).explain()).map((r) => String(Object.values(r)[0])).join('\n'),
    }
    // The queries alone, in process (no HTTP, no scope lookup, no audit row of the read): what the indexes give.
    const queryEntity: number[] = []
    const queryPage1: number[] = []
    for (let i = 0; i < REPEAT; i++) {
      const id = entryIds[i % entryIds.length] ?? ''
      const pages = (await repo.entry(id))?.pageIds ?? []
      await timed(queryEntity, () => repo.about(scope, { entities: [{ type: 'entry', ids: [id] }, { type: 'page', ids: pages }], named: [id], namedInScope: [] }, {}, undefined, 51))
      await timed(queryPage1, () => repo.list(scope, {}, undefined, 51))
    }
    for (const [name, plan] of Object.entries(plans)) {
      console.log(`plan of ${name}:\n${plan}`)
      if (ROWS >= 50_000 && /Seq Scan on audit_events/.test(plan)) throw new Error(`the ${name} query scans audit_events at ${ROWS} rows`)
      // "Who looked" must start from the entity's rows, never walk the whole trail by time testing each row.
      if (ROWS >= 50_000 && name.startsWith('entity') && /using audit_events_time /.test(plan)) throw new Error(`the entity query walks audit_events_time at ${ROWS} rows`)
    }

    const line = (name: string, s: ReturnType<typeof summary>) => console.log(`${name.padEnd(22)} n=${s.count} p50 ${s.p50} ms  p95 ${s.p95} ms  max ${s.max} ms`)
    const stats = { page1: summary(page1), deep: summary(deep), entity: summary(entity), byUser: summary(byUser), byAction: summary(byAction) }
    line('page 1', stats.page1)
    line(`pages 1-${deep.length} by cursor`, stats.deep)
    line('entity (who looked)', stats.entity)
    line('filter user', stats.byUser)
    line('filter action', stats.byAction)
    line('query only: entity', summary(queryEntity))
    line('query only: page 1', summary(queryPage1))
    console.log(`entity view: ${(entityRows / Math.max(1, entity.length)).toFixed(1)} rows per answer (page of 50)`)
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.cpus().length} cores`)
    console.log(`audit: entity p95 ${stats.entity.p95} ms, page 1 p95 ${stats.page1.p95} ms, page ${deep.length} by cursor p95 ${stats.deep.p95} ms at ${ROWS} rows (${server.engine})`)
  } finally {
    await server.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
