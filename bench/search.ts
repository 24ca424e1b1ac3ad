/**
 * Registry-wide search at size (issue 12): ENTRIES synthetic birth entries over 50 years and the
 * province's communes, then QUERIES searches over HTTP as the province's officer, each for one entry
 * drawn from the registry and typed the way people do:
 *   - nomarks  the name in capitals without diacritics, with the registration date;
 *   - tone     the other tone placement (Hòa for Hoà) in lower case, with the date;
 *   - middle   the middle name left out, with the date;
 *   - typo     one slip of the key in the name (letter replaced, dropped or swapped), with the date;
 *   - year     the name as written but only the registration year, and the mother's name.
 * Recall: the entry sought is on the first page (20 results). Latency: the HTTP round trip.
 *
 * Names: the common Vietnamese frequencies of bench/lib/vietnamese-names.ts (Nguyễn ~38%, Thị/Văn,
 * a few dozen given names carrying most people) plus the long tail (rare surnames and given names,
 * two-word given names), keyed in either tone style. The corruptions are written here from what
 * people type, not from the search's own folding (bench data must not share the model's assumptions).
 *
 * Loading: rows go in as one jsonb parameter per 2,000 (no revisions or audit: the search reads
 * neither), derived columns by the entries module's own derive step, with the entries' indexes
 * dropped and then built again from their own definitions (as the migrations made them: 10M rows
 * inserted into two trigram indexes row by row would take hours); then VACUUM ANALYZE.
 * BENCH_KEEP_DB=1 keeps the database and writes the sought entries beside it (`--sought FILE`), so
 * that BENCH_REUSE_DB=<kept database> ... --sought FILE times the searches again without reloading.
 *
 *   npm run bench:search -- --entries 100000 [--queries 500] [--seed 12]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:search -- --entries 1000000
 */
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { sql, type Kysely } from 'kysely'
import { SearchQuery } from '@hts/domain'
import type { Database } from '../apps/server/src/db/schema'
import { derivedColumns } from '../apps/server/src/modules/entries'
import { candidatesQuery } from '../apps/server/src/modules/search/repository'
import { searchFilter } from '../apps/server/src/modules/search/service'
import { BenchClient, startBenchServer } from './lib/bench-server'
import { typo } from './lib/corruptions'
import { Random, Weighted } from './lib/random'
import { percentile, round1 } from './lib/stats'
import { oldToneStyle } from './lib/synthetic-population'
import {
  FEMALE_GIVEN, FEMALE_MIDDLE_NEW, FEMALE_MIDDLE_OLD, MALE_GIVEN, MALE_MIDDLE_NEW, MALE_MIDDLE_OLD, RARE_FEMALE_GIVEN,
  RARE_MALE_GIVEN, RARE_SURNAMES, SURNAMES,
} from './lib/vietnamese-names'

const { values: args } = parseArgs({ options: { entries: { type: 'string', default: '100000' }, queries: { type: 'string', default: '500' }, seed: { type: 'string', default: '12' }, sought: { type: 'string' } } })
const ENTRIES = Number(args.entries)
const QUERIES = Math.min(Number(args.queries), ENTRIES)
const FIRST_YEAR = 1975
const YEARS = 50
const BATCH = 2000
const WARMUP = Math.min(20, QUERIES)
const KINDS = ['nomarks', 'tone', 'middle', 'typo', 'year'] as const
type Kind = (typeof KINDS)[number]

// Rare names: about 6% of surnames and 10% of given names come from the long tail.
const surnames = new Weighted([...SURNAMES, ...RARE_SURNAMES.map(([n, w]) => [n, w * 1.5] as const)])
const given = {
  male: new Weighted([...MALE_GIVEN, ...RARE_MALE_GIVEN.map(([n, w]) => [n, w * 1.2] as const)]),
  female: new Weighted([...FEMALE_GIVEN, ...RARE_FEMALE_GIVEN.map(([n, w]) => [n, w * 1.2] as const)]),
}
const middles = {
  male: { old: new Weighted(MALE_MIDDLE_OLD), new: new Weighted(MALE_MIDDLE_NEW) },
  female: { old: new Weighted(FEMALE_MIDDLE_OLD), new: new Weighted(FEMALE_MIDDLE_NEW) },
}
const pad = (n: number) => String(n).padStart(2, '0')
const join = (...parts: string[]) => parts.filter((p) => p !== '').join(' ')

interface Person { surname: string; middle: string; given: string }
function person(random: Random, sex: 'male' | 'female', year: number, surname?: string): Person {
  return { surname: surname ?? surnames.pick(random), middle: middles[sex][year < 1990 ? 'old' : 'new'].pick(random), given: given[sex].pick(random) }
}
/** As the keyer wrote it: a third of the books in the old tone style. */
const written = (p: Person, oldStyle: boolean) => (oldStyle ? oldToneStyle(join(p.surname, p.middle, p.given)) : join(p.surname, p.middle, p.given))

interface Sought { id: string; key: string; person: Person; name: string; mother: string; date: string; year: number }

