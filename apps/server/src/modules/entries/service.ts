import type { Kysely } from 'kysely'
import {
  applyIllegible,
  cleanIllegibleFields,
  ENTRY_ACTIONS,
  ENTRY_STATUSES,
  findTransition,
  foldKey,
  getBookType,
  hasBlockingIssues,
  INITIAL_ENTRY_STATUS,
  isBookTypeCode,
  isEntryStatus,
  validateEntry,
  type BookContext,
  type BookTypeCode,
  type EntryAction,
  type EntryFields,
  type EntryIssue,
} from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, notFound, unprocessable } from '../../http/errors'
import { actorOf, diffFields, recordAudit } from '../audit/service'
import type { AuthUser } from '../auth/service'
import type { BookRow } from '../books/repository'
import type { BooksService } from '../books/service'
import type { UnitsService } from '../units/service'
import { deleteDraftOf, pageIdsOf, setEntryPages } from '../keying/entry-pages'
import { cleanFields, derivedColumns, unknownFieldKeys } from './derive'
import { isEntryInScope } from './policy'
import { presentEntry } from './presenter'
import { createEntriesRepository, type EntryRow } from './repository'

const ENTRY_NOT_FOUND = 'Không tìm thấy trường hợp này'
const STALE = 'Trường hợp này vừa được người khác sửa. Xem bản mới nhất bên dưới, rồi sửa lại nếu cần.'

function bookTypeOf(row: { book_type: string }): BookTypeCode {
  if (!isBookTypeCode(row.book_type)) throw new Error(`Unknown book type ${row.book_type}`)
  return row.book_type
}

export function bookContext(book: BookRow): BookContext {
  return { year: book.year, openedOn: book.opened_on, closedOn: book.closed_on }
}

/** Keys flagged illegible, limited to the catalog's fields of the type. */
function illegibleOf(bookType: BookTypeCode, keys: readonly string[] | undefined): string[] {
  return cleanIllegibleFields(keys ?? [], new Set(getBookType(bookType).fields.map((f) => f.key)))
}

/** The rules' findings, with errors on fields marked illegible (khó đọc) lowered to warnings. */
function issuesOf(bookType: BookTypeCode, fields: EntryFields, book: BookRow, illegible: readonly string[]): EntryIssue[] {
  return applyIllegible(validateEntry(bookType, fields, bookContext(book)), illegible)
}

function checkKnownFields(bookType: BookTypeCode, fields: EntryFields): void {
  const unknown = unknownFieldKeys(bookType, fields)
  if (unknown.length > 0) {
    throw new HttpError(400, 'validation', `Trường không có trong danh mục của loại sổ này: ${unknown.join(', ')}`)
  }
}

