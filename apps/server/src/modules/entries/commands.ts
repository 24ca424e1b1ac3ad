/**
 * The entries module's commands: the only code that writes `entries`, `entry_revisions` and
 * `entry_pages` (lint forbids those writes anywhere else). Every command runs in the caller's
 * transaction, checks the version the caller saw, derives the indexed columns from the catalog,
 * and writes the revision and the audit row with the change, so a caller cannot forget one of them.
 */
import {
  ENTRY_ACTIONS,
  ENTRY_STATUSES,
  findTransition,
  hasBlockingIssues,
  initialStatusOf,
  isEntryStatus,
  statusRequiresNoErrors,
  type EntryAction,
  type EntryFields,
  type EntryIssue,
  type Role,
} from '@hts/domain'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { conflict, HttpError, unprocessable } from '../../http/errors'
import { diffFields, recordAudit, type Actor } from '../audit'
import { bookTypeOf, checkKnownFields, illegibleOf, issuesOf, type EntryBook } from './checks'
import { derivedColumns } from './derive'
import { setEntryPages } from './entry-pages'
import type { EntryRow } from './repository'

export const STALE_ENTRY = 'Trường hợp này vừa được người khác sửa. Xem bản mới nhất bên dưới, rồi sửa lại nếu cần.'

/** The entry changed since the caller read it: nothing was written. Callers add the current copy. */
export class StaleEntryError extends HttpError {
  constructor(readonly entryId: string) {
    super(409, 'conflict', STALE_ENTRY)
  }
}

export type Trx = Transaction<Database>
export interface Expected {
  id: string
  version: number
}
/** A person acting through the UI: the transition table needs their role. */
export type RoleActor = Actor & { role: Role }

const statusLabel = (status: string) => (isEntryStatus(status) ? ENTRY_STATUSES[status] : status)

async function addRevision(trx: Trx, entry: EntryRow, changeKind: string, userId: string | null): Promise<void> {
  await trx
    .insertInto('entry_revisions')
    .values({ entry_id: entry.id, version: entry.version, status: entry.status, fields: JSON.stringify(entry.fields), change_kind: changeKind, changed_by: userId })
    .execute()
}

/** The entry as it is now, inside the transaction; stale (409) when it moved past the caller's version. */
async function current(trx: Trx, expected: Expected): Promise<EntryRow> {
  const row = await trx.selectFrom('entries').selectAll().where('id', '=', expected.id).executeTakeFirst()
  if (!row || row.version !== expected.version) throw new StaleEntryError(expected.id)
  return row
}

type EntryChanges = Partial<Pick<EntryRow, 'status' | 'fields'>> & { illegible_fields?: string[] }

/** Writes the next version, or throws stale when another writer got there first (the version check). */
async function writeVersion(trx: Trx, before: EntryRow, changes: EntryChanges, userId: string | null): Promise<EntryRow> {
  const bookType = bookTypeOf(before)
  const { fields, illegible_fields, ...rest } = changes
  const row = await trx
    .updateTable('entries')
    .set({
      ...rest,
      ...(fields && { fields: JSON.stringify(fields), ...derivedColumns(bookType, fields) }),
      ...(illegible_fields && { illegible_fields: JSON.stringify(illegible_fields) }),
      version: before.version + 1,
      updated_by: userId,
      updated_at: new Date(),
    })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst()
  if (!row) throw new StaleEntryError(before.id)
  return row
}

export interface NewEntry {
  fields: EntryFields
  clientTxnId?: string | undefined
  pageIds?: string[] | undefined
  illegibleFields?: string[] | undefined
}

export interface EntryEdit {
  fields: EntryFields
  /** Omitted: page links unchanged. */
  pageIds?: string[] | undefined
  /** Omitted: illegible flags unchanged. */
  illegibleFields?: string[] | undefined
}

