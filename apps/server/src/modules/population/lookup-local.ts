/**
 * Lookup in the extracts loaded for the units in scope. Candidates come from btree lookups on the
 * blocking keys stored with each record (one query for a whole batch of entries); frequencies of
 * the values involved come from population_stats (cached: an active extract never changes).
 * Scoring is the caller's.
 */
import { keyBounds, parentKey, searchKeys, slipYears, statKeysOf, type BlockingKey, type KeyBound, type MatchPerson, type SearchStage, type StatKind } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Candidate, LookupQuery, LookupResult, PopulationLookup, SearchOptions } from './lookup'
import { CANDIDATE_COLUMNS, extractOf, packedCandidateColumns, personOf } from './candidate-row'
import { familyCandidates } from './lookup-family'
import { packedColumns, unpack } from './packed'

const NO_DATA = 'Chưa có dữ liệu dân cư (bản trích xuất của công an) cho đơn vị này: nạp dữ liệu dân cư rồi đối chiếu lại'

export async function activeExtracts(db: Kysely<Database>, scopeUnitIds: readonly string[]) {
  if (scopeUnitIds.length === 0) return []
  return db
    .selectFrom('population_extracts')
    .select(['id', 'unit_id', 'row_count'])
    .where('unit_id', 'in', [...scopeUnitIds])
    .where('status', '=', 'active')
    .execute()
}

/**
 * How a record holds the value `a.v` a key asks for (`p`: the record). A key is a column of its own but for two (see
 * blockingKeys), which walk the index of surname, year, middle names and initial and keep the records of one precision
 * (and month) only. The benchmark counts each key's pairs with these same conditions.
 */
export const KEY_CONDITIONS: Readonly<Record<BlockingKey | 'id', string>> = {
  id: 'p.personal_id = a.v',
  dateSurname: 'p.key_date_surname = a.v',
  dateGiven: 'p.key_date_given = a.v',
  nameYear: 'p.key_name_year = a.v',
  nameYearMonth: 'p.key_name_ym = a.v',
  nameYearDay: 'p.key_name_yd = a.v',
  nameMonthDay: 'p.key_name_md = a.v',
  sgMonthDay: 'p.key_sg_md = a.v',
  sgMother: 'p.key_sg_mother = a.v',
  yearMother: 'p.key_year_mother = a.v',
  givenFather: 'p.key_given_father = a.v',
  givenMother: 'p.key_given_mother = a.v',
  initialYear: 'p.key_initial_year = a.v',
  givenYear: 'p.key_given_year = a.v',
  yearFather: 'p.key_year_father = a.v',
  middleDate: 'p.key_middle_date = a.v',
  initialYearUndated: 'p.key_initial_year = a.v and length(p.birth_key) < 10',
  initialYearMonth: 'p.key_initial_year = left(a.v, -3) and length(p.birth_key) = 10 and substr(p.birth_key, 6, 2) = right(a.v, 2)',
}
/**
 * What a bound key (keyBounds) also asks of the records its value finds, `a.b` being what the entry sends
 * (boundValue; null: nothing left out). The domain's withinSlipYears, sameFatherKey and motherWordAgrees say the same.
 */
const BOUND_CONDITIONS: Readonly<Record<KeyBound, string>> = {
  // The book year's slip years as '|1979|1980|...|'.
  slipYears: `(a.b is null or p.birth_key is null or strpos(a.b, '|' || left(p.birth_key, 4) || '|') > 0)`,
  // The book's father as '|surname given': the end of the record's key_year_father (surname|year|father).
  sameFather: `(a.b is null or p.key_year_father is null or right(p.key_year_father, length(a.b)) = a.b)`,
  // The book's mother as 'surname given', against the end of the record's key_year_mother (surname|year|mother).
  motherWord: `(a.b is null or p.key_year_mother is null
    or split_part(a.b, ' ', 1) = split_part(split_part(p.key_year_mother, '|', 3), ' ', 1)
    or split_part(a.b, ' ', 2) = split_part(split_part(p.key_year_mother, '|', 3), ' ', 2))`,
}

