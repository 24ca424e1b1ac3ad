/**
 * Entries whose person is not in the population data: the list the police use to update the
 * population database (DOMAIN.md §9, outcome 3). Confirmed ones by default; proposals not yet
 * confirmed can be included.
 */
import { isBookTypeCode } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { UnitsService } from '../units'
import { entryPersonInput } from './entry-person'

export interface NotFoundFilter {
  bookId?: string | undefined
  unitId?: string | undefined
  includePending?: boolean | undefined
  page: number
  pageSize: number
}

const SEX: Record<string, string> = { '1': 'Nam', '2': 'Nữ', '3': 'Không xác định' }

export function createNotFoundService(db: Kysely<Database>, units: UnitsService) {
  async function query(user: AuthUser, filter: NotFoundFilter) {
    let q = db
      .selectFrom('reconciliation_results as r')
      .innerJoin('entries as e', 'e.id', 'r.entry_id')
      .innerJoin('books as b', 'b.id', 'r.book_id')
      .innerJoin('administrative_units as u', 'u.id', 'r.custodian_unit_id')
      .select(['r.id', 'r.entry_id', 'r.decision', 'r.checked_at', 'r.decided_at', 'e.book_type', 'e.fields', 'e.so', 'e.registration_date', 'b.volume', 'b.year', 'u.name as unit_name'])
      .where('r.custodian_unit_id', 'in', [...(await units.scopeOf(user.unitId))])
      .where((eb) =>
        filter.includePending
          ? eb.or([eb('r.final_outcome', '=', 'not_found'), eb.and([eb('r.decision', '=', 'pending'), eb('r.outcome', '=', 'not_found')])])
          : eb('r.final_outcome', '=', 'not_found'),
      )
    if (filter.bookId) q = q.where('r.book_id', '=', filter.bookId)
    if (filter.unitId) {
      // An unknown unit has no scope: nothing matches (an empty IN list is not SQL).
      const filterScope = [...(await units.scopeOf(filter.unitId))]
      q = q.where((eb) => (filterScope.length > 0 ? eb('r.custodian_unit_id', 'in', filterScope) : sql<boolean>`false`))
    }
    return q
  }

  type Row = Awaited<ReturnType<Awaited<ReturnType<typeof query>>['execute']>>[number]
  const present = (row: Row) => {
    const person = isBookTypeCode(row.book_type) ? entryPersonInput(row.book_type, row.fields) : {}
    return {
      resultId: row.id,
      entryId: row.entry_id,
      unitName: row.unit_name,
      book: `${row.book_type} ${row.volume}`,
      so: row.so,
      registrationDate: row.registration_date,
      fullName: person.fullName ?? null,
      birthDate: person.birthDate ?? null,
      sex: person.sex ? (SEX[person.sex] ?? person.sex) : null,
      motherName: person.motherName ?? null,
      fatherName: person.fatherName ?? null,
      birthplace: person.birthplace ?? null,
      confirmed: row.decision !== 'pending',
      checkedAt: row.checked_at,
    }
  }

  return {
    async list(user: AuthUser, filter: NotFoundFilter) {
      const q = await query(user, filter)
      const rows = await q.orderBy('b.year').orderBy('e.so').orderBy('r.id').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute()
      const total = await q.clearSelect().select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      await recordAudit(db, { id: user.id, unitId: user.unitId, ip: user.ip }, { action: 'reconcile.notFound.list', entityType: 'unit', entityId: user.unitId, details: { filter, returned: rows.map((r) => r.id) } })
      return { items: rows.map(present), total: Number(total.n) }
    },

    async all(user: AuthUser, filter: Omit<NotFoundFilter, 'page' | 'pageSize'>) {
      const rows = await (await query(user, { ...filter, page: 1, pageSize: 1 })).orderBy('b.year').orderBy('e.so').orderBy('r.id').limit(200_000).execute()
      await recordAudit(db, { id: user.id, unitId: user.unitId, ip: user.ip }, { action: 'reconcile.notFound.export', entityType: 'unit', entityId: user.unitId, details: { filter, returned: rows.map((r) => r.id) } })
      return rows.map(present)
    },
  }
}
export type NotFoundService = ReturnType<typeof createNotFoundService>
export type NotFoundItem = ReturnType<ReturnType<typeof createNotFoundService>['all']> extends Promise<Array<infer T>> ? T : never
