import { can, isRole } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { HttpError, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow } from '../books'
import type { BooksService } from '../books'
import type { UnitsService } from '../units'


/** Books assigned to keyers, and each keyer's queue with where they stopped. */
export function createQueueService(db: Kysely<Database>, units: UnitsService, books: BooksService) {
  return {
    async assignments(book: BookRow) {
      const rows = await db
        .selectFrom('book_assignments')
        .innerJoin('users', 'users.id', 'book_assignments.user_id')
        .select(['users.id', 'users.username', 'users.full_name', 'book_assignments.assigned_at', 'book_assignments.assigned_by'])
        .where('book_assignments.book_id', '=', book.id)
        .orderBy('book_assignments.assigned_at')
        .execute()
      return rows.map((r) => ({ userId: r.id, username: r.username, fullName: r.full_name, assignedAt: new Date(r.assigned_at).toISOString(), assignedBy: r.assigned_by }))
    },

    /** The assignee must be able to key and see the book (its unit scope holds the book's unit). */
    async assign(user: AuthUser, book: BookRow, userId: string) {
      const assignee = await db.selectFrom('users').select(['id', 'role', 'unit_id', 'locked', 'full_name']).where('id', '=', userId).executeTakeFirst()
      const visible = assignee && (await units.scopeOf(user.unitId)).has(assignee.unit_id)
      if (!assignee || !visible) throw notFound('Không tìm thấy người dùng này')
      if (assignee.locked || !isRole(assignee.role) || !can({ role: assignee.role }, 'entry.create') || !(await units.scopeOf(assignee.unit_id)).has(book.custodian_unit_id)) {
        throw new HttpError(400, 'validation', `${assignee.full_name} không thể nhập liệu sổ này (tài khoản bị khóa, vai trò không được nhập, hoặc sổ ngoài đơn vị của họ).`, {
          fieldErrors: { userId: 'Chọn người nhập liệu của đơn vị giữ sổ' },
        })
      }
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('book_assignments').values({ book_id: book.id, user_id: userId, assigned_by: user.id })
          .onConflict((oc) => oc.columns(['book_id', 'user_id']).doNothing()).execute()
        await recordAudit(trx, actorOf(user), { action: 'book.assign', entityType: 'book', entityId: book.id, details: { userId } })
      })
    },

    async unassign(user: AuthUser, book: BookRow, userId: string) {
      await db.transaction().execute(async (trx) => {
        const removed = await trx.deleteFrom('book_assignments').where('book_id', '=', book.id).where('user_id', '=', userId).executeTakeFirst()
        if (Number(removed.numDeletedRows) === 0) throw notFound('Người này chưa được giao sổ này')
        await recordAudit(trx, actorOf(user), { action: 'book.unassign', entityType: 'book', entityId: book.id, details: { userId } })
      })
    },

    /**
     * The books assigned to the user, oldest assignment first, with progress and where they stopped:
     * the last entry they saved in the book (and its page) and their newest unsaved draft there.
     */
    async queue(user: AuthUser) {
      const scope = await units.scopeOf(user.unitId)
      const assigned = await db.selectFrom('book_assignments').select(['book_id', 'assigned_at']).where('user_id', '=', user.id).orderBy('assigned_at').execute()
      const items = []
      for (const a of assigned) {
        const book = await books.findInScope(user, a.book_id)
        if (!book || !scope.has(book.custodian_unit_id)) continue
        const counts = await db
          .selectFrom('books')
          .select([
            sql<number>`(select count(*)::int from entries e where e.book_id = books.id and e.created_by = ${user.id})`.as('mine'),
            sql<number>`(select count(*)::int from book_pages p where p.book_id = books.id)`.as('pages'),
            sql<number>`(select count(distinct ep.page_id)::int from entry_pages ep join book_pages p on p.id = ep.page_id where p.book_id = books.id)`.as('pages_keyed'),
          ])
          .where('books.id', '=', book.id)
          .executeTakeFirstOrThrow()
        const last = await db
          .selectFrom('entries')
          .leftJoin('entry_pages', (join) => join.onRef('entry_pages.entry_id', '=', 'entries.id'))
          .leftJoin('book_pages', 'book_pages.id', 'entry_pages.page_id')
          .select(['entries.id', 'entries.so', 'entries.trang_so', 'entries.updated_at', 'book_pages.id as page_id', 'book_pages.position'])
          .where('entries.book_id', '=', book.id)
          .where('entries.updated_by', '=', user.id)
          .orderBy('entries.updated_at', 'desc')
          .orderBy('entry_pages.ordinal', 'desc')
          .limit(1)
          .executeTakeFirst()
        const draft = await db.selectFrom('entry_drafts').select(['client_txn_id', 'saved_at']).where('user_id', '=', user.id).where('book_id', '=', book.id)
          .orderBy('saved_at', 'desc').limit(1).executeTakeFirst()
        items.push({
          book: { id: book.id, bookType: book.book_type, volume: book.volume, year: book.year, issuingAuthority: book.issuing_authority, custodianUnitName: book.custodian_unit_name },
          assignedAt: new Date(a.assigned_at).toISOString(),
          entryCount: book.entry_count,
          myEntryCount: counts.mine,
          pageCount: counts.pages,
          pagesWithEntries: counts.pages_keyed,
          lastEntry: last ? {
            id: last.id, so: last.so, trangSo: last.trang_so, savedAt: new Date(last.updated_at).toISOString(),
            page: last.page_id && last.position !== null ? { id: last.page_id, position: last.position } : null,
          } : null,
          openDraft: draft ? { clientTxnId: draft.client_txn_id, savedAt: new Date(draft.saved_at).toISOString() } : null,
        })
      }
      return items
    },
  }
}
