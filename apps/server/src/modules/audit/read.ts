import type { Kysely } from 'kysely'
import { AUDIT_EXPORT_MAX_ROWS, auditActionLabel, readsCitizenData, type AuditEntityPage, type AuditEventView, type AuditFilter, type AuditLookupType, type AuditPage } from '@hts/domain'
import type { Database } from '../../db/schema'
import { HttpError, notFound, refused } from '../../http/errors'
import type { AuthUser } from '../auth'
import type { UnitsService } from '../units'
import { auditWorkbook } from './excel'
import { presentAuditRow } from './presenter'
import { createAuditRepository, decodeCursor, encodeCursor, type AuditRow, type Cursor, type ReadScope, type RowFilter, type SubjectMatch } from './repository'
import { actorOf, recordAudit } from './service'

const NOT_IN_SCOPE = 'Không tìm thấy đối tượng này trong phạm vi của bạn'
/** A citizen's entries looked at together: more than this is not one person's registrations. */
const MAX_CITIZEN_ENTRIES = 200
const EXPORT_BATCH = 1000

interface Paging {
  cursor?: string | undefined
  pageSize: number
}
interface Range {
  from?: string | undefined
  to?: string | undefined
}

/**
 * The audit trail read (audit.read): the reader sees the rows of acting users of their unit and the
 * units below it (rows without a unit, such as a login with an unknown name, for a province-level
 * reader), and everything recorded about an entry, book, page, account or citizen of their scope,
 * whoever acted (a commune sees who from the province read its entries). Something outside the scope
 * answers 404. Every read of the trail is itself recorded (audit.list, audit.entity, audit.export).
 */
