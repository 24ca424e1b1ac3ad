/**
 * Bytes per revision (issue 12): a book's entries keyed, then taken through markKeyed, check and
 * approve by the entries commands, as the HTTP routes do. A transition stores no copy of the fields
 * (migration 0020); the "full copy" layout is rebuilt beside it (same rows, every revision with the
 * fields of its version, as before 0020) and both tables are measured: heap + TOAST + indexes.
 *
 *   npm run bench:revisions -- --transitions 10000
 */
import { sql } from 'kysely'
import { isRole } from '@hts/domain'
import { createEntry, transitionEntry } from '../apps/server/src/modules/entries'
import { Random } from './lib/random'
import { buildSyntheticBirth } from './lib/birth-entries'
import { BenchClient, startBenchServer } from './lib/bench-server'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const TRANSITIONS = arg('transitions', 10_000)
const ENTRIES = Math.ceil(TRANSITIONS / 3)
const YEAR = 2024

async function main(): Promise<void> {
  const server = await startBenchServer()
  const { kysely } = server.db
  try {
    const officer = await BenchClient.login(server.url, 'tuphap.anphu')
    const unit = await kysely.selectFrom('administrative_units').select('id').where('code', '=', '98001').executeTakeFirstOrThrow()
    const created = await officer.request('POST', '/api/books', {
      bookType: 'KS', volume: `01/${YEAR}`, year: YEAR, issuingAuthority: 'UBND xã An Phú', custodianUnitId: unit.id, openedOn: `${YEAR}-01-02`, closedOn: `${YEAR}-12-31`,
    })
    const book = await kysely.selectFrom('books').selectAll().where('id', '=', String(created.body.id)).executeTakeFirstOrThrow()
    const user = async (username: string) => {
      const row = await kysely.selectFrom('users').select(['id', 'unit_id', 'role']).where('username', '=', username).executeTakeFirstOrThrow()
      if (!isRole(row.role)) throw new Error(`role ${row.role}`)
      return { id: row.id, unitId: row.unit_id, role: row.role }
    }
    const keyer = await user('sohoa.anphu')
    const checker = await user('tuphap.anphu')
    const random = new Random(12)
    const started = Date.now()
    let transitions = 0
    for (let so = 1; so <= ENTRIES && transitions < TRANSITIONS; so++) {
      const fields = buildSyntheticBirth(random, so, YEAR)
      let row = await kysely.transaction().execute((trx) => createEntry(trx, keyer, book, { fields }))
      for (const [actor, action] of [[keyer, 'markKeyed'], [checker, 'check'], [checker, 'approve']] as const) {
        if (transitions >= TRANSITIONS) break
        const before = row
        row = await kysely.transaction().execute((trx) => transitionEntry(trx, actor, book, { id: before.id, version: before.version }, action))
        transitions++
      }
    }
    const seconds = (Date.now() - started) / 1000

    // The same revisions as they were stored before 0020: every one with its version's fields.
    await sql`create table revisions_full_copy as
      select r.id, r.entry_id, r.version, r.status,
        coalesce(r.fields, (select p.fields from entry_revisions p where p.entry_id = r.entry_id and p.version < r.version and p.fields is not null order by p.version desc limit 1)) as fields,
        r.change_kind, r.changed_by, r.changed_at, r.note
      from entry_revisions r`.execute(kysely)
    await sql`alter table revisions_full_copy add primary key (id)`.execute(kysely)
    await sql`create unique index on revisions_full_copy (entry_id, version)`.execute(kysely)
    await sql`vacuum analyze entry_revisions`.execute(kysely)
    await sql`vacuum analyze revisions_full_copy`.execute(kysely)
    const sizes = await sql<{ rows: number; compact: number; full: number; compact_rows: number; full_rows: number; transition_compact: number; transition_full: number }>`
      select (select count(*)::int from entry_revisions) as rows,
        pg_total_relation_size('entry_revisions')::int as compact,
        pg_total_relation_size('revisions_full_copy')::int as full,
        (select sum(pg_column_size(r.*))::int from entry_revisions r) as compact_rows,
        (select sum(pg_column_size(r.*))::int from revisions_full_copy r) as full_rows,
        (select avg(pg_column_size(r.*))::int from entry_revisions r where change_kind like 'transition:%') as transition_compact,
        (select avg(pg_column_size(r.*))::int from revisions_full_copy r where change_kind like 'transition:%') as transition_full`.execute(kysely)
    const s = sizes.rows[0]
    if (!s) throw new Error('no sizes')
    const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`
    console.log(`${ENTRIES} entries, ${transitions} transitions, ${s.rows} revisions in ${seconds.toFixed(1)} s`)
    console.log(`table (heap + TOAST + indexes): full copy ${kb(s.full)} (${(s.full / s.rows).toFixed(0)} B/revision), compact ${kb(s.compact)} (${(s.compact / s.rows).toFixed(0)} B/revision)`)
    console.log(`row bytes (pg_column_size): full copy ${s.full_rows}, compact ${s.compact_rows}; a transition row: ${s.transition_full} B → ${s.transition_compact} B`)
    console.log(`revisions: ${(s.full / s.rows).toFixed(0)} → ${(s.compact / s.rows).toFixed(0)} B/revision (table), transition row ${s.transition_full} → ${s.transition_compact} B (${server.engine})`)
  } finally {
    await server.close()
  }
}

await main()
