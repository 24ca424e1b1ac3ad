/**
 * The entries module's side of a handover: a book's approved entries marked handed over at once
 * (the transition is batch-only: the handover module's batch is the only way to take it), and the
 * revisions a batch's package is rebuilt from, so that a later correction never changes an old one.
 */
import { sql, type Kysely } from 'kysely'
import { findTransition, hasBlockingIssues, type EntryFields } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict } from '../../http/errors'
import { recordAudit } from '../audit'
import { bookTypeOf, issuesOf, type EntryBook } from './checks'
import { actionRefusal, refusalError, type RoleActor, type Trx } from './commands'
import type { EntryRow } from './repository'

const CHUNK = 500

/** What a batch's manifest needs of each entry handed over: the version written and its fields. */
export type HandedOverEntry = Pick<EntryRow, 'id' | 'version' | 'fields' | 'so' | 'registration_date' | 'registration_date_precision' | 'registration_year'>

export interface HandoverOptions {
  /** The count the officer saw: a different number of approved entries now answers 409 and nothing is written. */
  expectedCount?: number | undefined
  /** The batch these entries go into (named in the audit row). */
  batchId?: string | undefined
}

export interface HandoverResult {
  /** In book order (year, number, keying order). */
  handedOver: HandedOverEntry[]
  /** Approved entries whose rules now find an error (a catalog change since approval): left approved. */
  skippedWithErrors: string[]
}

/**
 * Marks the book's approved entries (all, or those ids) handed over, in the caller's transaction:
 * the transition table decides who may (its approvers), each entry gets its next version and a
 * revision, and one audit row lists the ids. Ids that are not approved entries of the book answer
 * 409 and nothing is written.
 */
export async function handOverEntries(trx: Trx, actor: RoleActor, book: EntryBook, entryIds?: readonly string[], options: HandoverOptions = {}): Promise<HandoverResult> {
  const transition = findTransition('approved', 'handOver', actor.role)
  if (!transition) throw refusalError({ status: 403, message: 'Vai trò của bạn không được chuyển giao trường hợp' })
  if (entryIds && entryIds.length === 0) return { handedOver: [], skippedWithErrors: [] }
  let query = trx.selectFrom('entries').selectAll().where('book_id', '=', book.id).where('status', '=', transition.from)
  if (entryIds) query = query.where('id', 'in', [...entryIds])
  const approved = await query.orderBy('registration_year').orderBy('so').orderBy('created_at').orderBy('id').forUpdate().execute()
  if (entryIds && approved.length !== new Set(entryIds).size) {
    throw conflict('Có trường hợp trong danh sách không còn ở trạng thái "Đã phê duyệt" hoặc không thuộc sổ này: tải lại trang rồi thử lại')
  }
  if (options.expectedCount !== undefined && options.expectedCount !== approved.length) {
    throw conflict(`Số trường hợp đã phê duyệt đã thay đổi (${approved.length}, không phải ${options.expectedCount}): tải lại trang để xem danh sách mới`)
  }
  // The table's own refusal (status, batch-only, roles), asked as the batch: the same rule as one entry.
  const refused = approved.map((e) => actionRefusal(e, 'handOver', actor, { batch: true })).find((r) => r !== undefined)
  if (refused) throw refusalError(refused)
  const bookType = bookTypeOf(book)
  const withErrors = new Set(
    transition.requiresNoErrors ? approved.filter((e) => hasBlockingIssues(issuesOf(bookType, e.fields, book, e.illegible_fields ?? []))).map((e) => e.id) : [],
  )
  const clean = approved.filter((e) => !withErrors.has(e.id))
  const written = new Map<string, HandedOverEntry>()
  const now = new Date()
  for (let i = 0; i < clean.length; i += CHUNK) {
    const ids = clean.slice(i, i + CHUNK).map((e) => e.id)
    const rows = await trx.updateTable('entries')
      .set({ status: transition.to, version: sql<number>`version + 1`, updated_by: actor.id, updated_at: now, status_changed_at: now })
      .where('id', 'in', ids)
      .where('status', '=', transition.from)
      .returning(['id', 'version', 'fields', 'so', 'registration_date', 'registration_date_precision', 'registration_year'])
      .execute()
    if (rows.length > 0) {
      await trx.insertInto('entry_revisions')
        // A transition: no copy of the fields (migration 0020).
        .values(rows.map((r) => ({ entry_id: r.id, version: r.version, status: transition.to, fields: null, change_kind: 'transition:handOver', changed_by: actor.id })))
        .execute()
    }
    for (const row of rows) written.set(row.id, row)
  }
  const handedOver = clean.flatMap((e) => written.get(e.id) ?? [])
  await recordAudit(trx, actor, {
    action: 'entry.handOver.bulk',
    entityType: 'book',
    entityId: book.id,
    details: { from: transition.from, to: transition.to, batchId: options.batchId ?? null, entryIds: handedOver.map((e) => e.id), skippedWithErrors: [...withErrors] },
  })
  return { handedOver, skippedWithErrors: [...withErrors] }
}

