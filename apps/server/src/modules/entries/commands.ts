/**
 * The entries module's commands: the only code that writes `entries`, `entry_revisions` and
 * `entry_pages` (lint forbids those writes anywhere else). Every command runs in the caller's
 * transaction, checks the version the caller saw, derives the indexed columns from the catalog,
 * and writes the revision and the audit row with the change, so a caller cannot forget one of them.
 */
import {
  EDIT_EFFECTS,
  ENTRY_ACTIONS,
  ENTRY_STATUSES,
  findTransition,
  fourEyesRefusal,
  hasBlockingIssues,
  initialStatusOf,
  isEntryStatus,
  statusRequiresNoErrors,
  type EntryAction,
  type EntryAuthors,
  type EntryFields,
  type EntryIssue,
  type Role,
} from '@hts/domain'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { conflict, HttpError, refused as refusedHere, unprocessable } from '../../http/errors'
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

/**
 * The revision of the version just written. Its fields are stored only when the content changed
 * (`before` omitted: a new entry; equal fields or a transition: none, migration 0020), so a status
 * change costs a small row, not a copy of the entry; `revisionFields` reads the version's fields back.
 */
async function addRevision(trx: Trx, entry: EntryRow, changeKind: string, userId: string | null, note: string | null = null, before?: EntryRow, at?: Date): Promise<void> {
  const changed = !before || !sameFields(before.fields, entry.fields)
  await trx
    .insertInto('entry_revisions')
    .values({ entry_id: entry.id, version: entry.version, status: entry.status, fields: changed ? JSON.stringify(entry.fields) : null, change_kind: changeKind, changed_by: userId, note, ...(at && { changed_at: at }) })
    .execute()
}

/**
 * When a command took place, for replaying history (the demo seed spreads its campaign over past
 * weeks so that the dashboard's throughput and forecast have days to measure). Omitted: now. Only
 * in-process callers pass it: no route reads it from a request, and the audit row keeps the real
 * time of the write. It stamps the revision (`changed_at`, what the activity counters file by day)
 * and the entry's `created_at` / `updated_at` / `status_changed_at`.
 */
export interface Replay {
  at?: Date | undefined
}

/** The same keys with the same values (a resent keying, a save that changes nothing). */
export function sameFields(a: EntryFields, b: EntryFields): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

/** Who keyed and who last changed the content: what the four-eyes rule reads. */
export const authorsOf = (entry: Pick<EntryRow, 'keyed_by' | 'content_changed_by'>): EntryAuthors => ({ keyedBy: entry.keyed_by, contentChangedBy: entry.content_changed_by })

const warningCount = (issues: readonly EntryIssue[]) => issues.filter((i) => i.severity === 'warning').length

/** The entry as it is now, inside the transaction; stale (409) when it moved past the caller's version. */
async function current(trx: Trx, expected: Expected): Promise<EntryRow> {
  const row = await trx.selectFrom('entries').selectAll().where('id', '=', expected.id).executeTakeFirst()
  if (!row || row.version !== expected.version) throw new StaleEntryError(expected.id)
  return row
}

type EntryChanges = Partial<Pick<EntryRow, 'status' | 'fields' | 'keyed_by' | 'content_changed_by' | 'return_reason' | 'warning_count'>> & { illegible_fields?: string[] }