/** Creates a draft (errors allowed: the keyer finishes it later). */
export async function createEntry(trx: Trx, actor: Actor, book: EntryBook, input: NewEntry): Promise<EntryRow> {
  const bookType = bookTypeOf(book)
  checkKnownFields(bookType, input.fields)
  const illegible = illegibleOf(bookType, input.illegibleFields)
  const row = await trx
    .insertInto('entries')
    .values({
      book_id: book.id,
      custodian_unit_id: book.custodian_unit_id,
      book_type: bookType,
      status: initialStatusOf(false),
      fields: JSON.stringify(input.fields),
      ...derivedColumns(bookType, input.fields),
      client_txn_id: input.clientTxnId ?? null,
      illegible_fields: JSON.stringify(illegible),
      created_by: actor.id,
      updated_by: actor.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await addRevision(trx, row, 'create', actor.id)
  if (input.pageIds) await setEntryPages(trx, row, input.pageIds)
  await recordAudit(trx, actor, {
    action: 'entry.create',
    entityType: 'entry',
    entityId: row.id,
    details: { bookId: book.id, fields: input.fields, ...(input.pageIds && { pageIds: input.pageIds }), ...(illegible.length > 0 && { illegibleFields: illegible }) },
  })
  return row
}

/** Saves the keyer's edit of the version they saw. An entry whose status must stay valid refuses new errors. */
export async function updateEntry(trx: Trx, actor: Actor, book: EntryBook, expected: Expected, input: EntryEdit): Promise<EntryRow> {
  const before = await current(trx, expected)
  const bookType = bookTypeOf(before)
  checkKnownFields(bookType, input.fields)
  const illegible = input.illegibleFields ? illegibleOf(bookType, input.illegibleFields) : (before.illegible_fields ?? [])
  // Only a status that must stay valid runs the rules here; a draft saves with its errors.
  if (isEntryStatus(before.status) && statusRequiresNoErrors(before.status)) {
    const issues = issuesOf(bookType, input.fields, book, illegible)
    if (hasBlockingIssues(issues)) throw unprocessable(`Trường hợp đang ở trạng thái "${statusLabel(before.status)}": sửa hết lỗi trước khi lưu, hoặc mở lại để sửa`, { issues })
  }
  const row = await writeVersion(trx, before, { fields: input.fields, illegible_fields: illegible }, actor.id)
  await addRevision(trx, row, 'update', actor.id)
  if (input.pageIds) await setEntryPages(trx, row, input.pageIds)
  await recordAudit(trx, actor, {
    action: 'entry.update',
    entityType: 'entry',
    entityId: row.id,
    details: { version: row.version, changes: diffFields(before.fields, input.fields), ...(input.pageIds && { pageIds: input.pageIds }), ...(input.illegibleFields && { illegibleFields: illegible }) },
  })
  return row
}

/** Why the transition table refuses the action from this status for this role (409); undefined when it allows it. */
export function tableRefusal(status: string, action: EntryAction, role: Role): string | undefined {
  return isEntryStatus(status) && findTransition(status, action, role) ? undefined : notAllowed(status, action)
}

const notAllowed = (status: string, action: EntryAction) =>
  `Không thể "${ENTRY_ACTIONS[action]}" khi trường hợp đang ở trạng thái "${statusLabel(status)}" hoặc vai trò của bạn không được phép`

export interface Refusal {
  status: 409 | 422
  message: string
  issues?: EntryIssue[]
}

/**
 * Takes the action on an entry read (or just written) in this transaction, or says why not: the
 * table refuses it (409) or errors block it (422). The rules run once; a refusal writes nothing.
 */
export async function tryTransition(trx: Trx, actor: RoleActor, book: EntryBook, before: EntryRow, action: EntryAction): Promise<{ row: EntryRow; refused?: Refusal }> {
  const transition = isEntryStatus(before.status) ? findTransition(before.status, action, actor.role) : undefined
  if (!transition) return { row: before, refused: { status: 409, message: notAllowed(before.status, action) } }
  if (transition.requiresNoErrors) {
    const issues = issuesOf(bookTypeOf(before), before.fields, book, before.illegible_fields ?? [])
    if (hasBlockingIssues(issues)) return { row: before, refused: { status: 422, message: 'Còn lỗi cần sửa trước khi hoàn thành trường hợp này', issues } }
  }
  const row = await writeVersion(trx, before, { status: transition.to }, actor.id)
  await addRevision(trx, row, `transition:${action}`, actor.id)
  await recordAudit(trx, actor, { action: `entry.${action}`, entityType: 'entry', entityId: row.id, details: { from: before.status, to: transition.to } })
  return { row }
}

/** Moves the entry along the one transition table; refuses what the table does not allow (409) or what still has errors (422). */
export async function transitionEntry(trx: Trx, actor: RoleActor, book: EntryBook, expected: Expected, action: EntryAction): Promise<EntryRow> {
  const { row, refused } = await tryTransition(trx, actor, book, await current(trx, expected), action)
  if (refused) throw refused.status === 409 ? conflict(refused.message) : unprocessable(refused.message, { issues: refused.issues })
  return row
}

/**
 * Sets or clears named fields for a reason other than keying (linking a personal ID from the
 * population database, undoing that link), on the entry as the caller read it in this transaction
 * (`findEntryIn`): a keyer's save since then makes the version check fail (409), nothing written.
 */
export async function patchEntryFields(trx: Trx, actor: Actor, before: EntryRow, patch: Record<string, string | null>, reason: string): Promise<EntryRow> {
  const fields: EntryFields = { ...before.fields }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete fields[key]
    else fields[key] = value
  }
  checkKnownFields(bookTypeOf(before), fields)
  const row = await writeVersion(trx, before, { fields }, actor.id)
  await addRevision(trx, row, reason, actor.id)
  await recordAudit(trx, actor, { action: 'entry.update', entityType: 'entry', entityId: row.id, details: { version: row.version, changes: diffFields(before.fields, fields), reason } })
  return row
}

/** The entry inside the caller's transaction (for a command that decides from its current state). */
export async function findEntryIn(trx: Trx, entryId: string): Promise<EntryRow | undefined> {
  return trx.selectFrom('entries').selectAll().where('id', '=', entryId).executeTakeFirst()
}

/** Links scanned pages to an entry (scans matched from a zip of per-entry PDFs). */
export async function attachEntryPages(trx: Trx, entry: { id: string; book_id: string }, pageIds: string[]): Promise<void> {
  await setEntryPages(trx, entry, pageIds)
}
