/**
 * Checking and approval (issue 11): the check queue of a unit and the officer's bulk approval. The
 * entries module reads and writes the entries; this module scopes, audits and presents.
 */
import type { Kysely } from 'kysely'
import { REVIEW_STAGES, type EntryStatus, type ReviewQueueQuery, type ReviewStage } from '@hts/domain'
import type { Database } from '../../db/schema'
import { notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow, BooksService } from '../books'
import { approveCheckedEntries, bookReviewCounts, reviewQueue } from '../entries'
import type { UnitsService } from '../units'
import { fullNamesOf } from '../users'
import { presentQueueItem } from './presenter'

/** The status each stage of the queue lists (the transition table's "from" of check and approve). */
const STAGE_STATUSES: Record<ReviewStage, EntryStatus[]> = { check: ['keyed'], approve: ['checked'] }

export function createReviewService(db: Kysely<Database>, units: UnitsService, books: BooksService) {
  return {
    async queue(user: AuthUser, query: ReviewQueueQuery) {
      const scope = await units.scopeOf(user.unitId)
      if (query.unitId && !scope.has(query.unitId)) throw notFound('Không tìm thấy đơn vị này')
      const book = query.bookId ? await books.getInScope(user, query.bookId) : undefined
      const unitIds = book ? [book.custodian_unit_id] : query.unitId ? [...(await units.scopeOf(query.unitId))] : [...scope]
      const { rows, total } = await reviewQueue(db, {
        unitIds, statuses: STAGE_STATUSES[query.stage], userId: user.id, bookId: book?.id, keyedBy: query.keyedBy, flag: query.flag,
      }, query.page, query.pageSize)
      const shownBooks = new Map<string, BookRow>()
      for (const id of new Set(rows.map((r) => r.book_id))) {
        const found = await books.findInScope(user, id)
        if (found) shownBooks.set(id, found)
      }
      const names = await fullNamesOf(db, rows.flatMap((r) => (r.keyed_by ? [r.keyed_by] : [])))
      // A list of citizens' names: audited with the ids it showed, like an entry list.
      await recordAudit(db, actorOf(user), {
        action: 'review.queue',
        entityType: 'unit',
        entityId: query.unitId ?? user.unitId,
        details: { stage: query.stage, label: REVIEW_STAGES[query.stage], bookId: book?.id ?? null, page: query.page, returned: rows.map((r) => r.id) },
      })
      const items = rows.flatMap((r) => {
        const b = shownBooks.get(r.book_id)
        return b ? [presentQueueItem(r, b, r.keyed_by ? (names.get(r.keyed_by) ?? null) : null)] : []
      })
      return { items, total, page: query.page, pageSize: query.pageSize }
    },

    async bookSummary(user: AuthUser, bookId: string) {
      const book = await books.getInScope(user, bookId)
      return bookReviewCounts(db, book.id, user.id)
    },

    async approveChecked(user: AuthUser, bookId: string, expectedCount: number | undefined) {
      const book = await books.getInScope(user, bookId)
      const result = await db.transaction().execute((trx) => approveCheckedEntries(trx, { ...actorOf(user), role: user.role }, book, expectedCount))
      return { approved: result.approved.length, skippedOwnWork: result.skippedOwnWork, skippedWithErrors: result.skippedWithErrors, entryIds: result.approved }
    },
  }
}
export type ReviewService = ReturnType<typeof createReviewService>
