import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/** A phase's window as the live counts below filter it (registration year × 12 + month). */
export interface WindowKeys {
  bookTypes: readonly string[]
  fromKey: number
  toKey: number
  fromYear: number
  toYear: number
}

const windowFilter = (phase: WindowKeys | undefined) => phase
  ? sql`and e.book_type = any(${[...phase.bookTypes]}::text[]) and (
        (e.registration_date_precision in ('day', 'month') and e.registration_year * 12 + extract(month from e.registration_date)::int between ${phase.fromKey}::int and ${phase.toKey}::int)
        or (e.registration_date_precision = 'year' and e.registration_year between ${phase.fromYear}::int and ${phase.toYear}::int))`
  : sql``

export interface TreeUnit {
  id: string
  /** The unit directly below the dashboard's unit that this one rolls up into (itself for those). */
  top: string
}

export function createDashboardRepository(db: Kysely<Database>) {
  return {
    /** Every unit below `unitId`, each with the direct child of `unitId` it rolls up into. */
    async tree(unitId: string): Promise<TreeUnit[]> {
      const result = await sql<TreeUnit>`
        with recursive tree as (
          select id, id as top from administrative_units where parent_id = ${unitId}
          union all
          select c.id, t.top from administrative_units c join tree t on c.parent_id = t.id
        )
        select id, top from tree`.execute(db)
      return result.rows
    },

    async unitsByIds(ids: readonly string[]) {
      if (ids.length === 0) return []
      return db.selectFrom('administrative_units').select(['id', 'name', 'level', 'code', 'valid_to']).where('id', 'in', [...ids]).orderBy('code').execute()
    },

    /**
     * Entries of books issued by communes that no longer exist (merged in 2025), per old district and
     * status: a live count over those books only (asked for on request; they are a small part).
     */
    async byHistoricDistrict(custodianIds: readonly string[], phase: WindowKeys | undefined) {
      if (custodianIds.length === 0) return []
      const window = windowFilter(phase)
      const result = await sql<{ district_id: string; name: string; status: string; n: string | number }>`
        select d.id as district_id, d.name, e.status, count(*) as n
          from books b
          join administrative_units c on c.id = b.issuing_unit_id and c.valid_to is not null
          join administrative_units d on d.id = c.parent_id and d.level = 'district'
          join entries e on e.book_id = b.id
         where b.custodian_unit_id = any(${[...custodianIds]}::uuid[]) ${window}
         group by d.id, d.name, e.status`.execute(db)
      return result.rows.map((r) => ({ districtId: r.district_id, name: r.name, status: r.status, entries: Number(r.n) }))
    },

    /**
     * Entries of the books that the named units issued, whoever keeps them now, per issuing unit ×
     * type × status: the figures of a unit that no longer exists (an old district: its communes'
     * books are kept by their successors). A live count over those books only (a small part).
     */
    async byIssuer(issuerIds: readonly string[], phase: WindowKeys | undefined) {
      if (issuerIds.length === 0) return []
      const result = await sql<{ unit_id: string; book_type: string; status: string; n: string | number }>`
        select b.issuing_unit_id as unit_id, e.book_type, e.status, count(*) as n
          from books b
          join entries e on e.book_id = b.id
         where b.issuing_unit_id = any(${[...issuerIds]}::uuid[]) ${windowFilter(phase)}
         group by 1, 2, 3`.execute(db)
      return result.rows.map((r) => ({ unitId: r.unit_id, bookType: r.book_type, status: r.status, entries: Number(r.n) }))
    },
  }
}