/**
 * A year's slip years as sent, made once per year (every entry of a loose batch asks them for two keys). Never cleared:
 * a book's year is a date the parser accepted (MIN_DATE_YEAR to next year), so there are at most a few hundred.
 */
const slipYearsText = new Map<number, string>()
const slipYearsOf = (year: number): string => {
  let text = slipYearsText.get(year)
  if (text === undefined) slipYearsText.set(year, (text = `|${slipYears(year).join('|')}|`))
  return text
}

function boundValue(bound: KeyBound, person: MatchPerson): string | null {
  switch (bound) {
    case 'slipYears':
      return person.birth ? slipYearsOf(person.birth.year) : null
    case 'sameFather':
      return person.father ? `|${parentKey(person.father)}` : null
    case 'motherWord':
      return person.mother ? parentKey(person.mother) : null
  }
}

/** A value a key is searched for, what its bound asks (see BOUND_CONDITIONS), and the entries that asked. */
interface Asked {
  value: string
  bound: string | null
  refs: string[]
}

const STATS_CACHE_LIMIT = 500_000

const byOrder = (candidates: Candidate[]): Candidate[] =>
  candidates.length < 2 ? candidates : candidates.map((c) => [Number(c.id), c] as const).sort((a, b) => a[0] - b[0]).map(([, c]) => c)

function readCandidate(row: string[], extractId: string | null): Candidate {
  return { id: row[0] as string, extractId, person: personOf(row) }
}

