import type { Kysely } from 'kysely'
import type { BookInput, BookUpdate } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, isForeignKeyViolation, isUniqueViolation, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { UnitsService } from '../units'
import { isBookInScope } from './policy'
import { createBooksRepository, type BookRow } from './repository'

const BOOK_NOT_FOUND = 'Không tìm thấy sổ hộ tịch này'
/** Entries are keyed against their book type's fields: the database keeps a book with entries on its type (entries_book_type_fk). */
const typeLocked = () =>
  new HttpError(409, 'book_type_locked', 'Sổ đã có trường hợp đăng ký nên không đổi được loại sổ. Nếu chọn nhầm loại, hãy tạo sổ mới đúng loại và nhập lại các trường hợp vào sổ đó.', {
    fieldErrors: { bookType: 'Sổ đã có trường hợp đăng ký: không đổi được loại sổ' },
  })

/** Turns the books_identity unique violation into a message that names the book. */
function rethrowDuplicate(error: unknown, book: { bookType?: string; volume?: string; issuingAuthority?: string }): never {
  if (isUniqueViolation(error, 'books_identity')) {
    throw new HttpError(409, 'duplicate', `Sổ ${book.bookType ?? ''} quyển ${book.volume ?? ''} của ${book.issuingAuthority ?? ''} đã có trong hệ thống`, {
      fieldErrors: { volume: 'Quyển sổ này đã có' },
    })
  }
  throw error
}

function toColumns(input: Partial<BookInput>) {
  return {
    ...(input.bookType !== undefined && { book_type: input.bookType }),
    ...(input.volume !== undefined && { volume: input.volume }),
    ...(input.year !== undefined && { year: input.year }),
    ...(input.issuingAuthority !== undefined && { issuing_authority: input.issuingAuthority }),
    ...(input.issuingUnitId !== undefined && { issuing_unit_id: input.issuingUnitId ?? null }),
    ...(input.custodianUnitId !== undefined && { custodian_unit_id: input.custodianUnitId }),
    ...(input.openedOn !== undefined && { opened_on: input.openedOn ?? null }),
    ...(input.closedOn !== undefined && { closed_on: input.closedOn ?? null }),
    ...(input.pageCount !== undefined && { page_count: input.pageCount ?? null }),
    ...(input.paperSize !== undefined && { paper_size: input.paperSize ?? null }),
    ...(input.condition !== undefined && { condition: input.condition }),
    ...(input.conditionNote !== undefined && { condition_note: input.conditionNote ?? null }),
    ...(input.doubleKeying !== undefined && { double_keying: input.doubleKeying }),
  }
}

export function createBooksService(db: Kysely<Database>, units: UnitsService) {
  const repo = createBooksRepository(db)

  async function checkUnits(user: AuthUser, input: Partial<BookInput>): Promise<void> {
    if (input.custodianUnitId !== undefined && !(await units.scopeOf(user.unitId)).has(input.custodianUnitId)) {
      throw new HttpError(400, 'validation', 'Đơn vị lưu giữ sổ không thuộc phạm vi của bạn', {
        fieldErrors: { custodianUnitId: 'Chọn đơn vị của bạn hoặc đơn vị cấp dưới' },
      })
    }
    if (input.issuingUnitId && !(await units.findById(input.issuingUnitId))) {
      throw new HttpError(400, 'validation', 'Không tìm thấy đơn vị đã cấp sổ', { fieldErrors: { issuingUnitId: 'Đơn vị không tồn tại' } })
    }
  }

  return {
    /** The book if the user's scope includes it; another unit's book is reported as not found. */
    async findInScope(user: AuthUser, bookId: string): Promise<BookRow | undefined> {
      const book = await repo.findById(bookId)
      return book && isBookInScope(await units.scopeOf(user.unitId), book) ? book : undefined
    },

    async getInScope(user: AuthUser, bookId: string): Promise<BookRow> {
      const book = await this.findInScope(user, bookId)
      if (!book) throw notFound(BOOK_NOT_FOUND)
      return book
    },

    async list(user: AuthUser, query: { type?: string | undefined; year?: number | undefined; unitId?: string | undefined; page: number; pageSize: number }) {
      const unitIds = [...(await units.scopeOf(user.unitId))]
      return repo.list({ unitIds, type: query.type, year: query.year, unitId: query.unitId }, query.page, query.pageSize)
    },

    async create(user: AuthUser, input: BookInput): Promise<BookRow> {
      await checkUnits(user, input)
      return db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('books')
          .values({
            book_type: input.bookType,
            volume: input.volume,
            year: input.year,
            issuing_authority: input.issuingAuthority,
            custodian_unit_id: input.custodianUnitId,
            condition: input.condition,
            ...toColumns(input),
            created_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await recordAudit(trx, actorOf(user), { action: 'book.create', entityType: 'book', entityId: id, details: { input } })
        const created = await repo.findById(id, trx)
        if (!created) throw new Error('book vanished after insert')
        return created
      }).catch((error: unknown) => rethrowDuplicate(error, input))
    },

    async update(user: AuthUser, bookId: string, input: BookUpdate): Promise<BookRow> {
      const current = await this.getInScope(user, bookId)
      const { version, ...changes } = input
      await checkUnits(user, changes)
      if (current.version !== version) {
        throw conflict('Sổ này vừa được người khác sửa. Tải lại để xem bản mới nhất rồi sửa lại.')
      }
      if (changes.bookType !== undefined && changes.bookType !== current.book_type) {
        const entry = await db.selectFrom('entries').select('id').where('book_id', '=', bookId).limit(1).executeTakeFirst()
        if (entry) throw typeLocked()
      }
      // A change of custodian unit carries the book's entries, pages and cases along (foreign keys ON UPDATE CASCADE, migration 0008).
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('books')
          .set({ ...toColumns(changes), updated_at: new Date(), version: version + 1 })
          .where('id', '=', bookId)
          .where('version', '=', version)
          .returning('id')
          .executeTakeFirst()
        if (!updated) throw conflict('Sổ này vừa được người khác sửa. Tải lại để xem bản mới nhất rồi sửa lại.')
        await recordAudit(trx, actorOf(user), { action: 'book.update', entityType: 'book', entityId: bookId, details: { changes } })
        const book = await repo.findById(bookId, trx)
        if (!book) throw new Error('book vanished after update')
        return book
      }).catch((error: unknown) =>
        isForeignKeyViolation(error, 'entries_book_type_fk') ? Promise.reject(typeLocked()) : rethrowDuplicate(error, {
          bookType: changes.bookType ?? current.book_type,
          volume: changes.volume ?? current.volume,
          issuingAuthority: changes.issuingAuthority ?? current.issuing_authority,
        }))
    },
  }
}
export type BooksService = ReturnType<typeof createBooksService>
