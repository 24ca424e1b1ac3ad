import { sql, type Kysely } from 'kysely'
import type { IdWarning, MatchSettings } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BooksService } from '../books'
import { findEntryIn, StaleEntryError } from '../entries'
import { presentJob, type JobsService } from '../jobs'
import type { PopulationLookup } from '../population'
import type { UnitsService } from '../units'
import { learnedModels } from './learning'
import { RECONCILE_JOB, type BatchParams } from './batch'
import { reconcileEntries } from './engine'
import { recordRefs, StoredCandidates } from './stored'
import { snapshotsByIds } from '../population'
import { openFollowup } from './followup-repository'
import { checkLinkable, linkPersonalId } from './link'
import { presentResult } from './presenter'
import { reopenDecision, type ReopenInput } from './reopen'
import { writeResults, type ResultRow } from './repository'
import type { SettingsService } from './settings'

const RESULT_NOT_FOUND = 'Không tìm thấy kết quả đối chiếu này'
const ENTRY_CHANGED = 'Trường hợp vừa được sửa sau khi bạn mở kết quả đối chiếu: tải lại, xem lại rồi quyết định'

export interface DecisionInput {
  outcome: 'match' | 'mismatch' | 'not_found'
  candidateIndex?: number | undefined
  note?: string | undefined
  version: number
  /** The entry's version the person decided on: a keyer's save since then makes the decision stale (409). */
  entryVersion?: number | undefined
}

export interface ResultFilter {
  bookId?: string | undefined
  /** One entry's result (the checker's screen highlights its differences). */
  entryId?: string | undefined
  outcome?: string | undefined
  decision?: string | undefined
  page: number
  pageSize: number
}