export function createLocalLookup(db: Kysely<Database>): PopulationLookup {
  // Frequencies by extract set; extracts never change once active, so entries never go stale.
  const statsCache = new Map<string, Map<string, number>>()

  async function frequencies(extractIds: string[], queries: readonly LookupQuery[]): Promise<Map<string, number>> {
    const cacheKey = [...extractIds].sort().join(',')
    let cache = statsCache.get(cacheKey)
    if (!cache || cache.size > STATS_CACHE_LIMIT) statsCache.set(cacheKey, (cache = new Map()))
    const missing = new Map<string, [StatKind, string]>()
    for (const q of queries) {
      for (const [kind, key] of statKeysOf(q.person)) {
        const id = `${kind}\u0001${key}`
        if (!cache.has(id)) missing.set(id, [kind, key])
      }
    }
    if (missing.size > 0) {
      const pairs = [...missing.values()]
      const packed = (
        await sql<{ packed: string | null }>`select ${packedColumns(['kind', 'key', 'n'])} as packed from (
          select kind, key, sum(n)::int as n from population_stats
          where extract_id = any(${extractIds}::uuid[])
            and (kind, key) in (select * from unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]))
          group by kind, key) s`.execute(db)
      ).rows[0]?.packed
      for (const id of missing.keys()) cache.set(id, 0)
      for (const [kind, key, n] of unpack(packed)) cache.set(`${kind}\u0001${key}`, Number(n))
    }
    return cache
  }

  /**
   * Candidates by the blocking keys of the stage (one query for the batch), back to the entries that asked. Each row
   * comes with the key and the value it was found by (their positions in the lists sent), so it goes straight to the
   * entries that asked for that value: working the keys out again from every row and looking them up was a fifth
   * of a scoring worker's time at 1M people. A row found by several keys comes once per key.
   */
  async function keyCandidates(extractIds: string[], queries: readonly LookupQuery[], stage: SearchStage): Promise<Map<string, Candidate[]>> {
    // Key → value → what is asked and by which entries ('id': the personal ID); values keep the order they were first
    // asked in. A bound key (keyBounds) is asked per value and what its bound sends.
    const bounds = keyBounds(stage)
    const askers = new Map<BlockingKey | 'id', Map<string, Asked>>()
    const ask = (key: BlockingKey | 'id', value: string, ref: string, person: MatchPerson) => {
      let byValue = askers.get(key)
      if (!byValue) askers.set(key, (byValue = new Map()))
      const kind = key === 'id' ? undefined : bounds.get(key)
      const bound = kind === undefined ? null : boundValue(kind, person)
      const id = bound === null ? value : `${value}\u0001${bound}`
      const asked = byValue.get(id)
      if (asked) asked.refs.push(ref)
      else byValue.set(id, { value, bound, refs: [ref] })
    }
    for (const q of queries) {
      if (q.person.personalId && stage === 'narrow') ask('id', q.person.personalId, q.ref, q.person)
      for (const [name, value] of searchKeys(q.person, stage)) ask(name, value, q.ref, q.person)
    }
    // refs[k][i]: the entries that asked for the i-th value of the k-th key.
    const keys = [...askers].map(([name, byValue]) => [name, [...byValue.values()]] as const)
    const refs = keys.map(([, asked]) => asked.map((a) => a.refs))
    const columns = sql.raw(packedCandidateColumns(extractIds, 'p.').map((c, j) => `${c} as ${CANDIDATE_COLUMNS[j]}`).join(', '))
    const lookups = keys.map(([name, asked], k) => {
      const values = asked.map((a) => a.value)
      // A bound key's records are filtered here, not sent, decoded and read for nothing (most of those keys' rows at
      // 1M people, issue 15).
      const kind = name === 'id' ? undefined : bounds.get(name)
      const from = kind !== undefined
        ? sql`unnest(${values}::text[], ${asked.map((a) => a.bound)}::text[]) with ordinality as a(v, b, i)
          join population_people p on ${sql.raw(KEY_CONDITIONS[name])} and ${sql.raw(BOUND_CONDITIONS[kind])}`
        : sql`unnest(${values}::text[]) with ordinality as a(v, i) join population_people p on ${sql.raw(KEY_CONDITIONS[name])}`
      return sql`select ${k}::int as k, a.i, ${columns} from ${from} where p.extract_id = any(${extractIds}::uuid[])`
    })
    if (lookups.length === 0) return new Map(queries.map((q) => [q.ref, []]))
    const found = new Map<string, Map<string, Candidate>>(queries.map((q) => [q.ref, new Map()]))
    const packed = (
      await sql<{ packed: string | null }>`select ${packedColumns(['m.k', 'm.i', ...CANDIDATE_COLUMNS.map((c) => `m.${c}`)])} as packed
        from (${sql.join(lookups, sql` union all `)}) m`.execute(db)
    ).rows[0]?.packed

    for (const [k, i, ...row] of unpack(packed)) {
      const asking = refs[Number(k)]?.[Number(i) - 1]
      if (!asking) continue
      const id = row[0] as string
      // A row is read once, and not at all when every entry asking already has the record (found by another key: 18%
      // of the narrow stage's rows at 1M people). No memo of records across batches: it cost more than it saved at 1M
      // people (85% of rows were new to it; issue 15, docs/PERFORMANCE.md). Names are remembered (prepareName).
      let candidate: Candidate | undefined
      for (const ref of asking) {
        const byId = found.get(ref)
        if (byId && !byId.has(id)) byId.set(id, (candidate ??= readCandidate(row, extractOf(row, extractIds))))
      }
    }
    // In the order of the records (ids follow the extract's rows), whatever key found them first: equal weights are
    // then ranked the same way whatever plan the database chose.
    return new Map([...found].map(([ref, byId]) => [ref, byOrder([...byId.values()])]))
  }

  return {
    source: 'local',
    progressive: true,
    async search(scopeUnitIds, queries: readonly LookupQuery[], options: SearchOptions = {}): Promise<LookupResult> {
      const extracts = await activeExtracts(db, scopeUnitIds)
      if (extracts.length === 0) return { status: 'unavailable', source: 'local', message: NO_DATA }
      const extractIds = extracts.map((e) => e.id)
      const populationSize = extracts.reduce((sum, e) => sum + e.row_count, 0)
      const candidates = options.family ? await familyCandidates(db, extractIds, queries) : await keyCandidates(extractIds, queries, options.loose ? 'loose' : options.broad ? 'broad' : 'narrow')

      const counts = await frequencies(extractIds, queries)
      return {
        status: 'ok',
        source: 'local',
        populationSize,
        extractIds,
        frequencies: { total: populationSize, count: (kind, key) => counts.get(`${kind}\u0001${key}`) ?? 0 },
        candidates,
      }
    },
  }
}
