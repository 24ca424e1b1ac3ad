/**
 * Acceptance by sampling (nghiệm thu, issue 11): a lot is the approved entries of a unit (or a
 * book) for a phase; the ISO 2859-1 plan and a seeded sample are drawn and frozen; the inspector
 * marks wrong fields beside the page; the decision follows the plan's acceptance number. A
 * rejected lot sends its wrong entries back to their keyers with the errors marked.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { DEFAULT_AQL, drawSample, getBookType, isBookTypeCode, lotDecision, samplingPlan, type FieldError, type LotCreate, type LotListQuery } from '@hts/domain'
import type { Database } from '../../db/schema'
import { HttpError, notFound, unprocessable, conflict } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import { findBookById, type BooksService } from '../books'
import { findPhase } from '../campaign'
import { approvedEntriesOf, entriesByIds, findEntryIn, tryTransition, type EntryRow } from '../entries'
import type { UnitsService } from '../units'
import { fullNamesOf } from '../users'
import { presentLot, presentLotDetail, storedErrors } from './presenter'
import { createLotsRepository, type LotRow } from './repository'

const LOT_NOT_FOUND = 'Không tìm thấy lô nghiệm thu này'
const INSPECTION_LEVEL = 'II'

export function createAcceptanceService(db: Kysely<Database>, units: UnitsService, books: BooksService) {
  const repo = createLotsRepository(db)

  async function lotInScope(user: AuthUser, lotId: string): Promise<LotRow> {
    const lot = await repo.findLot(lotId)
    if (!lot || !(await units.scopeOf(user.unitId)).has(lot.custodian_unit_id)) throw notFound(LOT_NOT_FOUND)
    return lot
  }

  const unitName = async (unitId: string) => (await units.findById(unitId))?.name ?? ''

  async function detail(user: AuthUser, lot: LotRow) {
    const samples = await repo.samplesOf(lot.id)
    const entries = new Map((await entriesByIds(db, samples.map((s) => s.entry_id))).map((e) => [e.id, e]))
    const names = await fullNamesOf(db, samples.flatMap((s) => (s.keyed_by ? [s.keyed_by] : [])))
    // The sample lists citizens' names: audited with the ids shown.
    await recordAudit(db, actorOf(user), { action: 'acceptance.lot.read', entityType: 'acceptance_lot', entityId: lot.id, details: { entryIds: samples.map((s) => s.entry_id) } })
    return presentLotDetail(lot, await unitName(lot.custodian_unit_id), samples, entries, names)
  }

  /** "Tên trường: ghi 'x', đúng là 'y'; ..." — what the keyer reads on the returned entry. */
  function returnReason(lot: LotRow, entry: EntryRow, errors: readonly FieldError[]): string {
    const fields = isBookTypeCode(entry.book_type) ? getBookType(entry.book_type).fields : []
    const list = errors.map((e) => `${fields.find((f) => f.key === e.field)?.label ?? e.field}: ghi "${e.found ?? ''}", đúng là "${e.correct}"`)
    return `Nghiệm thu không đạt (${lot.phase}): ${list.join('; ')}`.slice(0, 1000)
  }

  return {
    async list(user: AuthUser, query: LotListQuery) {
      const scope = await units.scopeOf(user.unitId)
      if (query.unitId && !scope.has(query.unitId)) throw notFound('Không tìm thấy đơn vị này')
      const unitIds = query.unitId ? [...(await units.scopeOf(query.unitId))] : [...scope]
      const { rows, total } = await repo.listLots(unitIds, query.page, query.pageSize)
      const inspected = await repo.inspectedCounts(rows.map((r) => r.id))
      const items = []
      for (const r of rows) items.push(presentLot(r, await unitName(r.custodian_unit_id), inspected.get(r.id) ?? 0))
      return { items, total, page: query.page, pageSize: query.pageSize }
    },

    async get(user: AuthUser, lotId: string) {
      return detail(user, await lotInScope(user, lotId))
    },

    /** Draws the lot's sample: plan from the lot size and AQL, a fresh seed recorded, the sample frozen. */
    async create(user: AuthUser, input: LotCreate) {
      if (!(await units.scopeOf(user.unitId)).has(input.unitId)) throw notFound('Không tìm thấy đơn vị này')
      const unitScope = await units.scopeOf(input.unitId)
      const book = input.bookId ? await books.getInScope(user, input.bookId) : undefined
      if (book && !unitScope.has(book.custodian_unit_id)) throw new HttpError(400, 'validation', 'Sổ đã chọn không thuộc đơn vị của lô', { fieldErrors: { bookId: 'Chọn sổ của đơn vị này' } })
      if (input.previousLotId) {
        const previous = await lotInScope(user, input.previousLotId)
        if (previous.status !== 'rejected') throw conflict('Chỉ lấy mẫu lại cho lô không đạt')
      }
      const entries = await approvedEntriesOf(db, { unitIds: book ? [book.custodian_unit_id] : [...unitScope], bookId: book?.id, yearFrom: input.yearFrom, yearTo: input.yearTo })
      if (entries.length === 0) throw unprocessable('Chưa có trường hợp đã phê duyệt nào trong phạm vi này: lô nghiệm thu cần trường hợp đã phê duyệt')
      // A defined campaign phase gives the lot its name, AQL and unit price unless the inspector sets them.
      const phase = input.phaseId ? await findPhase(db, user, input.phaseId) : undefined
      if (input.phaseId && !phase) throw notFound('Không tìm thấy giai đoạn này')
      const phaseName = phase?.name ?? input.phase ?? ''
      const aql = input.aql ?? phase?.aql ?? DEFAULT_AQL
      const unitPrice = input.unitPrice ?? phase?.unit_price_vnd ?? 0
      const plan = samplingPlan({ lotSize: entries.length, aql, level: INSPECTION_LEVEL })
      const seed = randomBytes(16).toString('hex')
      const chosen = new Set(drawSample(entries.map((e) => e.id), plan.sampleSize, seed))
      const sampled = entries.filter((e) => chosen.has(e.id))
      const lot = await db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('acceptance_lots').values({
          custodian_unit_id: input.unitId, book_id: book?.id ?? null, phase: phaseName, phase_id: phase?.id ?? null, year_from: input.yearFrom ?? null, year_to: input.yearTo ?? null,
          aql, inspection_level: INSPECTION_LEVEL, lot_size: entries.length, code_letter: plan.codeLetter, sample_size: sampled.length,
          acceptance_number: plan.acceptance, rejection_number: plan.rejection, seed, unit_price: unitPrice,
          previous_lot_id: input.previousLotId ?? null, created_by: user.id,
        }).returningAll().executeTakeFirstOrThrow()
        for (let i = 0; i < sampled.length; i += 500) {
          await trx.insertInto('acceptance_samples').values(sampled.slice(i, i + 500).map((e, j) => ({
            lot_id: row.id, entry_id: e.id, position: i + j + 1, entry_version: e.version, keyed_by: e.keyed_by,
          }))).execute()
        }
        await recordAudit(trx, actorOf(user), {
          action: 'acceptance.lot.create', entityType: 'acceptance_lot', entityId: row.id,
          details: { unitId: input.unitId, bookId: book?.id ?? null, phase: phaseName, phaseId: phase?.id ?? null, lotSize: entries.length, aql, plan, seed, sampled: sampled.map((e) => e.id) },
        })
        return row
      })
      return detail(user, lot)
    },

    /** Records what the inspector found on one sampled entry ([] = correct), against the value the register holds now. */
    async inspect(user: AuthUser, lotId: string, entryId: string, errors: readonly FieldError[]) {
      const lot = await lotInScope(user, lotId)
      if (lot.status !== 'inspecting') throw conflict('Lô đã có kết luận: không sửa kết quả kiểm tra mẫu được nữa')
      await db.transaction().execute(async (trx) => {
        const sample = await trx.selectFrom('acceptance_samples').selectAll().where('lot_id', '=', lot.id).where('entry_id', '=', entryId).forUpdate().executeTakeFirst()
        const entry = sample && (await findEntryIn(trx, entryId))
        if (!sample || !entry) throw notFound('Trường hợp này không có trong mẫu của lô')
        const fields = isBookTypeCode(entry.book_type) ? new Set(getBookType(entry.book_type).fields.map((f) => f.key)) : new Set<string>()
        const unknown = errors.filter((e) => !fields.has(e.field)).map((e) => e.field)
        if (unknown.length > 0) throw new HttpError(400, 'validation', `Trường không có trong loại sổ này: ${unknown.join(', ')}`)
        const marked = errors.map((e) => ({ field: e.field, found: entry.fields[e.field] ?? '', correct: e.correct.trim().normalize('NFC') }))
        const same = marked.filter((e) => e.found === e.correct).map((e) => e.field)
        if (same.length > 0) throw unprocessable(`Giá trị đúng trùng với giá trị đã nhập ở: ${same.join(', ')} — bỏ đánh dấu lỗi ở các ô này`)
        await trx.updateTable('acceptance_samples').set({ errors: JSON.stringify(marked), inspected_by: user.id, inspected_at: new Date() })
          .where('lot_id', '=', lot.id).where('entry_id', '=', entryId).execute()
        await recordAudit(trx, actorOf(user), { action: 'acceptance.sample.inspect', entityType: 'entry', entityId: entryId, details: { lotId: lot.id, errors: marked } })
      })
      return detail(user, lot)
    },

    /** Accepts or rejects the lot once every sampled entry is inspected; a rejected lot returns its wrong entries to the keyers. */
    async decide(user: AuthUser, lotId: string) {
      await lotInScope(user, lotId)
      const decided = await db.transaction().execute(async (trx) => {
        const lot = await repo.lockLot(trx, lotId)
        if (!lot) throw notFound(LOT_NOT_FOUND)
        if (lot.status !== 'inspecting') throw conflict('Lô này đã có kết luận')
        const samples = await repo.samplesOf(lot.id, trx)
        const pending = samples.filter((s) => s.inspected_at === null).length
        if (pending > 0) throw unprocessable(`Còn ${pending} trường hợp trong mẫu chưa kiểm tra: kiểm tra hết mẫu rồi mới kết luận`)
        const defective = samples.map((s) => ({ sample: s, errors: storedErrors(s.errors) })).filter((s) => s.errors.length > 0)
        const fieldErrors = defective.reduce((n, s) => n + s.errors.length, 0)
        const decision = lotDecision({ defects: defective.length, plan: { acceptance: lot.acceptance_number } })
        const returned: string[] = []
        const notReturned: string[] = []
        if (decision === 'reject') {
          for (const { sample, errors } of defective) {
            const entry = await findEntryIn(trx, sample.entry_id)
            const book = entry && (await findBookById(trx, entry.book_id))
            const result = entry && book ? await tryTransition(trx, { ...actorOf(user), role: user.role }, book, entry, 'return', { reason: returnReason(lot, entry, errors) }) : undefined
            if (result && !result.refused) returned.push(sample.entry_id)
            else notReturned.push(sample.entry_id)
          }
        }
        const status = decision === 'accept' ? 'accepted' : 'rejected'
        const row = await trx.updateTable('acceptance_lots').set({ status, defective_entries: defective.length, field_errors: fieldErrors, decided_by: user.id, decided_at: new Date() })
          .where('id', '=', lot.id).returningAll().executeTakeFirstOrThrow()
        await recordAudit(trx, actorOf(user), {
          action: 'acceptance.lot.decide', entityType: 'acceptance_lot', entityId: lot.id,
          details: { decision: status, defectiveEntries: defective.length, fieldErrors, acceptance: lot.acceptance_number, returned, notReturned },
        })
        return row
      })
      return detail(user, decided)
    },

    lotInScope,
    detail,
  }
}
export type AcceptanceService = ReturnType<typeof createAcceptanceService>
