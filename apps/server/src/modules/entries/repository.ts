import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database, EntriesTable } from '../../db/schema'

export type EntryRow = Selectable<EntriesTable>
type Executor = Kysely<Database> | Transaction<Database>

export interface EntryListFilter {
  bookId: string
  q?: string | undefined
  status?: string | undefined
}

export function createEntriesRepository(db: Kysely<Database>) {
  return {
    async findById(id: string, executor: Executor = db): Promise<EntryRow | undefined> {
      return executor.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async findByClientTxn(clientTxnId: string, executor: Executor = db): Promise<EntryRow | undefined> {
      return executor.selectFrom('entries').selectAll().where('client_txn_id', '=', clientTxnId).executeTakeFirst()
    },

    async list(filter: EntryListFilter, page: number, pageSize: number, foldedQuery: string | undefined) {
      let where = db.selectFrom('entries').where('book_id', '=', filter.bookId)
      if (filter.status) where = where.where('status', '=', filter.status)
      if (foldedQuery) {
        // Up to 9 digits: an entry number (a column of int4); a longer run of digits is only text.
        const number = /^\d{1,9}$/.test(foldedQuery) ? Number(foldedQuery) : null
        where = where.where((eb) =>
          eb.or([
            eb('subject_name_folded', 'like', `%${foldedQuery.replace(/[%_\\]/g, (c) => `\\${c}`)}%`),
            ...(number !== null ? [eb('so', '=', number)] : []),
          ]),
        )
      }
      const [rows, total] = await Promise.all([
        where
          .selectAll()
          .orderBy('registration_year', 'asc')
          .orderBy('so', 'asc')
          .orderBy('created_at', 'asc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        where.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ])
      return { rows, total: total.n }
    },
  }
}
export type EntriesRepository = ReturnType<typeof createEntriesRepository>