export function createEntriesService(db: Kysely<Database>, units: UnitsService, books: BooksService) {
  const repo = createEntriesRepository(db)

  async function getWithBook(user: AuthUser, entryId: string): Promise<{ entry: EntryRow; book: BookRow }> {
    const entry = await repo.findById(entryId)
    if (!entry || !isEntryInScope(await units.scopeOf(user.unitId), entry)) throw notFound(ENTRY_NOT_FOUND)
    return { entry, book: await books.getInScope(user, entry.book_id) }
  }

  const view = async (entry: EntryRow, book: BookRow, user: AuthUser) =>
    presentEntry(entry, issuesOf(bookTypeOf(entry), entry.fields, book, entry.illegible_fields ?? []), user, await pageIdsOf(db, entry.id))

  return {
    validate(bookType: BookTypeCode, fields: Record<string, string>, book?: BookRow): EntryIssue[] {
      const clean = cleanFields(fields)
      checkKnownFields(bookType, clean)
      return validateEntry(bookType, clean, book ? bookContext(book) : undefined)
    },

    /** Saves a new entry as a draft (errors allowed: the keyer finishes later). Retried saves are idempotent. */
    async create(user: AuthUser, book: BookRow, input: { fields: Record<string, string>; clientTxnId?: string | undefined; pageIds?: string[] | undefined; illegibleFields?: string[] | undefined }) {
      const bookType = bookTypeOf(book)
      const fields = cleanFields(input.fields)
      checkKnownFields(bookType, fields)
      if (input.clientTxnId) {
        const earlier = await repo.findByClientTxn(input.clientTxnId)
        if (earlier && earlier.book_id === book.id && earlier.created_by === user.id) {
          return { created: false, view: await view(earlier, book, user) }
        }
      }
      const entry = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('entries')
          .values({
            book_id: book.id,
            custodian_unit_id: book.custodian_unit_id,
            book_type: bookType,
            status: INITIAL_ENTRY_STATUS,
            fields: JSON.stringify(fields),
            ...derivedColumns(bookType, fields),
            client_txn_id: input.clientTxnId ?? null,
            illegible_fields: JSON.stringify(illegibleOf(bookType, input.illegibleFields)),
            created_by: user.id,
            updated_by: user.id,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        await repo.addRevision(trx, row, 'create', user.id)
        if (input.pageIds) await setEntryPages(trx, row, input.pageIds)
        await deleteDraftOf(trx, input.clientTxnId, user.id)
        await recordAudit(trx, actorOf(user), {
          action: 'entry.create',
          entityType: 'entry',
          entityId: row.id,
          details: { bookId: book.id, fields, ...(input.pageIds && { pageIds: input.pageIds }), ...(input.illegibleFields?.length && { illegibleFields: illegibleOf(bookType, input.illegibleFields) }) },
        })
        return row
      })
      return { created: true, view: await view(entry, book, user) }
    },

    /** Reading an entry shows personal data, so every read is audited. */
    async read(user: AuthUser, entryId: string) {
      const { entry, book } = await getWithBook(user, entryId)
      await recordAudit(db, actorOf(user), { action: 'entry.read', entityType: 'entry', entityId: entry.id, details: { bookId: book.id } })
      return view(entry, book, user)
    },

    async list(user: AuthUser, book: BookRow, query: { q?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
      const folded = query.q ? foldKey(query.q) : undefined
      const result = await repo.list({ bookId: book.id, q: query.q, status: query.status }, query.page, query.pageSize, folded)
      await recordAudit(db, actorOf(user), {
        action: 'entry.list',
        entityType: 'book',
        entityId: book.id,
        details: { q: query.q ?? null, page: query.page, returned: result.rows.map((r) => r.id) },
      })
      return result
    },

    async update(user: AuthUser, entryId: string, input: { fields: Record<string, string>; version: number; pageIds?: string[] | undefined; illegibleFields?: string[] | undefined }) {
      const { entry, book } = await getWithBook(user, entryId)
      const bookType = bookTypeOf(entry)
      const fields = cleanFields(input.fields)
      checkKnownFields(bookType, fields)
      if (entry.version !== input.version) throw conflict(STALE, { current: await view(entry, book, user) })
      const illegible = input.illegibleFields ? illegibleOf(bookType, input.illegibleFields) : (entry.illegible_fields ?? [])
      const issues = issuesOf(bookType, fields, book, illegible)
      if (entry.status !== 'draft' && hasBlockingIssues(issues)) {
        throw unprocessable(`Trường hợp đang ở trạng thái "${isEntryStatus(entry.status) ? ENTRY_STATUSES[entry.status] : entry.status}": sửa hết lỗi trước khi lưu, hoặc mở lại để sửa`, { issues })
      }
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('entries')
          .set({ fields: JSON.stringify(fields), ...derivedColumns(bookType, fields), illegible_fields: JSON.stringify(illegible), version: entry.version + 1, updated_by: user.id, updated_at: new Date() })
          .where('id', '=', entry.id)
          .where('version', '=', input.version)
          .returningAll()
          .executeTakeFirst()
        if (!row) return undefined
        await repo.addRevision(trx, row, 'update', user.id)
        if (input.pageIds) await setEntryPages(trx, row, input.pageIds)
        await recordAudit(trx, actorOf(user), {
          action: 'entry.update',
          entityType: 'entry',
          entityId: entry.id,
          details: { version: row.version, changes: diffFields(entry.fields, fields), ...(input.pageIds && { pageIds: input.pageIds }), ...(input.illegibleFields && { illegibleFields: illegible }) },
        })
        return row
      })
      if (!updated) {
        const latest = await repo.findById(entry.id)
        throw conflict(STALE, latest ? { current: await view(latest, book, user) } : {})
      }
      return view(updated, book, user)
    },

    /** Moves the entry along the transition table; refuses what the table does not allow. */
    async transition(user: AuthUser, entryId: string, action: EntryAction, version: number) {
      const { entry, book } = await getWithBook(user, entryId)
      if (entry.version !== version) throw conflict(STALE, { current: await view(entry, book, user) })
      const transition = isEntryStatus(entry.status) ? findTransition(entry.status, action, user.role) : undefined
      if (!transition) {
        throw conflict(`Không thể "${ENTRY_ACTIONS[action]}" khi trường hợp đang ở trạng thái "${isEntryStatus(entry.status) ? ENTRY_STATUSES[entry.status] : entry.status}" hoặc vai trò của bạn không được phép`)
      }
      const issues = issuesOf(bookTypeOf(entry), entry.fields, book, entry.illegible_fields ?? [])
      if (transition.requiresNoErrors && hasBlockingIssues(issues)) {
        throw unprocessable('Còn lỗi cần sửa trước khi hoàn thành trường hợp này', { issues })
      }
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('entries')
          .set({ status: transition.to, version: entry.version + 1, updated_by: user.id, updated_at: new Date() })
          .where('id', '=', entry.id)
          .where('version', '=', version)
          .returningAll()
          .executeTakeFirst()
        if (!row) return undefined
        await repo.addRevision(trx, row, `transition:${action}`, user.id)
        await recordAudit(trx, actorOf(user), {
          action: `entry.${action}`,
          entityType: 'entry',
          entityId: entry.id,
          details: { from: entry.status, to: transition.to },
        })
        return row
      })
      if (!updated) throw conflict(STALE)
      return view(updated, book, user)
    },
  }
}
export type EntriesService = ReturnType<typeof createEntriesService>
