import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { BooksTable, Database, ImportMappingsTable, ImportsTable } from '../../db/schema'
import { findBookById, type BookRow } from '../books'
import { contentKey, dateKey, numberKey } from './numbering-keys'

export type ImportRow = Selectable<ImportsTable>
export type MappingRow = Selectable<ImportMappingsTable>
export type TargetBook = Selectable<BooksTable>
type Executor = Kysely<Database> | Transaction<Database>

export interface NumberKeyParts {
  bookId: string
  year: number | null
  so: number
}

interface ExistingNumberRow {
  book_id: string
  so: number | null
  registration_date: string | null
  registration_date_precision: string | null
  registration_year: number | null
  written: string | null
}

export function createImportsRepository(db: Kysely<Database>) {
  return {
    async findById(id: string, executor: Executor = db): Promise<ImportRow | undefined> {
      return executor.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async list(unitIds: string[], limit: number) {
      if (unitIds.length === 0) return []
      return db
        .selectFrom('imports')
        .leftJoin('jobs', 'jobs.id', 'imports.job_id')
        .leftJoin('users', 'users.id', 'imports.created_by')
        .selectAll('imports')
        .select(['jobs.status as job_status', 'jobs.progress as job_progress', 'jobs.error as job_error', 'users.full_name as created_by_name'])
        .where('imports.unit_id', 'in', unitIds)
        .orderBy('imports.created_at', 'desc')
        .limit(limit)
        .execute()
    },

    /** Earlier imports of the same bytes in these units (re-importing the same file is reported). */
    async sameFile(sha256: string, unitIds: string[], exceptId: string) {
      if (unitIds.length === 0) return []
      return db
        .selectFrom('imports')
        .leftJoin('jobs', 'jobs.id', 'imports.job_id')
        .leftJoin('users', 'users.id', 'imports.created_by')
        .select(['imports.id', 'imports.created_at', 'imports.counts', 'jobs.status as job_status', 'users.full_name as created_by_name'])
        .where('imports.file_sha256', '=', sha256)
        .where('imports.unit_id', 'in', unitIds)
        .where('imports.id', '<>', exceptId)
        .where('imports.job_id', 'is not', null)
        .orderBy('imports.created_at', 'desc')
        .limit(5)
        .execute()
    },

    /** Books of one type kept by the unit: the candidates rows are routed to. */
    async booksOf(unitId: string, bookType: string, executor: Executor = db): Promise<TargetBook[]> {
      return executor.selectFrom('books').selectAll().where('custodian_unit_id', '=', unitId).where('book_type', '=', bookType).execute()
    },

    findBook: (id: string, executor: Executor = db): Promise<BookRow | undefined> => findBookById(executor, id),

    /**
     * Entries already holding these (book, year, số) keys → their registration dates. One index probe
     * per key (LATERAL on the three columns of entries_book_number): a filter over the whole book
     * instead made a large import quadratic, since the table grows faster than its statistics.
     */
    async existingNumbers(executor: Executor, keys: readonly NumberKeyParts[]): Promise<Map<string, { dates: Set<string>; shown: string }>> {
      const found = new Map<string, { dates: Set<string>; shown: string }>()
      const dated = keys.filter((k) => k.year !== null)
      const undated = keys.filter((k) => k.year === null)
      const rows = [
        ...(dated.length === 0 ? [] : (await sql<ExistingNumberRow>`
          select k.book_id, e.so, e.registration_date, e.registration_date_precision, e.registration_year, e.fields->>'ngayDangKy' as written
          from unnest(${dated.map((k) => k.bookId)}::uuid[], ${dated.map((k) => k.year)}::int[], ${dated.map((k) => k.so)}::int[]) as k(book_id, year, so)
          cross join lateral (
            select so, registration_date, registration_date_precision, registration_year, fields from entries
            where book_id = k.book_id and registration_year = k.year and so = k.so
          ) e`.execute(executor)).rows),
        ...(undated.length === 0 ? [] : (await sql<ExistingNumberRow>`
          select k.book_id, e.so, e.registration_date, e.registration_date_precision, e.registration_year, e.fields->>'ngayDangKy' as written
          from unnest(${undated.map((k) => k.bookId)}::uuid[], ${undated.map((k) => k.so)}::int[]) as k(book_id, so)
          cross join lateral (
            select so, registration_date, registration_date_precision, registration_year, fields from entries
            where book_id = k.book_id and registration_year is null and so = k.so
          ) e`.execute(executor)).rows),
      ]
      for (const row of rows) {
        const key = numberKey(row.book_id, row)
        if (!key) continue
        const known = found.get(key) ?? { dates: new Set<string>(), shown: row.written ?? '' }
        known.dates.add(dateKey(row))
        found.set(key, known)
      }
      return found
    },

    /** How many unnumbered entries with each exact content a book has (other imports and keying only). */
    async unnumberedContentCounts(bookId: string, importId: string): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('entries')
        .select('fields')
        .where('book_id', '=', bookId)
        .where('so', 'is', null)
        .where((eb) => eb.or([eb('import_id', 'is', null), eb('import_id', '<>', importId)]))
        .execute()
      const counts = new Map<string, number>()
      for (const row of rows) {
        const key = contentKey(bookId, row.fields)
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
      return counts
    },

    async rejections(importId: string) {
      return db.selectFrom('import_rejections').selectAll().where('import_id', '=', importId).orderBy('row_number').execute()
    },

    /** A page of the rows taken with warnings, in file order (the primary key's order). */
    async warningsPage(importId: string, offset: number, limit: number) {
      return db.selectFrom('import_warnings').select(['row_number', 'warnings']).where('import_id', '=', importId).orderBy('row_number').offset(offset).limit(limit).execute()
    },

    /** The rows taken with warnings after `afterRow`: a download walks them a chunk at a time. */
    async warningsAfter(importId: string, afterRow: number, limit: number) {
      return db.selectFrom('import_warnings').select(['row_number', 'warnings']).where('import_id', '=', importId).where('row_number', '>', afterRow).orderBy('row_number').limit(limit).execute()
    },

    async rejectionCount(importId: string): Promise<number> {
      const row = await db.selectFrom('import_rejections').select(sql<number>`count(*)::int`.as('n')).where('import_id', '=', importId).executeTakeFirstOrThrow()
      return row.n
    },

    async mappings(unitIds: string[], bookType: string | undefined): Promise<MappingRow[]> {
      if (unitIds.length === 0) return []
      let query = db.selectFrom('import_mappings').selectAll().where('unit_id', 'in', unitIds)
      if (bookType) query = query.where('book_type', '=', bookType)
      return query.orderBy('name').execute()
    },
  }
}
export type ImportsRepository = ReturnType<typeof createImportsRepository>
