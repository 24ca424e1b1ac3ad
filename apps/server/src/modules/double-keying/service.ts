/**
 * Double keying (issue 11): in a book with `double_keying` on, a second keyer keys an entry blind
 * (same số and registration year as an entry another keyer completed). The domain compares the two
 * field by field after canonical folding: agreement is the check (two people read the page the same
 * way), a disagreement waits for an arbitrator who is neither keyer. This module owns `second_keyings`;
 * entries change only through the entries module's commands.
 */
import type { Kysely } from 'kysely'
import {
  agreementRates,
  compareKeyings,
  DOUBLE_KEYING_OUTCOMES,
  ENTRY_STATUSES,
  getBookType,
  isEntryStatus,
  type AgreementReport,
  type ArbitrationBody,
  type DoubleKeyingQuery,
  type SecondKeyingBody,
  type SecondKeyingResult,
} from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, notFound, refused, unprocessable } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow, BooksService } from '../books'
import { authorsOf, cleanFields, derivedColumns, findEntryIn, pageIdsByEntry, refusalError, sameFields, StaleEntryError, tryTransition, updateEntry, type EntryRow } from '../entries'
import type { UnitsService } from '../units'
import { deleteDraftOf } from '../keying'
import { fullNamesOf } from '../users'
import { mayArbitrate, NOT_YOUR_ARBITRATION } from './policy'
import { presentAgreement, presentArbitrationItem } from './presenter'
import { comparisonsIn, secondKeyingOf, waitingArbitration, type ScopeFilter } from './repository'

export const SAME_KEYER = 'Bạn đã nhập lần thứ nhất trường hợp này: lần nhập thứ hai phải do một người khác nhập, không xem bản của bạn'
const NOT_DOUBLE_KEYED = 'Sổ này không bật nhập kép: lưu trường hợp như bình thường'
const NO_WAITING_ITEM = 'Trường hợp này không có hai lần nhập khác nhau đang chờ đối chiếu'
const ARBITRATION_LIMIT = 200

const positionOf = (so: number | null, year: number | null) => `số ${so ?? '?'} năm ${year ?? '?'}`
const statusLabel = (status: string) => (isEntryStatus(status) ? ENTRY_STATUSES[status] : status)