function stripMarks(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
}
/** The other tone placement: hoà ↔ hòa, thuỷ ↔ thủy (only for names that have such a syllable). */
function otherTone(name: string): string {
  const old = oldToneStyle(name)
  if (old !== name) return old
  const pairs: Record<string, string> = { Hòa: 'Hoà', Thủy: 'Thuỷ', Thúy: 'Thuý', Thùy: 'Thuỳ', Hòe: 'Hoè', Khỏe: 'Khoẻ', Tỏa: 'Toả', Lòa: 'Loà' }
  return name.split(' ').map((w) => pairs[w] ?? w).join(' ')
}

function queryFor(random: Random, kind: Kind, s: Sought): Record<string, string> {
  const dated = { dateFrom: s.date, dateTo: s.date }
  switch (kind) {
    case 'nomarks': return { q: stripMarks(s.name).toUpperCase(), ...dated }
    case 'tone': return { q: otherTone(s.name).toLowerCase(), ...dated }
    case 'middle': return { q: s.person.middle === '' ? s.name : join(s.person.surname, s.person.given), ...dated }
    case 'typo': return { q: typo(random, s.name), ...dated }
    case 'year': return { q: s.name, yearFrom: String(s.year), yearTo: String(s.year), parent: s.mother }
  }
}

/** The sought entries a run with BENCH_KEEP_DB=1 wrote beside the database it kept. */
function readSought(): Sought[] {
  if (!args.sought) throw new Error('BENCH_REUSE_DB needs --sought FILE (written by the run that kept the database)')
  const sought = JSON.parse(fs.readFileSync(args.sought, 'utf8')) as Sought[]
  return sought.slice(0, QUERIES)
}

