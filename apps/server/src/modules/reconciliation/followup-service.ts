/**
 * The follow-up list (danh sách theo dõi riêng): mismatches a person confirmed, worked by the
 * justice officer with the police until resolved. Every read lists the ids it returned in the
 * audit trail; every change writes a note (the case's history) and an audit row.
 */
import { canMoveFollowup, foldKey, FollowupDifference, FOLLOWUP_KINDS, FOLLOWUP_STATUSES, isFollowupKind, isFollowupStatus, isResolved, type FollowupStatus } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema'
import { conflict, HttpError, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { UnitsService } from '../units'

const CASE_NOT_FOUND = 'Không tìm thấy trường hợp theo dõi này'
const STALE = 'Trường hợp theo dõi vừa được người khác cập nhật: tải lại rồi làm lại'

export interface FollowupFilter {
  status?: string | undefined
  assigneeId?: string | undefined
  kind?: string | undefined
  bookId?: string | undefined
  unitId?: string | undefined
  q?: string | undefined
  from?: string | undefined
  to?: string | undefined
  page: number
  pageSize: number
}

export function createFollowupService(db: Kysely<Database>, units: UnitsService) {
  const selectCases = () =>
    db
      .selectFrom('followup_cases as f')
      .innerJoin('entries as e', 'e.id', 'f.entry_id')
      .innerJoin('books as b', 'b.id', 'f.book_id')
      .innerJoin('administrative_units as u', 'u.id', 'f.custodian_unit_id')
      .leftJoin('users as a', 'a.id', 'f.assignee_id')
      .selectAll('f')
      .select(['e.so', 'e.subject_birth_date', 'e.registration_date', 'b.book_type', 'b.volume', 'b.year as book_year', 'u.name as unit_name', 'a.full_name as assignee_name'])

  type CaseRow = Awaited<ReturnType<ReturnType<typeof selectCases>['executeTakeFirstOrThrow']>>

  const present = (row: CaseRow) => ({
    id: row.id,
    entryId: row.entry_id,
    bookId: row.book_id,
    book: `${row.book_type} ${row.volume}`,
    so: row.so,
    unitName: row.unit_name,
    subjectName: row.subject_name,
    personalId: row.personal_id,
    differences: z.array(FollowupDifference).parse(row.differences),
    kind: row.kind,
    kindLabel: isFollowupKind(row.kind) ? FOLLOWUP_KINDS[row.kind] : row.kind,
    status: row.status,
    statusLabel: FOLLOWUP_STATUSES[row.status],
    nextStatuses: (['new', 'verifying', 'guided', 'resolved_book', 'resolved_population'] as const)
      .filter((to) => canMoveFollowup(row.status, to))
      .map((to) => ({ status: to, label: FOLLOWUP_STATUSES[to] })),
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    version: row.version,
  })
  type CaseView = ReturnType<typeof present>

  async function filtered(user: AuthUser, filter: FollowupFilter) {
    const scope = [...(await units.scopeOf(user.unitId))]
    let query = selectCases().where('f.custodian_unit_id', 'in', scope)
    if (filter.unitId) {
      // An unknown unit has no scope: nothing matches (an empty IN list is not SQL).
      const filterScope = [...(await units.scopeOf(filter.unitId))]
      query = query.where((eb) => (filterScope.length > 0 ? eb('f.custodian_unit_id', 'in', filterScope) : sql<boolean>`false`))
    }
    if (filter.status === 'open') query = query.where('f.status', 'in', ['new', 'verifying', 'guided'])
    else if (filter.status === 'resolved') query = query.where('f.status', 'in', ['resolved_book', 'resolved_population'])
    else if (filter.status && isFollowupStatus(filter.status)) query = query.where('f.status', '=', filter.status)
    if (filter.assigneeId === 'none') query = query.where('f.assignee_id', 'is', null)
    else if (filter.assigneeId) query = query.where('f.assignee_id', '=', filter.assigneeId)
    if (filter.bookId) query = query.where('f.book_id', '=', filter.bookId)
    if (filter.kind) query = query.where('f.kind', '=', filter.kind)
    if (filter.from) query = query.where('f.created_at', '>=', new Date(`${filter.from}T00:00:00`))
    if (filter.to) query = query.where('f.created_at', '<', new Date(new Date(`${filter.to}T00:00:00`).getTime() + 86_400_000))
    if (filter.q) {
      const q = foldKey(filter.q).replace(/[%_\\]/g, (c) => `\\${c}`)
      query = query.where((eb) => eb.or([eb('f.subject_name_folded', 'like', `%${q}%`), eb('f.personal_id', '=', filter.q?.trim() ?? '')]))
    }
    return query
  }

  async function getRow(user: AuthUser, id: string): Promise<CaseRow> {
    const row = await selectCases().where('f.id', '=', id).executeTakeFirst()
    if (!row || !(await units.scopeOf(user.unitId)).has(row.custodian_unit_id)) throw notFound(CASE_NOT_FOUND)
    return row
  }

  async function notes(caseId: string) {
    const rows = await db
      .selectFrom('followup_notes as n')
      .leftJoin('users as u', 'u.id', 'n.author_id')
      .select(['n.id', 'n.text', 'n.from_status', 'n.to_status', 'n.created_at', 'u.full_name as author_name'])
      .where('n.case_id', '=', caseId)
      .orderBy('n.id')
      .execute()
    return rows.map((n) => ({
      id: n.id,
      text: n.text,
      fromStatus: n.from_status,
      toStatus: n.to_status,
      toStatusLabel: n.to_status && isFollowupStatus(n.to_status) ? FOLLOWUP_STATUSES[n.to_status] : null,
      authorName: n.author_name,
      createdAt: n.created_at,
    }))
  }

  async function change(user: AuthUser, id: string, version: number, set: Record<string, unknown>, note: { text: string; from?: string; to?: string }, action: string) {
    const row = await getRow(user, id)
    if (row.version !== version) throw conflict(STALE)
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('followup_cases')
        .set({ ...set, updated_at: new Date(), version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning('id')
        .executeTakeFirst()
      if (!updated) throw conflict(STALE)
      await trx.insertInto('followup_notes').values({ case_id: id, author_id: user.id, text: note.text, from_status: note.from ?? null, to_status: note.to ?? null }).execute()
      await recordAudit(trx, actorOf(user), { action, entityType: 'followup_case', entityId: id, details: { ...set, note: note.text } })
    })
    return getView(user, id, false)
  }

  async function getView(user: AuthUser, id: string, audit = true) {
    const row = await getRow(user, id)
    if (audit) await recordAudit(db, actorOf(user), { action: 'followup.read', entityType: 'followup_case', entityId: id, details: { entryId: row.entry_id } })
    return { ...present(row), notes: await notes(id) }
  }

  return {
    async list(user: AuthUser, filter: FollowupFilter): Promise<{ items: CaseView[]; total: number }> {
      const query = await filtered(user, filter)
      const [rows, total] = await Promise.all([
        query.orderBy('f.created_at', 'desc').orderBy('f.id').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute(),
        query.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ])
      await recordAudit(db, actorOf(user), { action: 'followup.list', entityType: 'unit', entityId: user.unitId, details: { filter, returned: rows.map((r) => r.id) } })
      return { items: rows.map(present), total: total.n }
    },

    /** All cases matching the filter (for the Excel export), capped. */
    async all(user: AuthUser, filter: FollowupFilter, limit = 100_000): Promise<CaseView[]> {
      const rows = await (await filtered(user, filter)).orderBy('f.created_at').orderBy('f.id').limit(limit).execute()
      await recordAudit(db, actorOf(user), { action: 'followup.export', entityType: 'unit', entityId: user.unitId, details: { filter, returned: rows.map((r) => r.id) } })
      return rows.map(present)
    },

    get: (user: AuthUser, id: string) => getView(user, id),

    async transition(user: AuthUser, id: string, input: { status: FollowupStatus; note?: string | undefined; version: number }) {
      const row = await getRow(user, id)
      if (!canMoveFollowup(row.status, input.status)) {
        throw conflict(`Không thể chuyển từ "${FOLLOWUP_STATUSES[row.status]}" sang "${FOLLOWUP_STATUSES[input.status]}"`)
      }
      const text = `${FOLLOWUP_STATUSES[row.status]} → ${FOLLOWUP_STATUSES[input.status]}${input.note ? `: ${input.note}` : ''}`
      return change(user, id, input.version, { status: input.status, resolved_at: isResolved(input.status) ? new Date() : null }, { text, from: row.status, to: input.status }, 'followup.transition')
    },

    /**
     * The officer's decision on many chosen cases at once (typically one kind: "only Văn/Thị
     * differs, verified with the police"): each case moves as if moved alone (its own note and
     * audit row, with its id); a case that cannot take the status, or is outside the user's units,
     * is skipped and said so.
     */
    async bulkTransition(user: AuthUser, input: { ids: string[]; status: FollowupStatus; note?: string | undefined }) {
      const scope = await units.scopeOf(user.unitId)
      const rows = await selectCases().where('f.id', 'in', [...new Set(input.ids)]).execute()
      const byId = new Map(rows.filter((r) => scope.has(r.custodian_unit_id)).map((r) => [r.id, r]))
      const moved: string[] = []
      const skipped: Array<{ id: string; reason: string }> = []
      for (const id of new Set(input.ids)) {
        const row = byId.get(id)
        if (!row) skipped.push({ id, reason: CASE_NOT_FOUND })
        else if (!canMoveFollowup(row.status, input.status)) skipped.push({ id, reason: `Không thể chuyển từ "${FOLLOWUP_STATUSES[row.status]}" sang "${FOLLOWUP_STATUSES[input.status]}"` })
        else {
          try {
            await this.transition(user, id, { status: input.status, note: input.note ? `${input.note} (chuyển cùng ${input.ids.length} trường hợp)` : `Chuyển cùng ${input.ids.length} trường hợp đã chọn`, version: row.version })
            moved.push(id)
          } catch (error) {
            if (!(error instanceof HttpError)) throw error
            skipped.push({ id, reason: error.message })
          }
        }
      }
      return { moved, skipped }
    },

    async assign(user: AuthUser, id: string, input: { assigneeId: string | null; version: number }) {
      const row = await getRow(user, id)
      let name = 'không ai'
      if (input.assigneeId) {
        const assignee = await db.selectFrom('users').select(['id', 'full_name', 'unit_id', 'locked']).where('id', '=', input.assigneeId).executeTakeFirst()
        if (!assignee || assignee.locked || !(await units.scopeOf(user.unitId)).has(assignee.unit_id)) {
          throw new HttpError(400, 'validation', 'Người được giao không có hoặc không thuộc đơn vị của bạn', { fieldErrors: { assigneeId: 'Chọn cán bộ trong đơn vị' } })
        }
        name = assignee.full_name
      }
      return change(user, row.id, input.version, { assignee_id: input.assigneeId }, { text: `Giao cho ${name}` }, 'followup.assign')
    },

    async addNote(user: AuthUser, id: string, text: string) {
      const row = await getRow(user, id)
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('followup_notes').values({ case_id: row.id, author_id: user.id, text }).execute()
        await trx.updateTable('followup_cases').set({ updated_at: new Date() }).where('id', '=', row.id).execute()
        await recordAudit(trx, actorOf(user), { action: 'followup.note', entityType: 'followup_case', entityId: row.id, details: { text } })
      })
      return getView(user, id, false)
    },
  }
}
export type FollowupService = ReturnType<typeof createFollowupService>