export function createReconciliationService(deps: {
  db: Kysely<Database>
  units: UnitsService
  books: BooksService
  jobs: JobsService
  lookup: PopulationLookup
  settings: SettingsService
}) {
  const { db, units, books, jobs, lookup, settings } = deps

  const selectResults = () =>
    db
      .selectFrom('reconciliation_results as r')
      .innerJoin('entries as e', 'e.id', 'r.entry_id')
      .innerJoin('books as b', 'b.id', 'r.book_id')
      .leftJoin('users as d', 'd.id', 'r.decided_by')
      .selectAll('r')
      .select(['e.book_type', 'e.fields', 'e.so', 'e.subject_name', 'e.version as entry_version', 'b.volume', 'd.full_name as decided_by_name'])

  type Joined = ResultRow & { book_type: string; fields: Record<string, string>; so: number | null; subject_name: string | null; entry_version: number; volume: string; decided_by_name: string | null }
  /** Results with their candidates' population records read again (one query for all). */
  async function views(rows: Joined[]) {
    const records = await snapshotsByIds(db, rows.flatMap((r) => recordRefs(StoredCandidates.parse(r.candidates))))
    const models = await learnedModels(db, rows.flatMap((r) => (r.model_id ? [r.model_id] : [])))
    return rows.map((row) => presentResult(row, { ...row, model: row.model_id ? models.get(row.model_id) ?? null : null }, records))
  }
  const view = async (row: Joined) => (await views([row]))[0] as ReturnType<typeof presentResult>

  async function getInScope(user: AuthUser, id: string): Promise<Joined> {
    const row = await selectResults().where('r.id', '=', id).executeTakeFirst()
    if (!row || !(await units.scopeOf(user.unitId)).has(row.custodian_unit_id)) throw notFound(RESULT_NOT_FOUND)
    return row
  }

  async function resultForEntry(entryId: string) {
    return selectResults().where('r.entry_id', '=', entryId).executeTakeFirstOrThrow()
  }

  return {
    getInScope,

    /** Reconciles one entry now (from the workbench) and returns the proposal. */
    async runEntry(user: AuthUser, entryId: string) {
      const entry = await db.selectFrom('entries').select(['id', 'book_id', 'custodian_unit_id', 'book_type', 'fields']).where('id', '=', entryId).executeTakeFirst()
      if (!entry || !(await units.scopeOf(user.unitId)).has(entry.custodian_unit_id)) throw notFound('Không tìm thấy trường hợp này')
      const existing = await db.selectFrom('reconciliation_results').select('decision').where('entry_id', '=', entryId).executeTakeFirst()
      if (existing && existing.decision !== 'pending') throw conflict('Trường hợp này đã được xác nhận kết quả đối chiếu; không đối chiếu lại')
      const scope = [...(await units.scopeOf(entry.custodian_unit_id))]
      const { drafts, extractIds } = await reconcileEntries(lookup, scope, [entry], await settings.forUnit(entry.custodian_unit_id))
      await db.transaction().execute(async (trx) => {
        await writeResults(trx, drafts, null)
        await recordAudit(trx, actorOf(user), {
          action: 'reconcile.entry',
          entityType: 'entry',
          entityId: entryId,
          details: { source: lookup.source, extractIds, outcome: drafts[0]?.outcome, populationIds: drafts.flatMap((d) => d.candidates.map((c) => c.id)) },
        })
      })
      return view(await resultForEntry(entryId))
    },

    /** Queues the reconciliation of a book, of every book of a unit (and the units below), or of the entries one Excel import created. */
    async startBatch(user: AuthUser, target: { bookId?: string | undefined; unitId?: string | undefined; importId?: string | undefined }) {
      let bookIds: string[]
      let unitId: string
      if (target.importId) {
        const found = await db.selectFrom('imports').select(['id', 'unit_id']).where('id', '=', target.importId).executeTakeFirst()
        if (!found || !(await units.scopeOf(user.unitId)).has(found.unit_id)) throw notFound('Không tìm thấy lần nhập tệp này')
        const rows = await sql<{ book_id: string }>`select distinct book_id from entries where import_id = ${found.id} order by book_id`.execute(db)
        bookIds = rows.rows.map((r) => r.book_id)
        unitId = found.unit_id
      } else if (target.bookId) {
        const book = await books.getInScope(user, target.bookId)
        bookIds = [book.id]
        unitId = book.custodian_unit_id
      } else if (target.unitId) {
        const scope = await units.scopeOf(user.unitId)
        if (!scope.has(target.unitId)) throw notFound('Không tìm thấy đơn vị này')
        const inUnit = [...(await units.scopeOf(target.unitId))]
        bookIds = (await db.selectFrom('books').select('id').where('custodian_unit_id', 'in', inUnit).orderBy('year').orderBy('id').execute()).map((b) => b.id)
        unitId = target.unitId
      } else throw new HttpError(400, 'validation', 'Chọn sổ, đơn vị hoặc lần nhập tệp cần đối chiếu')
      const params: BatchParams = { bookIds, userId: user.id, ...(target.importId ? { importId: target.importId } : {}) }
      const jobId = await db.transaction().execute(async (trx) => {
        const id = await jobs.enqueue(trx, RECONCILE_JOB, { unitId, createdBy: user.id, params })
        await recordAudit(trx, actorOf(user), { action: 'reconcile.batch.start', entityType: target.importId ? 'import' : target.bookId ? 'book' : 'unit', entityId: target.importId ?? target.bookId ?? unitId, details: { jobId: id, books: bookIds.length } })
        return id
      })
      jobs.wake()
      return presentJob(await jobs.getInScope(user, jobId))
    },

    /** The review list: proposals with their explanations (personal data: the read is audited). */
    async list(user: AuthUser, filter: ResultFilter) {
      const scope = [...(await units.scopeOf(user.unitId))]
      let query = selectResults().where('r.custodian_unit_id', 'in', scope)
      if (filter.bookId) query = query.where('r.book_id', '=', filter.bookId)
      if (filter.entryId) query = query.where('r.entry_id', '=', filter.entryId)
      if (filter.outcome) query = query.where('r.outcome', '=', filter.outcome as ResultRow['outcome'])
      if (filter.decision) query = query.where('r.decision', '=', filter.decision as 'pending')
      const rows = await query.orderBy('e.registration_year').orderBy('e.so').orderBy('r.id').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute()
      const counts = await db
        .selectFrom('reconciliation_results as r')
        .select(['r.outcome', 'r.decision', db.fn.countAll<number>().as('n')])
        .where('r.custodian_unit_id', 'in', scope)
        .$if(Boolean(filter.bookId), (q) => q.where('r.book_id', '=', filter.bookId as string))
        .$if(Boolean(filter.entryId), (q) => q.where('r.entry_id', '=', filter.entryId as string))
        .groupBy(['r.outcome', 'r.decision'])
        .execute()
      await recordAudit(db, actorOf(user), { action: 'reconcile.list', entityType: filter.bookId ? 'book' : 'unit', entityId: filter.bookId ?? user.unitId, details: { filter, returned: rows.map((r) => r.id) } })
      const total = counts.filter((c) => (!filter.outcome || c.outcome === filter.outcome) && (!filter.decision || c.decision === filter.decision)).reduce((s, c) => s + Number(c.n), 0)
      return { items: await views(rows), total, counts: counts.map((c) => ({ outcome: c.outcome, decision: c.decision, n: Number(c.n) })) }
    },

    async read(user: AuthUser, id: string) {
      const row = await getInScope(user, id)
      await recordAudit(db, actorOf(user), { action: 'reconcile.read', entityType: 'reconciliation_result', entityId: id, details: { entryId: row.entry_id } })
      return view(row)
    },

    /**
     * A person confirms the proposal or decides otherwise. Match and mismatch link the chosen
     * person's ID to the entry; a mismatch opens a case on the follow-up list. Audited.
     */
    async decide(user: AuthUser, id: string, input: DecisionInput): Promise<{ result: ReturnType<typeof presentResult>; warnings: IdWarning[]; followupId: string | null }> {
      const row = await getInScope(user, id)
      const shown = await view(row)
      if (row.decision !== 'pending') throw conflict('Kết quả này đã được quyết định trước đó', { current: shown })
      if (row.version !== input.version) throw conflict('Kết quả đối chiếu vừa thay đổi (có thể đã đối chiếu lại): xem bản mới rồi quyết định', { current: shown })
      const expectedEntryVersion = input.entryVersion ?? row.entry_version
      if (expectedEntryVersion !== row.entry_version) throw conflict(ENTRY_CHANGED, { current: shown })
      const linking = input.outcome !== 'not_found'
      const index = linking ? (input.candidateIndex ?? row.chosen_index ?? undefined) : undefined
      const candidate = index === undefined ? undefined : shown.candidates[index]
      if (linking && !candidate) throw new HttpError(400, 'validation', 'Chọn người trong danh sách đề xuất để liên kết', { fieldErrors: { candidateIndex: 'Chọn một người' } })
      if (candidate && !candidate.person) throw conflict('Dữ liệu dân cư dùng cho đề xuất này đã được thay bằng bản mới: đối chiếu lại trường hợp này rồi quyết định')
      const personalId = candidate?.person ? checkLinkable(candidate.person.personalId) : null
      const confirmed = input.outcome === row.outcome && (!linking || index === row.chosen_index)
      const differences = candidate ? candidate.fields.filter((f) => f.differs) : []
      const actor = actorOf(user)
      let warnings: IdWarning[] = []
      let followupId: string | null = null
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('reconciliation_results')
          .set({
            decision: confirmed ? 'confirmed' : 'overridden',
            final_outcome: input.outcome,
            linked_personal_id: personalId,
            linked_person: candidate ? JSON.stringify(candidate.person) : null,
            decided_by: user.id,
            decided_at: new Date(),
            decision_note: input.note ?? null,
            version: row.version + 1,
          })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .returning('id')
          .executeTakeFirst()
        if (!updated) throw conflict('Kết quả đối chiếu vừa thay đổi: tải lại rồi quyết định')
        let linkedField: string | null = null
        if (personalId) {
          const entry = await findEntryIn(trx, row.entry_id)
          if (!entry || entry.version !== expectedEntryVersion) throw new StaleEntryError(row.entry_id)
          const link = await linkPersonalId(trx, entry, personalId, actor)
          warnings = link.warnings
          linkedField = link.written ? link.field : null
        }
        if (input.outcome === 'mismatch') {
          followupId = await openFollowup(trx, { row, personalId, differences, subjectName: row.subject_name, note: input.note, userId: user.id })
        }
        // What this decision wrote, for reopening it (reopen.ts).
        if (linkedField || followupId) await trx.updateTable('reconciliation_results').set({ linked_field: linkedField, followup_id: followupId }).where('id', '=', id).execute()
        await recordAudit(trx, actor, {
          action: 'reconcile.decide',
          entityType: 'entry',
          entityId: row.entry_id,
          details: { resultId: id, proposed: row.outcome, decided: input.outcome, decision: confirmed ? 'confirmed' : 'overridden', populationId: candidate?.id ?? null, personalId, note: input.note ?? null, warnings, followupId },
        })
      }).catch((error: unknown) => {
        if (error instanceof StaleEntryError) throw conflict(ENTRY_CHANGED, { current: shown })
        throw error
      })
      return { result: await view(await getInScope(user, id)), warnings, followupId }
    },

    /** Undoes a decision taken by mistake (see reopen.ts): the result waits for a person again. */
    async reopen(user: AuthUser, id: string, input: ReopenInput): Promise<{ result: ReturnType<typeof presentResult>; message: string }> {
      const row = await getInScope(user, id)
      if (row.decision === 'pending') throw conflict('Kết quả này chưa được quyết định: không có gì để mở lại')
      if (row.version !== input.version) throw conflict('Kết quả đối chiếu vừa thay đổi: tải lại rồi thử lại', { current: await view(row) })
      const message = await db.transaction().execute((trx) => reopenDecision(trx, row, input, actorOf(user)))
      return { result: await view(await getInScope(user, id)), message }
    },

    /** Confirms every pending "match" proposal of a book in one action (each linked and audited). */
    async confirmMatches(user: AuthUser, bookId: string) {
      const book = await books.getInScope(user, bookId)
      const pending = await db.selectFrom('reconciliation_results').select(['id', 'version']).where('book_id', '=', book.id).where('outcome', '=', 'match').where('decision', '=', 'pending').execute()
      let confirmed = 0
      const failed: Array<{ id: string; message: string }> = []
      for (const p of pending) {
        try {
          await this.decide(user, p.id, { outcome: 'match', version: p.version })
          confirmed++
        } catch (error) {
          failed.push({ id: p.id, message: error instanceof Error ? error.message : String(error) })
        }
      }
      return { confirmed, failed }
    },

    settings: {
      get: (user: AuthUser) => settings.forUnit(user.unitId),
      update: (user: AuthUser, input: MatchSettings) => settings.update(user, input),
    },
  }
}
export type ReconciliationService = ReturnType<typeof createReconciliationService>
