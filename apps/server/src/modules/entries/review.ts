/**
 * The entries module's side of checking and approval: the check queue (a unit's entries waiting,
 * oldest first, never the user's own work) and the officer's bulk approval of a book's checked
 * entries. Both read and write only this module's tables; the review module adds the HTTP surface.
 */
import { sql, type Kysely } from 'kysely'
import { findTransition, hasBlockingIssues, transitionTarget, type EntryStatus, type ReviewFlag } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict } from '../../http/errors'
import { recordAudit } from '../audit'
import { bookTypeOf, issuesOf, type EntryBook } from './checks'
import { refusalError, type RoleActor, type Trx } from './commands'
import type { EntryRow } from './repository'

export interface ReviewQueueFilter {
  unitIds: readonly string[]
  statuses: readonly EntryStatus[]
  /** The user looking: their own work (keyed or last changed) is never listed. */
  userId: string
  bookId?: string | undefined
  keyedBy?: string | undefined
  flag?: ReviewFlag | undefined
}

/** The entries waiting in these units and statuses, longest waiting first. */
export async function reviewQueue(db: Kysely<Database>, filter: ReviewQueueFilter, page: number, pageSize: number): Promise<{ rows: EntryRow[]; total: number }> {
  if (filter.unitIds.length === 0 || filter.statuses.length === 0) return { rows: [], total: 0 }
  let where = db.selectFrom('entries')
    .where('custodian_unit_id', 'in', filter.unitIds)
    .where('status', 'in', filter.statuses)
    .where(sql<boolean>`keyed_by is distinct from ${filter.userId}::uuid`)
    .where(sql<boolean>`content_changed_by is distinct from ${filter.userId}::uuid`)
    // A double-keyed book's keyed entries wait for their second keying, not for a checker.
    .where(sql<boolean>`not (status = 'keyed' and exists (select 1 from books b where b.id = book_id and b.double_keying))`)
  if (filter.bookId) where = where.where('book_id', '=', filter.bookId)
  if (filter.keyedBy) where = where.where('keyed_by', '=', filter.keyedBy)
  if (filter.flag === 'warnings') where = where.where('warning_count', '>', 0)
  if (filter.flag === 'illegible') where = where.where(sql<boolean>`jsonb_array_length(illegible_fields) > 0`)
  if (filter.flag === 'imported') where = where.where(sql<boolean>`jsonb_array_length(import_notes) > 0`)
  const [rows, total] = await Promise.all([
    where.selectAll().orderBy('status_changed_at', 'asc').orderBy('id', 'asc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    where.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: total.n }
}

/** How many of a book's entries are in each status, and how many checked ones this user may approve. */
export async function bookReviewCounts(db: Kysely<Database>, bookId: string, userId: string): Promise<{ counts: Record<string, number>; approvable: number }> {
  const rows = await db.selectFrom('entries')
    .select(['status', sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) filter (where keyed_by is distinct from ${userId}::uuid and content_changed_by is distinct from ${userId}::uuid))::int`.as('others')])
    .where('book_id', '=', bookId)
    .groupBy('status')
    .execute()
  const counts: Record<string, number> = {}
  for (const r of rows) counts[r.status] = r.n
  return { counts, approvable: rows.find((r) => r.status === 'checked')?.others ?? 0 }
}

const CHUNK = 500

export interface BulkApproval {
  approved: string[]
  skippedOwnWork: number
  skippedWithErrors: number
}

/**
 * Approves every checked entry of the book that the officer did not key or last change, in the
 * caller's transaction: each gets its next version and revision, and one audit row lists the ids.
 * An entry whose rules now find an error (a catalog change since it was checked) is left checked.
 * `expectedCount` is what the officer saw: a different number now answers 409 and approves nothing.
 */
export async function approveCheckedEntries(trx: Trx, actor: RoleActor, book: EntryBook, expectedCount?: number): Promise<BulkApproval> {
  const transition = findTransition('checked', 'approve', actor.role)
  const to = transitionTarget('checked', 'approve')
  if (!transition || !to) throw refusalError({ status: 403, message: 'Vai trò của bạn không được phê duyệt trường hợp' })
  const checked = await trx.selectFrom('entries').selectAll().where('book_id', '=', book.id).where('status', '=', transition.from).forUpdate().execute()
  const others = checked.filter((e) => e.keyed_by !== actor.id && e.content_changed_by !== actor.id)
  if (expectedCount !== undefined && expectedCount !== others.length) {
    throw conflict(`Số trường hợp chờ phê duyệt đã thay đổi (${others.length}, không phải ${expectedCount}): tải lại trang để xem danh sách mới`)
  }
  const bookType = bookTypeOf(book)
  const clean = others.filter((e) => !hasBlockingIssues(issuesOf(bookType, e.fields, book, e.illegible_fields ?? [])))
  const approved: string[] = []
  const now = new Date()
  for (let i = 0; i < clean.length; i += CHUNK) {
    const ids = clean.slice(i, i + CHUNK).map((e) => e.id)
    const rows = await trx.updateTable('entries')
      .set({ status: to, version: sql<number>`version + 1`, updated_by: actor.id, updated_at: now, status_changed_at: now, return_reason: null })
      .where('id', 'in', ids)
      .where('status', '=', transition.from)
      .returning(['id', 'version', 'status', 'fields'])
      .execute()
    if (rows.length > 0) {
      await trx.insertInto('entry_revisions')
        // A transition: no copy of the fields (migration 0020).
        .values(rows.map((r) => ({ entry_id: r.id, version: r.version, status: r.status, fields: null, change_kind: 'transition:approve', changed_by: actor.id })))
        .execute()
    }
    approved.push(...rows.map((r) => r.id))
  }
  await recordAudit(trx, actor, {
    action: 'entry.approve.bulk',
    entityType: 'book',
    entityId: book.id,
    details: { from: transition.from, to, entryIds: approved, skippedOwnWork: checked.length - others.length, skippedWithErrors: others.length - clean.length },
  })
  return { approved, skippedOwnWork: checked.length - others.length, skippedWithErrors: others.length - clean.length }
}

export interface LotScope {
  unitIds: readonly string[]
  bookId?: string | undefined
  yearFrom?: number | undefined
  yearTo?: number | undefined
}

/** The approved entries an acceptance lot is made of (by unit or book and registration years), in a stable order. */
export async function approvedEntriesOf(db: Kysely<Database>, scope: LotScope): Promise<Array<Pick<EntryRow, 'id' | 'version' | 'keyed_by'>>> {
  const approved = transitionTarget('checked', 'approve')
  if (scope.unitIds.length === 0 || !approved) return []
  let query = db.selectFrom('entries').select(['id', 'version', 'keyed_by']).where('custodian_unit_id', 'in', scope.unitIds).where('status', '=', approved)
  if (scope.bookId) query = query.where('book_id', '=', scope.bookId)
  if (scope.yearFrom !== undefined) query = query.where('registration_year', '>=', scope.yearFrom)
  if (scope.yearTo !== undefined) query = query.where('registration_year', '<=', scope.yearTo)
  return query.orderBy('id').execute()
}

/** Entries by id (for lists of sampled entries); the caller checks scope. */
export async function entriesByIds(db: Kysely<Database> | Trx, ids: readonly string[]): Promise<EntryRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('entries').selectAll().where('id', 'in', ids).execute()
}
