/**
 * The book inventory of a unit (kiểm kê, issue 13): books by type with period, condition, pages
 * and scanned pages, and the entries keyed / checked / approved / handed over per book and type;
 * for a phase, only its book types, units and years, and the appendix table of the plans.
 */
import type { Kysely } from 'kysely'
import { appendixRows, BOOK_CONDITIONS, bookYearInWindow, can, combinePlanned, getBookType, isBookTypeCode, type EntryProgress, type InventoryBook, type InventoryType, type InventoryView } from '@hts/domain'
import type { Database } from '../../db/schema'
import { notFound } from '../../http/errors'
import type { AuthUser } from '../auth'
import { entryCountsByBook, type BookStatusCount } from '../entries'
import { scannedPageCounts } from '../scans'
import type { UnitsService } from '../units'
import { phaseCoverage, type PhasesService } from './phases'
import { createCampaignRepository, type PhaseRow } from './repository'

const typeLabel = (code: string) => (isBookTypeCode(code) ? getBookType(code).label : code)
const emptyProgress = (): EntryProgress => ({ total: 0, keyed: 0, checked: 0, approved: 0, handedOver: 0 })

function addCount(progress: EntryProgress, row: Pick<BookStatusCount, 'status' | 'count'>): void {
  progress.total += row.count
  if (row.status === 'keyed') progress.keyed += row.count
  else if (row.status === 'checked') progress.checked += row.count
  else if (row.status === 'approved') progress.approved += row.count
  else if (row.status === 'handed_over') progress.handedOver += row.count
}

function addProgress(into: EntryProgress, more: EntryProgress): void {
  into.total += more.total
  into.keyed += more.keyed
  into.checked += more.checked
  into.approved += more.approved
  into.handedOver += more.handedOver
}

/** "Quyển 01/1999 (bị mất): mất do lũ năm 1999" — what the appendix's Ghi chú says of a book not intact. */
function conditionNote(book: { volume: string; condition: keyof typeof BOOK_CONDITIONS; condition_note: string | null }): string {
  const label = BOOK_CONDITIONS[book.condition].toLowerCase()
  return book.condition_note ? `Quyển ${book.volume} (${label}): ${book.condition_note}` : `Quyển ${book.volume} (${label})`
}

export function createInventoryService(db: Kysely<Database>, units: UnitsService, phases: PhasesService) {
  const repo = createCampaignRepository(db)

  /** The books in a phase: its types, its years, and its units (kept or issued by them: a merged commune's books count too). */
  function inPhase(phase: PhaseRow, covered: ReadonlyMap<string, unknown>, book: { book_type: string; year: number; custodian_unit_id: string; issuing_unit_id: string | null }): boolean {
    if (!phase.book_types.includes(book.book_type) || !bookYearInWindow({ windowFrom: phase.window_from, windowTo: phase.window_to }, book.year)) return false
    return covered.has(book.custodian_unit_id) || (book.issuing_unit_id !== null && covered.has(book.issuing_unit_id))
  }

  async function inventory(user: AuthUser, unitId: string, phaseId?: string): Promise<InventoryView> {
    const scope = await units.scopeOf(user.unitId)
    if (!scope.has(unitId)) throw notFound('Không tìm thấy đơn vị này')
    const phase = phaseId ? await phases.getInScope(user, phaseId) : undefined
    const unitIds = [...(await units.scopeOf(unitId))]
    const covered = phase && (await phaseCoverage(units, phase))
    const books = (await repo.booksOf(unitIds)).filter((b) => !phase || !covered || inPhase(phase, covered, b))
    const counts = await entryCountsByBook(db, { unitIds, phase: phase && { bookTypes: phase.book_types, windowFrom: phase.window_from, windowTo: phase.window_to } })
    const progressByBook = new Map<string, EntryProgress>()
    for (const row of counts) {
      const progress = progressByBook.get(row.bookId) ?? emptyProgress()
      addCount(progress, row)
      progressByBook.set(row.bookId, progress)
    }
    const pages = await scannedPageCounts(db, books.map((b) => b.id))
    const unitNames = new Map<string, string>()
    for (const id of new Set(books.map((b) => b.custodian_unit_id))) unitNames.set(id, (await units.findById(id))?.name ?? '')
    const mayEdit = can(user, 'book.update')

    const bookViews: InventoryBook[] = books.map((b) => ({
      id: b.id, bookType: b.book_type, typeLabel: typeLabel(b.book_type), volume: b.volume, year: b.year, unitName: unitNames.get(b.custodian_unit_id) ?? '',
      openedOn: b.opened_on, closedOn: b.closed_on, condition: b.condition, conditionLabel: BOOK_CONDITIONS[b.condition], conditionNote: b.condition_note,
      pageCount: b.page_count, scannedPages: pages.get(b.id) ?? 0, entries: progressByBook.get(b.id) ?? emptyProgress(), version: b.version,
      canEditCondition: mayEdit && scope.has(b.custodian_unit_id),
    }))

    const types = phase ? phase.book_types : [...new Set(books.map((b) => b.book_type))]
    const byType: InventoryType[] = types.map((type) => {
      const ofType = bookViews.filter((b) => b.bookType === type)
      const entries = emptyProgress()
      for (const b of ofType) addProgress(entries, b.entries)
      const years = ofType.map((b) => b.year)
      return {
        bookType: type, label: typeLabel(type), books: ofType.length, damaged: ofType.filter((b) => b.condition === 'damaged').length,
        lost: ofType.filter((b) => b.condition === 'lost').length, pageCount: ofType.reduce((n, b) => n + (b.pageCount ?? 0), 0),
        scannedPages: ofType.reduce((n, b) => n + b.scannedPages, 0), firstYear: years.length ? Math.min(...years) : null, lastYear: years.length ? Math.max(...years) : null, entries,
      }
    })

    let appendix: InventoryView['appendix'] = null
    if (phase) {
      const plans = await repo.plansOf(phase.id, unitIds)
      const lines = await repo.linesOf(plans.map((p) => p.id))
      const counted = new Map<string, number>()
      books.forEach((b, i) => {
        const key = `${b.custodian_unit_id}|${b.book_type}`
        counted.set(key, (counted.get(key) ?? 0) + (bookViews[i]?.entries.total ?? 0))
      })
      const planOf = new Map(plans.map((p) => [p.unit_id, p.id]))
      const planned = new Map(lines.map((l) => [`${l.plan_id}|${l.book_type}`, l.entries_planned]))
      appendix = appendixRows(types.map((type) => {
        const perUnit = unitIds.map((unit) => {
          const plan = planOf.get(unit)
          return { planned: plan === undefined ? null : (planned.get(`${plan}|${type}`) ?? null), counted: counted.get(`${unit}|${type}`) ?? 0 }
        })
        const ofType = byType.find((t) => t.bookType === type)
        return {
          bookType: type, label: typeLabel(type), planned: combinePlanned(perUnit), counted: ofType?.entries.total ?? 0,
          // Approved entries have passed checking and approval: they go to the electronic database as
          // they are (handed over already or in the next package); keyed or checked ones may still change.
          inDatabase: (ofType?.entries.approved ?? 0) + (ofType?.entries.handedOver ?? 0),
          notes: books.filter((b) => b.book_type === type && b.condition !== 'intact').map(conditionNote),
        }
      }))
    }
    return {
      unitId, unitName: (await units.findById(unitId))?.name ?? '', phaseId: phase?.id ?? null, phaseName: phase?.name ?? null,
      books: bookViews, byType, appendix,
    }
  }

  return { inventory }
}
export type InventoryService = ReturnType<typeof createInventoryService>
