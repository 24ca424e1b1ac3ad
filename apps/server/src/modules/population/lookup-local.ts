/**
 * Lookup in the extracts loaded for the units in scope. Candidates come from btree lookups on the
 * blocking keys stored with each record (one query for a whole batch of entries); frequencies of
 * the values involved come from population_stats (cached: an active extract never changes).
 * Scoring is the caller's.
 */
import { blockingKeys, Memo, searchKeys, statKeysOf, type BlockingKey, type SearchStage, type StatKind } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Candidate, LookupQuery, LookupResult, PopulationLookup, SearchOptions } from './lookup'
import { extractOf, packedCandidateColumns, personOf } from './candidate-row'
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

const COLUMN: Record<BlockingKey, string> = {
  dateSurname: 'key_date_surname',
  dateGiven: 'key_date_given',
  nameYear: 'key_name_year',
  nameYearMonth: 'key_name_ym',
  nameYearDay: 'key_name_yd',
  nameMonthDay: 'key_name_md',
  sgMonthDay: 'key_sg_md',
  sgMother: 'key_sg_mother',
  yearMother: 'key_year_mother',
  givenFather: 'key_given_father',
  givenMother: 'key_given_mother',
  initialYear: 'key_initial_year',
  givenYear: 'key_given_year',
  yearFather: 'key_year_father',
  middleDate: 'key_middle_date',
}
const STATS_CACHE_LIMIT = 500_000
/** Records remembered (two generations of this many: see Memo). */
const KNOWN_LIMIT = 20_000

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

  // Candidates already read, by record id (one sequence for all extracts, so an id names one record): a record
  // comes back for many entries and stages (a third of the rows of the broad and loose stages had been read before
  // at 300k people, a tenth at 1M), and reading one (names prepared, keys worked out) is most of a row's cost. An
  // active extract never changes, so a remembered record never goes stale.
  const known = new Memo<Candidate>(KNOWN_LIMIT)

  /** Candidates by the blocking keys of the stage (one query for the batch), back to the entries that asked. */
  async function keyCandidates(extractIds: string[], queries: readonly LookupQuery[], stage: SearchStage): Promise<Map<string, Candidate[]>> {
    const ids = new Set<string>()
    const wanted = new Map<BlockingKey, Set<string>>()
    // Key → value → the entries asking for it ('id': the personal ID).
    const askers = new Map<BlockingKey | 'id', Map<string, string[]>>()
    const ask = (key: BlockingKey | 'id', value: string, ref: string) => {
      let byValue = askers.get(key)
      if (!byValue) askers.set(key, (byValue = new Map()))
      const refs = byValue.get(value)
      if (refs) refs.push(ref)
      else byValue.set(value, [ref])
    }
    for (const q of queries) {
      if (q.person.personalId && stage === 'narrow') {
        ids.add(q.person.personalId)
        ask('id', q.person.personalId, q.ref)
      }
      for (const [name, value] of searchKeys(q.person, stage)) {
        let set = wanted.get(name)
        if (!set) wanted.set(name, (set = new Set()))
        set.add(value)
        ask(name, value, q.ref)
      }
    }
    const conditions = [
      ...(ids.size > 0 ? [sql`personal_id = any(${[...ids]}::text[])`] : []),
      ...[...wanted].map(([name, values]) => sql`${sql.ref(COLUMN[name])} = any(${[...values]}::text[])`),
    ]
    if (conditions.length === 0) conditions.push(sql`false`)
    const packed = (
      await sql<{ packed: string | null }>`select ${packedColumns(packedCandidateColumns(extractIds))} as packed from population_people
        where extract_id = any(${extractIds}::uuid[]) and (${sql.join(conditions, sql` or `)})`.execute(db)
    ).rows[0]?.packed

    // Rows back to the entries that asked for one of their keys (keys recomputed from the record).
    const found = new Map<string, Map<string, Candidate>>(queries.map((q) => [q.ref, new Map()]))
    const deliver = (refs: readonly string[] | undefined, candidate: Candidate) => {
      if (refs) for (const ref of refs) found.get(ref)?.set(candidate.id, candidate)
    }
    const names = new Set(wanted.keys())
    const byId = askers.get('id')
    for (const row of unpack(packed)) {
      // (The extract is checked too: an id taken from elsewhere must never bring another record's values.)
      const extractId = extractOf(row, extractIds)
      const remembered = known.get(row[0] as string, () => readCandidate(row, extractId))
      const candidate = remembered.extractId === extractId ? remembered : readCandidate(row, extractId)
      if (byId && candidate.person.personalId) deliver(byId.get(candidate.person.personalId), candidate)
      const keys = blockingKeys(candidate.person, names)
      for (const name of names) {
        const value = keys[name]
        if (value) deliver(askers.get(name)?.get(value), candidate)
      }
    }
    return new Map([...found].map(([ref, byId]) => [ref, [...byId.values()]]))
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