/** ENTRIES entries into a fresh registry; returns QUERIES of them, drawn uniformly, to be sought. */
async function load(db: Kysely<Database>, random: Random, engine: string): Promise<Sought[]> {
  const units = await db.selectFrom('administrative_units').select(['id', 'name']).where('code', 'in', ['98001', '98002', '98003']).execute()
  const books = new Map<string, string>()
  for (const unit of units) {
    for (let y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
      const book = await db.insertInto('books').values({
        book_type: 'KS', volume: `01/${y}`, year: y, issuing_authority: `UBND ${unit.name}`, custodian_unit_id: unit.id, opened_on: `${y}-01-02`, closed_on: `${y}-12-31`, condition: 'intact',
      }).returning('id').executeTakeFirstOrThrow()
      books.set(`${unit.id}/${y}`, book.id)
    }
  }

  // Every entry is a candidate to be sought; QUERIES of them are kept (reservoir sample).
  const sought: Sought[] = []
  const loadStart = performance.now()
  // The indexes no constraint needs, dropped for the load and built again from their definitions.
  const indexes = (await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'entries'
      and indexname not in (select conname from pg_constraint where conrelid = 'entries'::regclass)`.execute(db)).rows
  for (const index of indexes) await sql.raw(`drop index ${index.indexname}`).execute(db)
  const numbers = new Map<string, number>()
  for (let first = 0; first < ENTRIES; first += BATCH) {
    const rows = []
    for (let i = first; i < Math.min(ENTRIES, first + BATCH); i++) {
      const unit = units[i % units.length] as { id: string; name: string }
      const year = FIRST_YEAR + random.int(0, YEARS - 1)
      const key = `${unit.id}/${year}`
      const so = (numbers.get(key) ?? 0) + 1
      numbers.set(key, so)
      const sex = random.chance(0.51) ? 'male' : 'female'
      const child = person(random, sex, year)
      const mother = person(random, 'female', year - 25)
      const father = person(random, 'male', year - 28, child.surname)
      const oldStyle = year < 2000 ? random.chance(0.6) : random.chance(0.15)
      const month = random.int(1, 12)
      const day = random.int(1, 28)
      const fields: Record<string, string> = {
        so: String(so), quyenSo: `01/${year}`, ngayDangKy: `${pad(day)}.${pad(month)}.${year}`, loaiDangKy: '1',
        nksHoTen: written(child, oldStyle), nksGioiTinh: sex === 'male' ? '1' : '2', nksNgaySinh: `${pad(Math.max(1, day - random.int(0, 20)))}.${pad(month)}.${year}`,
        nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam', meHoTen: written(mother, oldStyle), chaHoTen: written(father, oldStyle),
      }
      rows.push({ book_id: books.get(key), custodian_unit_id: unit.id, fields, ...derivedColumns('KS', fields) })
      const entry = { id: '', key: `${books.get(key) ?? ''}/${so}`, person: child, name: fields.nksHoTen as string, mother: fields.meHoTen as string, date: `${year}-${pad(month)}-${pad(day)}`, year }
      if (sought.length < QUERIES) sought.push(entry)
      else {
        const at = random.int(0, i)
        if (at < QUERIES) sought[at] = entry
      }
    }
    const inserted = await sql<{ id: string; key: string }>`
      insert into entries (book_id, custodian_unit_id, book_type, status, fields, so, trang_so, registration_date,
        registration_date_precision, registration_year, subject_name, subject_name_folded, subject_birth_date,
        subject_birth_precision, subject_personal_id, parents_folded)
      select book_id, custodian_unit_id, 'KS', 'keyed', fields, so, trang_so, registration_date,
        registration_date_precision, registration_year, subject_name, subject_name_folded, subject_birth_date,
        subject_birth_precision, subject_personal_id, parents_folded
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
        book_id uuid, custodian_unit_id uuid, fields jsonb, so integer, trang_so integer, registration_date date,
        registration_date_precision text, registration_year integer, subject_name text, subject_name_folded text,
        subject_birth_date date, subject_birth_precision text, subject_personal_id text, parents_folded text)
      returning id, book_id || '/' || so as key`.execute(db)
    const ids = new Map(inserted.rows.map((r) => [r.key, r.id]))
    for (const s of sought) if (s.id === '') s.id = ids.get(s.key) ?? ''
    if ((first / BATCH) % 50 === 49) console.log(`  ${(first + BATCH).toLocaleString('en')} entries loaded`)
  }
  const indexStart = performance.now()
  for (const index of indexes) await sql.raw(index.indexdef).execute(db)
  console.log(`  ${indexes.length} indexes built again in ${((performance.now() - indexStart) / 1000).toFixed(1)} s`)
  await sql`vacuum analyze entries`.execute(db)
  const distinct = await sql<{ n: number }>`select count(distinct subject_name_folded)::int as n from entries`.execute(db)
  console.log(`loaded ${ENTRIES.toLocaleString('en')} entries (${(distinct.rows[0]?.n ?? 0).toLocaleString('en')} distinct folded names) in ${((performance.now() - loadStart) / 1000).toFixed(1)} s (${engine})`)
  if (process.env.BENCH_KEEP_DB === '1') {
    const file = args.sought ?? `/tmp/hts-search-sought-${ENTRIES}.json`
    fs.writeFileSync(file, JSON.stringify(sought))
    console.log(`sought entries kept: ${file}`)
  }
  return sought
}

async function main(): Promise<void> {
  const server = await startBenchServer()
  const db = server.db.kysely
  try {
    const random = new Random(Number(args.seed))
    const sought = server.reused ? readSought() : await load(db, random, server.engine)

    const officer = await BenchClient.login(server.url, 'sotuphap')
    // BENCH_EXPLAIN=1: the plan and timing of one query of each kind, as the server runs it.
    if (process.env.BENCH_EXPLAIN === '1') {
      const scope = (await db.selectFrom('administrative_units').select('id').execute()).map((u) => u.id)
      for (const [i, kind] of KINDS.entries()) {
        const s = sought[i % sought.length] as Sought
        const filter = searchFilter(scope, undefined, SearchQuery.parse(queryFor(random, kind, s)))
        const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${candidatesQuery(filter, 501)}`.execute(db)
        console.log(`--- ${kind}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n').replace(/'\{[^}]{200,}\}'/g, "'{…}'")}`)
      }
    }
    const byKind = new Map<Kind, { ms: number[]; found: number }>(KINDS.map((k) => [k, { ms: [], found: 0 }]))
    const all: number[] = []
    let found = 0
    for (let n = -WARMUP; n < sought.length; n++) {
      const s = sought[(n + sought.length) % sought.length] as Sought
      const kind = KINDS[(n + WARMUP) % KINDS.length] as Kind
      const params = queryFor(random, kind, s)
      const start = performance.now()
      const response = await officer.request('GET', `/api/search?${new URLSearchParams(params).toString()}`)
      const ms = performance.now() - start
      if (response.status !== 200) throw new Error(`search ${JSON.stringify(params)}: ${response.status} ${JSON.stringify(response.body)}`)
      if (n < 0) continue
      const items = (response.body.items ?? []) as { id: string }[]
      const hit = items.some((item) => item.id === s.id)
      const stats = byKind.get(kind) as { ms: number[]; found: number }
      stats.ms.push(ms)
      all.push(ms)
      if (hit) {
        stats.found++
        found++
      } else if (process.env.BENCH_VERBOSE === '1') console.log(`  missed (${kind}): ${JSON.stringify(params)} for "${s.name}"`)
    }
    for (const [kind, stats] of byKind) {
      console.log(`  ${kind.padEnd(8)} p50 ${round1(percentile(stats.ms, 50))} ms, p95 ${round1(percentile(stats.ms, 95))} ms, recall ${((100 * stats.found) / Math.max(1, stats.ms.length)).toFixed(1)}% (${stats.ms.length})`)
    }
    console.log(`search: p50 ${round1(percentile(all, 50))} ms, p95 ${round1(percentile(all, 95))} ms, recall ${((100 * found) / Math.max(1, all.length)).toFixed(1)}% on ${all.length} queries (${server.engine})`)
  } finally {
    await server.close()
  }
}

await main()