/** Writes the next version, or throws stale when another writer got there first (the version check). */
async function writeVersion(trx: Trx, before: EntryRow, changes: EntryChanges, userId: string | null, at?: Date): Promise<EntryRow> {
  const bookType = bookTypeOf(before)
  const { fields, illegible_fields, ...rest } = changes
  const now = at ?? new Date()
  const row = await trx
    .updateTable('entries')
    .set({
      ...rest,
      ...(fields && { fields: JSON.stringify(fields), ...derivedColumns(bookType, fields) }),
      ...(illegible_fields && { illegible_fields: JSON.stringify(illegible_fields) }),
      ...(rest.status !== undefined && rest.status !== before.status && { status_changed_at: now }),
      version: before.version + 1,
      updated_by: userId,
      updated_at: now,
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
  /** Possible duplicates the keyer was shown and saved anyway (books do contain duplicates): their decision, audited. */
  duplicatesSeen?: string[] | undefined
}

export interface EntryEdit {
  fields: EntryFields
  /** Omitted: page links unchanged. */
  pageIds?: string[] | undefined
  /** Omitted: illegible flags unchanged. */
  illegibleFields?: string[] | undefined
  /** Why the content changes (required to correct a handed-over entry). */
  reason?: string | undefined
}

/** Creates a draft (errors allowed: the keyer finishes it later). `replay.at`: see Replay (history only). */
export async function createEntry(trx: Trx, actor: Actor, book: EntryBook, input: NewEntry, replay: Replay = {}): Promise<EntryRow> {
  const bookType = bookTypeOf(book)
  checkKnownFields(bookType, input.fields)
  const illegible = illegibleOf(bookType, input.illegibleFields)
  const issues = issuesOf(bookType, input.fields, book, illegible)
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
      content_changed_by: actor.id,
      warning_count: warningCount(issues),
      ...(replay.at && { created_at: replay.at, updated_at: replay.at, status_changed_at: replay.at }),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await addRevision(trx, row, 'create', actor.id, null, undefined, replay.at)
  if (input.pageIds) await setEntryPages(trx, row, input.pageIds)
  await recordAudit(trx, actor, {
    action: 'entry.create',
    entityType: 'entry',
    entityId: row.id,
    details: { bookId: book.id, fields: input.fields, ...(input.pageIds && { pageIds: input.pageIds }), ...(illegible.length > 0 && { illegibleFields: illegible }), ...(input.duplicatesSeen?.length && { duplicatesSeen: input.duplicatesSeen }) },
  })
  return row
}

export const CORRECTION_REASON_REQUIRED = 'Trường hợp đã chuyển giao: ghi lý do đính chính để sửa (trường hợp sẽ về "Đã kiểm tra" và được chuyển giao lại)'

/**
 * Saves an edit of the version the user saw. The status follows the domain's edit effects (a change
 * after approval goes back to "checked", a handed-over entry changes only with a reason); a status
 * that must stay valid refuses new errors; the editor becomes the entry's last changer (four eyes).
 */
export async function updateEntry(trx: Trx, actor: Actor, book: EntryBook, expected: Expected, input: EntryEdit, replay: Replay = {}): Promise<EntryRow> {
  const before = await current(trx, expected)
  const bookType = bookTypeOf(before)
  checkKnownFields(bookType, input.fields)
  const illegible = input.illegibleFields ? illegibleOf(bookType, input.illegibleFields) : (before.illegible_fields ?? [])
  const effect = isEntryStatus(before.status) ? EDIT_EFFECTS[before.status] : { to: before.status, reasonRequired: false }
  const reason = input.reason?.trim() || null
  if (effect.reasonRequired && !reason) throw unprocessable(CORRECTION_REASON_REQUIRED)
  const issues = issuesOf(bookType, input.fields, book, illegible)
  // A draft saves with its errors; a status that must stay valid does not.
  if (isEntryStatus(effect.to) && statusRequiresNoErrors(effect.to) && hasBlockingIssues(issues)) {
    throw unprocessable(`Trường hợp đang ở trạng thái "${statusLabel(before.status)}": sửa hết lỗi trước khi lưu, hoặc trả lại / mở lại để sửa`, { issues })
  }
  const row = await writeVersion(trx, before, {
    fields: input.fields,
    illegible_fields: illegible,
    status: effect.to,
    content_changed_by: actor.id,
    warning_count: warningCount(issues),
  }, actor.id, replay.at)
  await addRevision(trx, row, reason ? 'correction' : 'update', actor.id, reason, before, replay.at)
  if (input.pageIds) await setEntryPages(trx, row, input.pageIds)
  await recordAudit(trx, actor, {
    action: 'entry.update',
    entityType: 'entry',
    entityId: row.id,
    details: {
      version: row.version,
      changes: diffFields(before.fields, input.fields),
      ...(row.status !== before.status && { from: before.status, to: row.status }),
      ...(reason && { reason }),
      ...(input.pageIds && { pageIds: input.pageIds }),
      ...(input.illegibleFields && { illegibleFields: illegible }),
    },
  })
  return row
}

export interface TransitionOptions extends Replay {
  /** Why (a return): shown to the keyer, kept with the revision and the audit. */
  reason?: string | undefined
  /** Whose work the four-eyes rule protects: the entry before a reviewer's correction saved with the action. */
  authors?: EntryAuthors | undefined
  /** Taken by its batch (the handover), which may take batch-only actions. */
  batch?: boolean | undefined
  /** The check of a double-keyed book's entry, by its second keying or its arbitration (modules/double-keying). */
  doubleKeying?: boolean | undefined
}

export const DOUBLE_KEYED_CHECK = 'Sổ này nhập kép: trường hợp được kiểm tra khi người nhập thứ hai nhập khớp, hoặc qua đối chiếu ở trang "Đối chiếu nhập kép"'

export const REASON_REQUIRED = 'Ghi lý do trả lại để người nhập biết cần sửa gì'

/**
 * Why this user may not take the action on the entry (before anything is written), or undefined:
 * the table (409), four eyes (403), a missing reason (422). Errors are checked by the transition itself.
 */
export function actionRefusal(entry: Pick<EntryRow, 'status' | 'keyed_by' | 'content_changed_by'>, action: EntryAction, actor: RoleActor, options: TransitionOptions = {}): Refusal | undefined {
  const transition = isEntryStatus(entry.status) ? findTransition(entry.status, action, actor.role) : undefined
  if (!transition || (transition.batchOnly && !options.batch)) return { status: 409, message: notAllowed(entry.status, action) }
  const fourEyes = transition.fourEyes && actor.id ? fourEyesRefusal(actor.id, options.authors ?? authorsOf(entry)) : undefined
  if (fourEyes) return { status: 403, message: fourEyes }
  if (transition.reasonRequired && !options.reason?.trim()) return { status: 422, message: REASON_REQUIRED }
  return undefined
}

const notAllowed = (status: string, action: EntryAction) =>
  `Không thể "${ENTRY_ACTIONS[action]}" khi trường hợp đang ở trạng thái "${statusLabel(status)}" hoặc vai trò của bạn không được phép`

export interface Refusal {
  status: 403 | 409 | 422
  message: string
  issues?: EntryIssue[]
}

export function refusalError(refused: Refusal, extra: Record<string, unknown> = {}): HttpError {
  if (refused.status === 403) return refusedHere(refused.message, extra)
  if (refused.status === 409) return conflict(refused.message, extra)
  return unprocessable(refused.message, { ...(refused.issues && { issues: refused.issues }), ...extra })
}

/**
 * Takes the action on an entry read (or just written) in this transaction, or says why not: the
 * table refuses it (409), four eyes (403), a missing reason or errors block it (422). The rules run
 * once; a refusal writes nothing.
 */
export async function tryTransition(trx: Trx, actor: RoleActor, book: EntryBook, before: EntryRow, action: EntryAction, options: TransitionOptions = {}): Promise<{ row: EntryRow; refused?: Refusal }> {
  const refused = actionRefusal(before, action, actor, options)
  if (refused) return { row: before, refused }
  // In a double-keyed book two blind keyings that agree are the check: a checker's own check would skip the comparison.
  if (action === 'check' && !options.doubleKeying) {
    const double = await trx.selectFrom('books').select('double_keying').where('id', '=', before.book_id).executeTakeFirst()
    if (double?.double_keying) return { row: before, refused: { status: 409, message: DOUBLE_KEYED_CHECK } }
  }
  const transition = isEntryStatus(before.status) ? findTransition(before.status, action, actor.role) : undefined
  if (!transition) return { row: before, refused: { status: 409, message: notAllowed(before.status, action) } }
  if (transition.requiresNoErrors) {
    const issues = issuesOf(bookTypeOf(before), before.fields, book, before.illegible_fields ?? [])
    if (hasBlockingIssues(issues)) return { row: before, refused: { status: 422, message: 'Còn lỗi cần sửa trước khi chuyển trường hợp sang bước tiếp theo', issues } }
  }
  const reason = options.reason?.trim() || null
  const row = await writeVersion(trx, before, {
    status: transition.to,
    ...(action === 'markKeyed' && { keyed_by: actor.id }),
    ...(transition.to === 'returned' ? { return_reason: reason } : before.return_reason !== null && { return_reason: null }),
  }, actor.id, options.at)
  await addRevision(trx, row, `transition:${action}`, actor.id, reason, before, options.at)
  await recordAudit(trx, actor, { action: `entry.${action}`, entityType: 'entry', entityId: row.id, details: { from: before.status, to: transition.to, ...(reason && { reason }) } })
  return { row }
}

/** Moves the entry along the one transition table; refuses what the table, four eyes or the rules do not allow. */
export async function transitionEntry(trx: Trx, actor: RoleActor, book: EntryBook, expected: Expected, action: EntryAction, options: TransitionOptions = {}): Promise<EntryRow> {
  const { row, refused } = await tryTransition(trx, actor, book, await current(trx, expected), action, options)
  if (refused) throw refusalError(refused)
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
  // A decision on evidence (not keying): the author stays who keyed it, but an approval does not
  // survive a change of the register's content: approved or handed over goes back to "checked".
  const effect = isEntryStatus(before.status) ? EDIT_EFFECTS[before.status].to : before.status
  const row = await writeVersion(trx, before, { fields, status: effect }, actor.id)
  await addRevision(trx, row, reason, actor.id, null, before)
  await recordAudit(trx, actor, {
    action: 'entry.update',
    entityType: 'entry',
    entityId: row.id,
    details: { version: row.version, changes: diffFields(before.fields, fields), reason, ...(row.status !== before.status && { from: before.status, to: row.status }) },
  })
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