export function createAuditReadService(db: Kysely<Database>, units: UnitsService) {
  const repo = createAuditRepository(db)

  async function readScope(user: AuthUser): Promise<ReadScope & { set: Set<string> }> {
    const set = await units.scopeOf(user.unitId)
    return { set, unitIds: [...set], withoutUnit: await repo.isTopLevel(user.unitId) }
  }

  function cursorOf(text: string | undefined): Cursor | undefined {
    if (text === undefined) return undefined
    const cursor = decodeCursor(text)
    if (!cursor) throw new HttpError(400, 'validation', 'Con trỏ trang không hợp lệ: tải lại trang đầu của nhật ký', { fieldErrors: { cursor: 'Con trỏ trang không hợp lệ' } })
    return cursor
  }

  function pageOf(rows: AuditRow[], pageSize: number, user: AuthUser): AuditPage {
    const shown = rows.slice(0, pageSize)
    const last = shown[shown.length - 1]
    return {
      items: shown.map((row) => presentAuditRow(row, user)),
      nextCursor: rows.length > pageSize && last ? encodeCursor({ at: last.at_text, id: last.id }) : null,
      pageSize,
    }
  }

  async function rowFilter(user: AuthUser, scope: Set<string>, filter: AuditFilter): Promise<RowFilter> {
    let unitIds: string[] | undefined
    if (filter.unitId) {
      if (!scope.has(filter.unitId)) throw notFound('Không tìm thấy đơn vị này trong phạm vi của bạn')
      unitIds = filter.includeBelow ? [...(await units.scopeOf(filter.unitId))] : [filter.unitId]
    }
    return { userId: filter.userId, unitIds, action: filter.action, entityType: filter.entityType, entityId: filter.entityId, from: filter.from, to: filter.to }
  }

  /** What to look for about one record of the scope (404 when it is outside or does not exist). */
  async function subjectOf(user: AuthUser, scope: Set<string>, type: AuditLookupType, id: string): Promise<{ match: SubjectMatch; label: string; entryIds: string[] }> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    if (type !== 'citizen' && !uuid.test(id)) throw notFound(NOT_IN_SCOPE)
    const none = { named: [] as string[], namedInScope: [] as string[] }
    switch (type) {
      case 'entry': {
        const entry = await repo.entry(id)
        if (!entry || !scope.has(entry.custodian_unit_id)) throw notFound(NOT_IN_SCOPE)
        return {
          match: { entities: [{ type: 'entry', ids: [entry.id] }, { type: 'page', ids: entry.pageIds }], named: [entry.id], namedInScope: [] },
          label: `Sổ ${entry.book_type} ${entry.volume}, số ${entry.so ?? '?'}${entry.registration_year ? ` năm ${entry.registration_year}` : ''}`,
          entryIds: [entry.id],
        }
      }
      case 'book': {
        const book = await repo.book(id)
        if (!book || !scope.has(book.custodian_unit_id)) throw notFound(NOT_IN_SCOPE)
        return { match: { entities: [{ type: 'book', ids: [book.id] }], ...none }, label: `Sổ ${book.book_type} ${book.volume}`, entryIds: [] }
      }
      case 'page': {
        const page = await repo.page(id)
        if (!page || !scope.has(page.custodian_unit_id)) throw notFound(NOT_IN_SCOPE)
        return { match: { entities: [{ type: 'page', ids: [page.id] }], ...none }, label: `Trang ảnh ${page.position}`, entryIds: [] }
      }
      case 'user': {
        const account = await repo.user(id)
        if (!account || !scope.has(account.unit_id)) throw notFound(NOT_IN_SCOPE)
        return { match: { entities: [{ type: 'user', ids: [account.id] }], ...none }, label: `Tài khoản ${account.full_name} (${account.username})`, entryIds: [] }
      }
      case 'citizen': {
        // Looking a personal ID up is reading citizens' data: not for a role that reads none (the administrator).
        if (!readsCitizenData(user.role)) throw refused('Tra cứu theo số định danh chỉ dành cho người được xem dữ liệu công dân')
        if (!/^\d{12}$/.test(id)) throw new HttpError(400, 'validation', 'Số định danh gồm 12 chữ số', { fieldErrors: { id: 'Số định danh gồm 12 chữ số' } })
        const found = await repo.entriesWithPersonalId(id, [...scope], MAX_CITIZEN_ENTRIES)
        return {
          match: { entities: [{ type: 'entry', ids: found.entryIds }, { type: 'page', ids: found.pageIds }], named: found.entryIds, namedInScope: [id] },
          label: `Số định danh ${id}: ${found.entryIds.length} trường hợp trong phạm vi`,
          entryIds: found.entryIds,
        }
      }
    }
  }

  return {
    async list(user: AuthUser, query: AuditFilter & Paging): Promise<AuditPage> {
      const scope = await readScope(user)
      const filter = await rowFilter(user, scope.set, query)
      const rows = await repo.list(scope, filter, cursorOf(query.cursor), query.pageSize + 1)
      const { cursor: _cursor, pageSize: _size, ...recorded } = query
      await recordAudit(db, actorOf(user), { action: 'audit.list', entityType: 'audit', details: { filter: recorded, cursor: query.cursor ?? null, rows: Math.min(rows.length, query.pageSize) } })
      return pageOf(rows, query.pageSize, user)
    },

    async about(user: AuthUser, type: AuditLookupType, id: string, query: Range & Paging): Promise<AuditEntityPage> {
      const scope = await readScope(user)
      const subject = await subjectOf(user, scope.set, type, id)
      const rows = await repo.about(scope, subject.match, query, cursorOf(query.cursor), query.pageSize + 1)
      await recordAudit(db, actorOf(user), type === 'citizen'
        ? { action: 'audit.entity', entityType: 'citizen', details: { personalId: id, entryIds: subject.entryIds, rows: Math.min(rows.length, query.pageSize) } }
        : { action: 'audit.entity', entityType: type, entityId: id, details: { rows: Math.min(rows.length, query.pageSize) } })
      return { ...pageOf(rows, query.pageSize, user), entity: { type, id, label: subject.label, entryIds: subject.entryIds } }
    },

    /**
     * The filtered trail as Excel, newest first, at most AUDIT_EXPORT_MAX_ROWS rows (the file says when
     * it was cut). Read in batches along the same keyset; the audit row is written before the file leaves.
     */
    async exportXlsx(user: AuthUser, query: AuditFilter): Promise<{ body: Buffer; fileName: string; truncated: boolean }> {
      const scope = await readScope(user)
      const filter = await rowFilter(user, scope.set, query)
      const items: AuditEventView[] = []
      let cursor: Cursor | undefined
      let truncated = false
      for (;;) {
        const want = Math.min(EXPORT_BATCH, AUDIT_EXPORT_MAX_ROWS + 1 - items.length)
        const rows = await repo.list(scope, filter, cursor, want)
        for (const row of rows) items.push(presentAuditRow(row, user))
        const last = rows[rows.length - 1]
        if (items.length > AUDIT_EXPORT_MAX_ROWS) {
          items.length = AUDIT_EXPORT_MAX_ROWS
          truncated = true
          break
        }
        if (rows.length < want || !last) break
        cursor = { at: last.at_text, id: last.id }
      }
      const filters: Array<[string, string]> = [
        ['Tài khoản', query.userId ?? 'Tất cả'],
        ['Đơn vị', query.unitId ? `${query.unitId}${query.includeBelow ? ' và cấp dưới' : ''}` : 'Toàn bộ phạm vi'],
        ['Thao tác', query.action ? auditActionLabel(query.action) : 'Tất cả'],
        ['Đối tượng', query.entityType ? `${query.entityType} ${query.entityId ?? ''}`.trim() : 'Tất cả'],
        ['Từ ngày', query.from ?? ''],
        ['Đến ngày', query.to ?? ''],
      ]
      const body = await auditWorkbook(items, { exportedBy: `${user.fullName} (${user.username})`, filters, rows: items.length, truncatedAt: truncated ? AUDIT_EXPORT_MAX_ROWS : null })
      await recordAudit(db, actorOf(user), { action: 'audit.export', entityType: 'audit', details: { filter: query, rows: items.length, truncated } })
      const day = new Date().toISOString().slice(0, 10)
      return { body, fileName: `nhat-ky-truy-cap-${day}.xlsx`, truncated }
    },
  }
}
export type AuditReadService = ReturnType<typeof createAuditReadService>