export function createDoubleKeyingService(db: Kysely<Database>, units: UnitsService, books: BooksService) {
  const roleActor = (user: AuthUser) => ({ ...actorOf(user), role: user.role })

  /** The units (and book) a list covers: the user's scope, narrowed by the filters; outside it, 404. */
  async function scopeFilter(user: AuthUser, query: DoubleKeyingQuery): Promise<ScopeFilter> {
    const scope = await units.scopeOf(user.unitId)
    if (query.unitId && !scope.has(query.unitId)) throw notFound('Không tìm thấy đơn vị này')
    const book = query.bookId ? await books.getInScope(user, query.bookId) : undefined
    const unitIds = book ? [book.custodian_unit_id] : query.unitId ? [...(await units.scopeOf(query.unitId))] : [...scope]
    return { unitIds, bookId: book?.id }
  }

  /** The one entry of the book at this position that a first keyer completed, locked for the comparison. */
  async function firstKeying(trx: Kysely<Database>, book: BookRow, so: number, year: number): Promise<EntryRow> {
    const rows = await trx.selectFrom('entries').selectAll()
      .where('book_id', '=', book.id).where('so', '=', so).where('registration_year', '=', year).where('status', '<>', 'withdrawn')
      .forUpdate().execute()
    const where = positionOf(so, year)
    if (rows.length === 0) {
      throw new HttpError(409, 'no_first_keying', `Sổ chưa có trường hợp ${where}: đây là lần nhập thứ nhất, lưu như bình thường`)
    }
    if (rows.length > 1) throw conflict(`Sổ có ${rows.length} trường hợp cùng ${where}: báo cán bộ tư pháp xử lý trùng trước khi nhập lần hai`)
    return rows[0] as EntryRow
  }

  return {
    /** The second, blind keying of an entry: compared, then checked (agreement) or sent to arbitration. */
    async secondKeying(user: AuthUser, bookId: string, input: SecondKeyingBody): Promise<SecondKeyingResult> {
      const book = await books.getInScope(user, bookId)
      if (!book.double_keying) throw conflict(NOT_DOUBLE_KEYED)
      const catalog = getBookType(book.book_type)
      const fields = cleanFields(input.fields)
      const unknown = Object.keys(fields).filter((key) => !catalog.fields.some((f) => f.key === key))
      if (unknown.length > 0) throw new HttpError(400, 'validation', `Trường không có trong danh mục của loại sổ này: ${unknown.join(', ')}`)
      const { so, registration_year: year } = derivedColumns(catalog.code, fields)
      if (so === null || year === null) throw unprocessable('Ghi số và ngày đăng ký như trên sổ để tìm trường hợp đã nhập lần thứ nhất', { fieldErrors: { ...(so === null && { so: 'Chưa ghi số' }), ...(year === null && { ngayDangKy: 'Chưa ghi ngày đăng ký' }) } })
      return db.transaction().execute(async (trx) => {
        const entry = await firstKeying(trx, book, so, year)
        const where = positionOf(so, year)
        if (entry.keyed_by === user.id || entry.created_by === user.id) throw refused(SAME_KEYER)
        const earlier = await secondKeyingOf(trx, entry.id)
        // The same save sent again (an answer lost on the way): the stored result, nothing written twice.
        if (earlier && earlier.secondKeyer === user.id && sameFields(earlier.secondFields, fields)) {
          return { entryId: entry.id, outcome: earlier.outcome, outcomeLabel: DOUBLE_KEYING_OUTCOMES[earlier.outcome], compared: earlier.compared.length, differing: earlier.differing.length }
        }
        if (earlier) throw conflict(`Trường hợp ${where} đã được nhập hai lần: không nhập lại`)
        if (entry.status !== 'keyed') throw conflict(`Trường hợp ${where} đang ở trạng thái "${statusLabel(entry.status)}": chỉ nhập lần hai khi lần nhập thứ nhất đã hoàn thành và chưa được kiểm tra`)
        const comparison = compareKeyings(catalog.code, entry.fields, fields)
        const outcome = comparison.differences.length === 0 ? 'agreed' : 'disagreed'
        const differing = comparison.differences.map((d) => d.field)
        await trx.insertInto('second_keyings').values({
          entry_id: entry.id,
          first_keyer: entry.keyed_by,
          second_keyer: user.id,
          entry_version: entry.version,
          first_fields: JSON.stringify(entry.fields),
          second_fields: JSON.stringify(fields),
          compared_fields: JSON.stringify(comparison.compared),
          differing_fields: JSON.stringify(differing),
          outcome,
        }).execute()
        await deleteDraftOf(trx, input.clientTxnId, user.id)
        await recordAudit(trx, actorOf(user), {
          action: 'entry.secondKeying',
          entityType: 'entry',
          entityId: entry.id,
          details: { bookId: book.id, fields, outcome, compared: comparison.compared.length, differing },
        })
        // Two people read the page the same way: that is the check (the second keyer takes it, four eyes hold).
        if (outcome === 'agreed') {
          const result = await tryTransition(trx, roleActor(user), book, entry, 'check', { doubleKeying: true })
          if (result.refused) throw refusalError(result.refused)
        }
        return { entryId: entry.id, outcome, outcomeLabel: DOUBLE_KEYING_OUTCOMES[outcome], compared: comparison.compared.length, differing: differing.length }
      })
    },

    /** Disagreements of the units in scope waiting for an arbitrator, both values side by side (audited with the ids). */
    async arbitrationList(user: AuthUser, query: DoubleKeyingQuery) {
      const filter = await scopeFilter(user, query)
      const rows = await waitingArbitration(db, filter, ARBITRATION_LIMIT)
      const names = await fullNamesOf(db, rows.flatMap((r) => [r.secondKeyer, ...(r.firstKeyer ? [r.firstKeyer] : [])]))
      const shownBooks = new Map<string, BookRow>()
      for (const id of new Set(rows.map((r) => r.bookId))) {
        const found = await books.findInScope(user, id)
        if (found) shownBooks.set(id, found)
      }
      const pages = await pageIdsByEntry(db, rows.map((r) => r.entryId))
      const items = []
      for (const row of rows) {
        const book = shownBooks.get(row.bookId)
        if (book) items.push(presentArbitrationItem(row, book, names, pages.get(row.entryId) ?? [], mayArbitrate(user.id, row)))
      }
      await recordAudit(db, actorOf(user), {
        action: 'doubleKeying.arbitration.list',
        entityType: 'unit',
        entityId: query.unitId ?? user.unitId,
        details: { bookId: filter.bookId ?? null, returned: items.map((i) => i.entryId) },
      })
      return { items }
    },

    /** The arbitrator's choice per differing field, written through the entries commands, and the entry checked. */
    async arbitrate(user: AuthUser, entryId: string, input: ArbitrationBody) {
      const scope = await units.scopeOf(user.unitId)
      const seen = await db.selectFrom('entries').select(['book_id', 'custodian_unit_id']).where('id', '=', entryId).executeTakeFirst()
      if (!seen || !scope.has(seen.custodian_unit_id)) throw notFound('Không tìm thấy trường hợp này')
      // Read before the transaction: on PGlite the transaction holds the one connection.
      const book = await books.getInScope(user, seen.book_id)
      return db.transaction().execute(async (trx) => {
        const before = await findEntryIn(trx, entryId)
        if (!before || before.book_id !== book.id) throw notFound('Không tìm thấy trường hợp này')
        const item = await secondKeyingOf(trx, entryId)
        if (!item || item.outcome !== 'disagreed') throw notFound(NO_WAITING_ITEM)
        if (item.resolvedAt) throw conflict('Hai lần nhập của trường hợp này đã được đối chiếu')
        if (!mayArbitrate(user.id, { ...item, keyedBy: before.keyed_by })) throw refused(NOT_YOUR_ARBITRATION)
        if (before.version !== input.version) throw new StaleEntryError(entryId)
        if (before.status !== 'keyed') throw conflict(`Trường hợp đang ở trạng thái "${statusLabel(before.status)}": không đối chiếu được nữa`)
        const missing = item.differing.filter((f) => !input.choices[f])
        const extra = Object.keys(input.choices).filter((f) => !item.differing.includes(f))
        if (missing.length > 0 || extra.length > 0) {
          throw unprocessable('Chọn giá trị đúng cho đúng các ô hai lần nhập khác nhau (lần 1, lần 2 hoặc nhập giá trị khác)', { fieldErrors: Object.fromEntries([...missing, ...extra].map((f) => [f, missing.includes(f) ? 'Chưa chọn giá trị' : 'Ô này hai lần nhập đã khớp'])) })
        }
        const fields = { ...before.fields }
        const resolution: Record<string, { source: string; value: string | null }> = {}
        for (const field of item.differing) {
          const choice = input.choices[field]
          if (!choice) continue
          if (choice.source === 'typed' && choice.value === undefined) throw unprocessable('Nhập giá trị đúng theo trang sổ (hoặc chọn lần nhập 1 / lần nhập 2)', { fieldErrors: { [field]: 'Chưa nhập giá trị' } })
          const raw = choice.source === 'first' ? item.firstFields[field] : choice.source === 'second' ? item.secondFields[field] : choice.value
          const value = raw?.normalize('NFC').trim() || null
          if (value === null) delete fields[field]
          else fields[field] = value
          resolution[field] = { source: choice.source, value }
        }
        const changed = item.differing.some((f) => fields[f] !== before.fields[f])
        const saved = changed ? await updateEntry(trx, actorOf(user), book, { id: before.id, version: before.version }, { fields }) : before
        // Four eyes judged on the entry as keyed: the arbitrator's correction does not make it their own work.
        const result = await tryTransition(trx, roleActor(user), book, saved, 'check', { authors: authorsOf(before), doubleKeying: true })
        if (result.refused) throw refusalError(result.refused)
        await trx.updateTable('second_keyings')
          .set({ resolved_by: user.id, resolved_at: new Date(), resolution: JSON.stringify(resolution) })
          .where('id', '=', item.id)
          .execute()
        await recordAudit(trx, actorOf(user), { action: 'entry.arbitrate', entityType: 'entry', entityId: entryId, details: { resolution, version: result.row.version } })
        return { entryId, status: result.row.status, version: result.row.version }
      })
    },

    /** Fields agreed over fields compared, per keyer and per field, of the double keyings in scope. */
    async agreement(user: AuthUser, query: DoubleKeyingQuery): Promise<AgreementReport> {
      const comparisons = await comparisonsIn(db, await scopeFilter(user, query))
      const rates = agreementRates(comparisons)
      const names = await fullNamesOf(db, [...rates.byKeyer.keys()])
      return presentAgreement(comparisons, rates, names)
    },
  }
}
export type DoubleKeyingService = ReturnType<typeof createDoubleKeyingService>
