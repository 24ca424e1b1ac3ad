/**
 * The family search of the local extracts (see familyKey in the domain): for each entry both
 * blocking stages left unresolved, the people with its surname, given name and birth year whose
 * mother's or father's surname and given name are the book's, at most FAMILY_LIMIT of them. One
 * query for the batch; each entry walks the key_name_year index and the parents are compared on
 * the rows it holds, so a date whose day and month were both miscopied is still found without
 * widening any other entry's candidates.
 */
import { FAMILY_LIMIT, familyKey } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Candidate, LookupQuery } from './lookup'
import { CANDIDATE_COLUMNS, extractOf, packedCandidateColumns, personOf } from './candidate-row'
import { packedColumns, unpack } from './packed'

/** "surname given" of a folded name held in a column, as parentKey computes it. */
const parentSql = (column: 'mother_folded' | 'father_folded') => sql.raw(`split_part(p.${column}, ' ', 1) || ' ' || regexp_replace(p.${column}, '^.* ', '')`)

export async function familyCandidates(db: Kysely<Database>, extractIds: readonly string[], queries: readonly LookupQuery[]): Promise<Map<string, Candidate[]>> {
  const found = new Map<string, Candidate[]>(queries.map((q) => [q.ref, []]))
  const asks = queries.flatMap((q) => {
    const key = familyKey(q.person)
    return key ? [{ ref: q.ref, key }] : []
  })
  if (asks.length === 0) return found
  const columns = sql.raw(CANDIDATE_COLUMNS.map((c) => `p.${c}`).join(', '))
  const packed = (
    await sql<{ packed: string | null }>`select ${packedColumns(['q.ref', ...packedCandidateColumns(extractIds, 'c.')])} as packed
      from unnest(${asks.map((a) => a.ref)}::text[], ${asks.map((a) => a.key.nameYear)}::text[], ${asks.map((a) => a.key.mother ?? null)}::text[], ${asks.map((a) => a.key.father ?? null)}::text[])
        as q(ref, name_year, mother, father)
      cross join lateral (
        select ${columns} from population_people p
        where p.extract_id = any(${[...extractIds]}::uuid[]) and p.key_name_year = q.name_year
          and ((q.mother is not null and ${parentSql('mother_folded')} = q.mother) or (q.father is not null and ${parentSql('father_folded')} = q.father))
        order by p.id
        limit ${FAMILY_LIMIT}
      ) c`.execute(db)
  ).rows[0]?.packed
  for (const [ref, ...row] of unpack(packed)) {
    found.get(ref as string)?.push({ id: row[0] as string, extractId: extractOf(row, extractIds), person: personOf(row) })
  }
  return found
}
