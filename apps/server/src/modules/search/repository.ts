import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/schema'
import { z } from 'zod'
import type { NameQuery } from './ranking'

const PackedCandidates = z.array(z.tuple([z.string(), z.string().nullable(), z.string().nullable()]))

/** The index expressions of migrations 0018 and 0040 (entries_search_name_key), repeated word for word. */
const GIVEN = sql`substring(e.subject_name_folded from '[^ ]+$')`
const SURNAME = sql`split_part(e.subject_name_folded, ' ', 1)`

export interface SearchFilter {
  /** Custodian units the user may see. */
  scope: string[]
  /** The unit filter: its own scope, or (a historic unit) the books it issued. */
  unit?: { scope: string[]; unitId: string } | undefined
  name?: { query: NameQuery; givenVariants: string[]; surnameVariants: string[] } | undefined
  bookType?: string | undefined
  yearFrom?: number | undefined
  yearTo?: number | undefined
  dateFrom?: string | undefined
  dateTo?: string | undefined
  status?: string | undefined
  parent?: string | undefined
  personalId?: string | undefined
  so?: number | undefined
  volume?: string | undefined
}

export interface Candidate { id: string; subjectName: string | null; registrationDate: string | null }

function conditions(f: SearchFilter): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [sql`e.custodian_unit_id = any(${f.scope}::uuid[])`]
  if (f.unit) {
    where.push(sql`(e.custodian_unit_id = any(${f.unit.scope}::uuid[]) or e.book_id in (select b.id from books b where b.issuing_unit_id = ${f.unit.unitId}::uuid))`)
  }
  if (f.name) {
    const { query, givenVariants, surnameVariants } = f.name
    if (query.words.length === 1) {
      // One word: a surname, a middle or a given name anywhere in the name (trigram index).
      where.push(sql`e.subject_name_folded ~ ${`(^| )${query.given.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}( |$)`}`)
    } else {
      // Same surname and given name with one edit in either (middle name free): the btree index.
      // The variants go in as a sub-select: as constant arrays the planner estimated each of the
      // few hundred elements against the statistics (25-50 ms of planning on PGlite for <1 ms of work).
      where.push(sql`((${GIVEN} = any((select ${givenVariants}::text[])::text[]) and ${SURNAME} = ${query.surname})
        or (${GIVEN} = ${query.given} and ${SURNAME} = any((select ${surnameVariants}::text[])::text[])))`)
    }
  }
  if (f.bookType) where.push(sql`e.book_type = ${f.bookType}`)
  if (f.yearFrom !== undefined) where.push(sql`e.registration_year >= ${f.yearFrom}`)
  if (f.yearTo !== undefined) where.push(sql`e.registration_year <= ${f.yearTo}`)
  if (f.dateFrom) where.push(sql`e.registration_date >= ${f.dateFrom}::date`)
  if (f.dateTo) where.push(sql`e.registration_date <= ${f.dateTo}::date`)
  if (f.status) where.push(sql`e.status = ${f.status}`)
  // A parent's name in "mother | father", its words in order, others between allowed (trigram index).
  // With a name as well, the name's index leads and the parents are only checked (written so that the
  // trigram index cannot serve it: its estimates for such patterns were 400 times too low, 100 ms).
  if (f.parent) {
    const pattern = `%${f.parent.replace(/[%_\\]/g, (c) => `\\${c}`).split(' ').join('%')}%`
    where.push(f.name ? sql`(e.parents_folded || '') like ${pattern}` : sql`e.parents_folded like ${pattern}`)
  }
  if (f.personalId) where.push(sql`e.subject_personal_id = ${f.personalId}`)
  if (f.so !== undefined) where.push(sql`e.so = ${f.so}`)
  if (f.volume) where.push(sql`e.book_id in (select b.id from books b where b.volume = ${f.volume} and b.custodian_unit_id = any(${f.scope}::uuid[]))`)
  return where
}

/** The candidates' statement (also EXPLAINed by the tests: the plans must use the indexes of 0018). */
export function candidatesQuery(filter: SearchFilter, limit: number) {
  const where = sql.join(conditions(filter), sql` and `)
  const name = filter.name?.query
  const order = name
    ? sql`(e.subject_name_folded = ${name.folded}) desc, (${GIVEN} = ${name.given} and ${SURNAME} = ${name.surname}) desc, e.registration_date desc nulls last, e.id`
    : sql`e.registration_date desc nulls last, e.id`
  return sql<{ packed: string | null }>`
    select json_agg(json_build_array(c.id, c.subject_name, c.registration_date) order by c.n)::text as packed
    from (
      select e.id, e.subject_name, e.registration_date::text as registration_date, row_number() over (order by ${order}) as n
      from entries e where ${where}
      order by ${order} limit ${limit}
    ) c`
}

export function createSearchRepository(db: Kysely<Database>) {
  return {
    /**
     * Up to `limit` matches, roughly best first (the caller ranks them exactly), as one JSON text
     * value: PGlite hands over one value far faster than hundreds of rows.
     */
    async candidates(filter: SearchFilter, limit: number): Promise<Candidate[]> {
      const result = await candidatesQuery(filter, limit).execute(db)
      const packed = result.rows[0]?.packed
      if (!packed) return []
      return PackedCandidates.parse(JSON.parse(packed)).map(([id, subjectName, registrationDate]) => ({ id, subjectName, registrationDate }))
    },

    /** The shown page's entries with their book, unit and page images. */
    async details(ids: string[]) {
      if (ids.length === 0) return []
      return db
        .selectFrom('entries as e')
        .innerJoin('books as b', 'b.id', 'e.book_id')
        .innerJoin('administrative_units as u', 'u.id', 'e.custodian_unit_id')
        .select(['e.id', 'e.book_id', 'e.book_type', 'e.fields', 'e.status', 'e.registration_date', 'e.subject_name', 'e.subject_birth_date', 'b.volume', 'b.year as book_year', 'u.name as unit_name'])
        .select(sql<string[]>`coalesce((select array_agg(p.page_id::text order by p.ordinal) from entry_pages p where p.entry_id = e.id), '{}')`.as('page_ids'))
        .where('e.id', 'in', ids)
        .execute()
    },
  }
}
export type SearchRepository = ReturnType<typeof createSearchRepository>
