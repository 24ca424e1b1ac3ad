/**
 * The duplicate review list (issue 12, DOMAIN.md §10). The scan job finds pairs; an officer decides
 * each once: "same entry — keep one" withdraws the other through the entries module's transition
 * table (never deleted, revision and audit kept), "different people" closes the pair.
 */
import type { Kysely } from 'kysely'
import type { DuplicateDecision } from '@hts/domain'
import type { Database } from '../../db/schema'
import { notFound, refusalFor } from './policy'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BooksService } from '../books'
import { findBookById } from '../books'
import { findEntryIn, refusalError, tryTransition } from '../entries'
import type { JobsService } from '../jobs'
import type { UnitsService } from '../units'
import { fullNamesOf } from '../users'
import { DUPLICATES_SCAN_JOB } from './job'
import { presentPair } from './presenter'
import { relatedEntries } from './related'
import { createDuplicatesRepository, type PairRow } from './repository'

export const PAIR_NOT_FOUND = 'Không tìm thấy cặp trường hợp có thể trùng'

export function createDuplicatesService(db: Kysely<Database>, units: UnitsService, books: BooksService, jobs: JobsService) {
  const repo = createDuplicatesRepository(db)

  async function present(rows: PairRow[]) {
    const entries = await repo.entriesOf(rows.flatMap((r) => [r.entry_a, r.entry_b]))
    const names = await fullNamesOf(db, rows.flatMap((r) => (r.decided_by ? [r.decided_by] : [])))
    return rows.flatMap((row) => {
      const [a, b] = [entries.get(row.entry_a), entries.get(row.entry_b)]
      return a && b ? [presentPair(row, a, b, names)] : []
    })
  }

  async function pairInScope(user: AuthUser, id: string): Promise<PairRow> {
    const pair = await repo.find(id)
    if (!pair || !(await units.scopeOf(user.unitId)).has(pair.custodian_unit_id)) throw notFound(PAIR_NOT_FOUND)
    return pair
  }

  return {
    /** A scan of a unit in scope (or of one of its books): a background job, followed at /api/jobs/:id. */
    async scan(user: AuthUser, input: { unitId: string; bookId?: string | undefined }) {
      if (!(await units.scopeOf(user.unitId)).has(input.unitId)) throw notFound('Không tìm thấy đơn vị')
      if (input.bookId) {
        const book = await books.getInScope(user, input.bookId)
        if (book.custodian_unit_id !== input.unitId) throw notFound('Không tìm thấy sổ')
      }
      const params = { unitId: input.unitId, ...(input.bookId && { bookId: input.bookId }) }
      const jobId = await db.transaction().execute(async (trx) => {
        const id = await jobs.enqueue(trx, DUPLICATES_SCAN_JOB, { unitId: input.unitId, createdBy: user.id, params })
        await recordAudit(trx, actorOf(user), { action: 'duplicates.scan', entityType: 'unit', entityId: input.unitId, details: { jobId: id, bookId: input.bookId ?? null, queued: true } })
        return id
      })
      jobs.wake()
      return { jobId }
    },

    /** Names of citizens on both sides: a read of personal data, audited with the entries shown. */
    async list(user: AuthUser, query: { unitId?: string | undefined; status: 'open' | 'same' | 'different'; page: number; pageSize: number }) {
      const scope = await units.scopeOf(user.unitId)
      if (query.unitId && !scope.has(query.unitId)) throw notFound('Không tìm thấy đơn vị')
      const unitIds = query.unitId ? [query.unitId] : [...scope]
      const { rows, total } = await repo.list(unitIds, query.status, query.page, query.pageSize)
      const items = await present(rows)
      if (rows.length > 0) {
        await recordAudit(db, actorOf(user), {
          action: 'duplicate.list',
          entityType: 'unit',
          entityId: query.unitId ?? user.unitId,
          details: { status: query.status, page: query.page, entries: rows.flatMap((r) => [r.entry_a, r.entry_b]) },
        })
      }
      return { items, total, page: query.page, pageSize: query.pageSize }
    },

    /** Other registers' entries about the people this entry names: a read of them, audited with their ids. */
    async related(user: AuthUser, entryId: string) {
      const entry = await repo.findEntry(entryId)
      const scope = await units.scopeOf(user.unitId)
      if (!entry || !scope.has(entry.custodian_unit_id)) throw notFound('Không tìm thấy trường hợp')
      const result = await relatedEntries(db, entry, [...scope])
      await recordAudit(db, actorOf(user), { action: 'entry.related', entityType: 'entry', entityId: entry.id, details: { entries: result.items.map((i) => i.entry.id), flags: result.flags.length } })
      return result
    },

    async decide(user: AuthUser, id: string, decision: DuplicateDecision) {
      const pair = await pairInScope(user, id)
      if (pair.status !== 'open') throw refusalFor('decided')
      const actor = { ...actorOf(user), role: user.role }
      await db.transaction().execute(async (trx) => {
        let withdrawn: string | null = null
        if (decision.decision === 'same') {
          if (decision.keepEntryId !== pair.entry_a && decision.keepEntryId !== pair.entry_b) throw refusalFor('keep')
          const other = decision.keepEntryId === pair.entry_a ? pair.entry_b : pair.entry_a
          const entry = await findEntryIn(trx, other)
          const book = entry ? await findBookById(trx, entry.book_id) : undefined
          if (!entry || !book) throw notFound(PAIR_NOT_FOUND)
          const reason = `Trùng với trường hợp ${decision.keepEntryId} (giữ lại)${decision.reason ? `: ${decision.reason}` : ''}`
          const { refused } = await tryTransition(trx, actor, book, entry, 'withdraw', { reason, batch: true })
          if (refused) throw refusalError(refused)
          withdrawn = other
        }
        const updated = await trx
          .updateTable('duplicate_pairs')
          .set({ status: decision.decision, kept_entry_id: decision.decision === 'same' ? decision.keepEntryId : null, decided_by: user.id, decided_at: new Date() })
          .where('id', '=', pair.id)
          .where('status', '=', 'open')
          .executeTakeFirst()
        // Two officers deciding the same pair at once: the second finds it decided.
        if (Number(updated.numUpdatedRows) !== 1) throw refusalFor('decided')
        await recordAudit(trx, actorOf(user), {
          action: 'duplicate.decide',
          entityType: 'duplicate_pair',
          entityId: pair.id,
          details: { decision: decision.decision, entries: [pair.entry_a, pair.entry_b], withdrawn, reason: decision.reason ?? null },
        })
      })
      const [view] = await present([await pairInScope(user, id)])
      return view
    },
  }
}
export type DuplicatesService = ReturnType<typeof createDuplicatesService>
