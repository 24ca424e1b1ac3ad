import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { BooksTable, Database } from '../../db/schema'

export type BookRow = Selectable<BooksTable> & { custodian_unit_name: string; entry_count: number }

type Executor = Kysely<Database> | Transaction<Database>

function selectBooks(db: Executor) {
  return db
    .selectFrom('books')
    .innerJoin('administrative_units as cu', 'cu.id', 'books.custodian_unit_id')
    .selectAll('books')
    .select('cu.name as custodian_unit_name')
    .select(sql<number>`(select count(*)::int from entries e where e.book_id = books.id)`.as('entry_count'))
}

export interface BookFilter {
  unitIds: string[]
  type?: string | undefined
  year?: number | undefined
  unitId?: string | undefined
}

export function createBooksRepository(db: Kysely<Database>) {
  return {
    async findById(id: string, executor: Executor = db): Promise<BookRow | undefined> {
      return selectBooks(executor).where('books.id', '=', id).executeTakeFirst()
    },

    async list(filter: BookFilter, page: number, pageSize: number): Promise<{ rows: BookRow[]; total: number }> {
      if (filter.unitIds.length === 0) return { rows: [], total: 0 }
      let where = db.selectFrom('books').where('books.custodian_unit_id', 'in', filter.unitIds)
      if (filter.type) where = where.where('books.book_type', '=', filter.type)
      if (filter.year) where = where.where('books.year', '=', filter.year)
      if (filter.unitId) where = where.where('books.custodian_unit_id', '=', filter.unitId)
      const ids = where.select('books.id')
      const [rows, total] = await Promise.all([
        selectBooks(db)
          .where('books.id', 'in', ids)
          .orderBy('books.year', 'desc')
          .orderBy('books.book_type')
          .orderBy('books.volume')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        where.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ])
      return { rows, total: total.n }
    },
  }
}
/** One book by id, whoever asks (callers check scope): for jobs that run without a user. */
export function findBookById(db: Executor, id: string): Promise<BookRow | undefined> {
  return selectBooks(db).where('books.id', '=', id).executeTakeFirst()
}

export type BooksRepository = ReturnType<typeof createBooksRepository>
