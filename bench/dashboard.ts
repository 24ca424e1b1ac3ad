/**
 * The campaign dashboard at a province's size (issue 13): UNITS communes under the demo province,
 * ENTRIES entries over five register types and 30 registration years, spread unevenly over the
 * communes (a few large towns, many small communes), in every status of a campaign under way, with a
 * year of history (the revisions that keyed, checked, approved and handed them over, by two keyers
 * per commune), a phase and a plan per commune. Then GET /api/dashboard over HTTP as the province's
 * officer, for the province and for one commune.
 *
 * Loading goes through the real migrations and the real triggers: the rows are made on the engine
 * with generate_series (chunks of CHUNK entries, one statement each, so the counters' statement
 * triggers see each chunk as one transition table), never row by row from here.
 *
 *   npm run bench:dashboard -- --entries 2000000 --units 100 [--requests 40] [--quiet-load 2]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:dashboard -- --entries 2000000 --units 100
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { BenchClient, startBenchServer } from './lib/bench-server'
import { summary } from './lib/stats'

const { values: args } = parseArgs({ options: { entries: { type: 'string', default: '200000' }, units: { type: 'string', default: '100' }, requests: { type: 'string', default: '40' }, 'quiet-load': { type: 'string', default: '0' } } })
const ENTRIES = Number(args.entries)
const UNITS = Number(args.units)
const REQUESTS = Number(args.requests)
// On a shared machine the timing can wait (at most 30 min) for the 1-minute load average to fall under this.
const QUIET_LOAD = Number(args['quiet-load'])
const CHUNK = 100_000
const TYPES = ['KS', 'KT', 'KH', 'HN', 'CMC']
const FIRST_YEAR = 1995
const YEARS = 30

async function main(): Promise<void> {
  const server = await startBenchServer()
  const db = server.db.kysely
  try {
    const province = await db.selectFrom('administrative_units').select('id').where('code', '=', '98').executeTakeFirstOrThrow()
    const started = performance.now()
    const step = (label: string) => console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)

    // Communes 98500.. and two keyers each (not accounts anyone logs in with: a hash no password matches).
    await sql`insert into administrative_units (code, name, name_folded, level, parent_id)
      select (98500 + g)::text, 'Xã Thử ' || g, 'xa thu ' || g, 'commune', ${province.id}::uuid from generate_series(1, ${UNITS}::int) g`.execute(db)
    await sql`create temporary table bench_units as
      select row_number() over (order by code)::int - 1 as u, id from administrative_units where code::int between 98501 and ${98500 + UNITS}::int`.execute(db)
    await sql`insert into users (username, full_name, password_hash, role, unit_id)
      select 'nhaplieu' || u || '_' || k, 'Người nhập ' || u || '.' || k, '!', 'commune_digitizer', id from bench_units, generate_series(1, 2) k`.execute(db)
    await sql`create temporary table bench_keyers as select b.u, array_agg(us.id order by us.username) as ids from bench_units b join users us on us.unit_id = b.id group by b.u`.execute(db)
    // One book per commune, type and year.
    await sql`insert into books (book_type, volume, year, issuing_authority, custodian_unit_id, condition)
      select t, '01/' || y, y, 'UBND xã', b.id, 'intact' from bench_units b, unnest(${TYPES}::text[]) t, generate_series(${FIRST_YEAR}::int, ${FIRST_YEAR + YEARS - 1}::int) y`.execute(db)
    await sql`create temporary table bench_books as
      select b.u, k.book_type as t, k.year as y, k.id from books k join bench_units b on b.id = k.custodian_unit_id`.execute(db)
    await sql`create index on bench_books (u, t, y)`.execute(db)
    step('units and books')

    // Entries: commune by a skewed draw (power 2: the first communes are the large ones), births most common,
    // 3% with only a year and 1% without a date; statuses of a campaign half done.
    for (let first = 0; first < ENTRIES; first += CHUNK) {
      const count = Math.min(CHUNK, ENTRIES - first)
      await sql`
        with g as (
          select floor(${UNITS}::int * power(random(), 2))::int as u,
                 (array['KS','KS','KS','KT','KT','KH','HN','CMC'])[1 + floor(random() * 8)::int] as t,
                 ${FIRST_YEAR}::int + floor(random() * ${YEARS}::int)::int as y,
                 random() as d, random() as s, random() as p
            from generate_series(1, ${count}::int)
        )
        insert into entries (book_id, custodian_unit_id, book_type, so, registration_date, registration_date_precision, registration_year, status, fields)
        select k.id, b.id, g.t, 1,
               case when g.p < 0.96 then make_date(g.y, 1, 1) + floor(g.d * 364)::int end,
               case when g.p < 0.96 then 'day' when g.p < 0.99 then 'year' end,
               case when g.p < 0.99 then g.y end,
               case when g.s < 0.25 then 'draft' when g.s < 0.45 then 'keyed' when g.s < 0.55 then 'checked'
                    when g.s < 0.75 then 'approved' when g.s < 0.97 then 'handed_over' else 'returned' end,
               '{}'::jsonb
          from g join bench_units b on b.u = g.u join bench_books k on k.u = g.u and k.t = g.t and k.y = g.y`.execute(db)
    }
    step(`${ENTRIES} entries`)

    // A year of history: the revisions that brought each entry where it is, by one of its commune's keyers.
    // Each revision carries the status its action led to, as the entries commands write it.
    for (const [action, to, statuses, lag] of [
      ['transition:markKeyed', 'keyed', ['keyed', 'checked', 'approved', 'handed_over', 'returned'], 0],
      ['transition:check', 'checked', ['checked', 'approved', 'handed_over'], 3],
      ['transition:approve', 'approved', ['approved', 'handed_over'], 7],
      ['transition:handOver', 'handed_over', ['handed_over'], 14],
    ] as const) {
      await sql`
        insert into entry_revisions (entry_id, version, status, fields, change_kind, changed_by, changed_at)
        select e.id, 2 + ${lag}::int, ${to}, null, ${action}, k.ids[1 + (hashtext(e.id::text) & 1)],
               now() - make_interval(days => (abs(hashtext(e.id::text)) % 365) - ${lag}::int) - interval '1 day'
          from entries e join bench_units b on b.id = e.custodian_unit_id join bench_keyers k on k.u = b.u
         where e.status = any(${[...statuses]}::text[])`.execute(db)
      step(action)
    }

    // The phase and a plan per commune (the campaign module's tables, as its service writes them).
    const phase = await sql<{ id: string }>`
      insert into campaign_phases (province_unit_id, name, window_from, window_to, book_types, starts_on, deadline, unit_price_vnd, aql)
      values (${province.id}::uuid, 'Giai đoạn thử', '1995-01', '2024-12', ${TYPES}::text[], current_date - 200, current_date + 120, 3000, 1)
      returning id`.execute(db)
    const phaseId = phase.rows[0]?.id ?? ''
    await sql`insert into campaign_plans (phase_id, unit_id, status, team, entries_per_day)
      select ${phaseId}::uuid, id, 'approved', '[{"name":"A"},{"name":"B"}]'::jsonb, 60 from bench_units`.execute(db)
    await sql`insert into campaign_plan_lines (plan_id, book_type, books_planned, entries_planned)
      select p.id, c.book_type, count(distinct k.id)::int, (sum(c.entries) * 1.1)::int
        from campaign_plans p join entry_counts_yearly c on c.custodian_unit_id = p.unit_id join books k on k.custodian_unit_id = p.unit_id and k.book_type = c.book_type
       group by p.id, c.book_type`.execute(db)
    await sql`analyze`.execute(db)
    step('phase, plans, analyze')
    const sizes = await sql<{ counts: string; yearly: string; activity: string; activityTypes: string; revisions: string }>`
      select (select count(*) from entry_counts) as counts, (select count(*) from entry_counts_yearly) as yearly,
             (select count(*) from entry_activity) as activity, (select count(*) from entry_activity_types) as "activityTypes",
             (select count(*) from entry_revisions) as revisions`.execute(db)
    console.log('rows', sizes.rows[0])

    const waitUntil = performance.now() + 30 * 60_000
    const load = () => loadavg()[0] ?? 0
    while (QUIET_LOAD > 0 && load() > QUIET_LOAD && performance.now() < waitUntil) await new Promise((done) => setTimeout(done, 10_000))
    const loadBefore = load()
    const officer = await BenchClient.login(server.url, 'sotuphap')
    const commune = await db.selectFrom('administrative_units').select('id').where('code', '=', '98501').executeTakeFirstOrThrow()
    const time = async (url: string) => {
      const samples: number[] = []
      for (let i = 0; i < REQUESTS + 3; i++) {
        const t0 = performance.now()
        const response = await officer.request('GET', url)
        const ms = performance.now() - t0
        if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`)
        if (i >= 3) samples.push(ms)
      }
      return summary(samples)
    }
    const first = await officer.request('GET', `/api/dashboard?phaseId=${phaseId}`)
    const totals = first.body.totals as { total: number }
    if (totals.total === 0) throw new Error('the dashboard counted nothing')
    const provinceTimes = await time(`/api/dashboard?phaseId=${phaseId}`)
    const communeTimes = await time(`/api/dashboard?phaseId=${phaseId}&unitId=${commune.id}`)
    console.log('province', provinceTimes)
    console.log('commune', communeTimes)
    console.log(`load (1 min) ${loadBefore.toFixed(1)} before timing, ${load().toFixed(1)} after`)
    console.log(`dashboard: p95 ${provinceTimes.p95} ms for the province, p95 ${communeTimes.p95} ms for a commune (${server.engine})`)
  } finally {
    await server.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