export interface RevisionRef {
  entryId: string
  version: number
}

/**
 * The fields of exactly these versions, in the order asked, a chunk at a time (memory stays flat for
 * big books). A version that has no revision is an error: every write keeps one.
 */
export async function* revisionFields(db: Kysely<Database>, refs: readonly RevisionRef[]): AsyncGenerator<RevisionRef & { fields: EntryFields }> {
  for (let i = 0; i < refs.length; i += CHUNK) {
    const chunk = refs.slice(i, i + CHUNK)
    // A revision that changed no content stores no fields: the version's are the last stored at or before it.
    const rows = await db.selectFrom('entry_revisions as r')
      .select(['r.entry_id', 'r.version'])
      .select((eb) => eb.selectFrom('entry_revisions as p')
        .select('p.fields')
        .whereRef('p.entry_id', '=', 'r.entry_id')
        .whereRef('p.version', '<=', 'r.version')
        .where('p.fields', 'is not', null)
        .orderBy('p.version', 'desc')
        .limit(1)
        .as('fields'))
      .where((eb) => eb.or(chunk.map((r) => eb.and([eb('r.entry_id', '=', r.entryId), eb('r.version', '=', r.version)]))))
      .execute()
    const byKey = new Map(rows.map((r) => [`${r.entry_id}:${r.version}`, r.fields]))
    for (const ref of chunk) {
      const fields = byKey.get(`${ref.entryId}:${ref.version}`)
      if (!fields) throw new Error(`entry ${ref.entryId} has no revision ${ref.version}`)
      yield { ...ref, fields }
    }
  }
}

/** What took an entry out of a version: the revision right after it (its kind, the reason given, who, when). */
export interface NextRevision {
  entryId: string
  version: number
  changeKind: string
  note: string | null
  changedBy: string | null
  changedAt: Date
}

/** For each (entry, version), the revision that followed it, if any. */
export async function revisionsAfter(db: Kysely<Database>, refs: readonly RevisionRef[]): Promise<Map<string, NextRevision>> {
  const found = new Map<string, NextRevision>()
  for (let i = 0; i < refs.length; i += CHUNK) {
    const chunk = refs.slice(i, i + CHUNK)
    const rows = await db.selectFrom('entry_revisions')
      .select(['entry_id', 'version', 'change_kind', 'note', 'changed_by', 'changed_at'])
      .where((eb) => eb.or(chunk.map((r) => eb.and([eb('entry_id', '=', r.entryId), eb('version', '=', r.version + 1)]))))
      .execute()
    for (const r of rows) found.set(r.entry_id, { entryId: r.entry_id, version: r.version, changeKind: r.change_kind, note: r.note, changedBy: r.changed_by, changedAt: r.changed_at })
  }
  return found
}
