import type { Kysely } from 'kysely'
import { EDIT_EFFECTS, foldKey, type OcrProvenance, INITIAL_ENTRY_STATUS, isEntryStatus, validateEntry, type BookTypeCode, type EntryAction, type EntryIssue, type MarginalNoteCreate, type MarginalNoteEdit, type MarginalNoteWithdraw } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, notFound, unprocessable } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow, BooksService } from '../books'
import { deleteDraftOf } from '../keying'
import type { UnitsService } from '../units'
import { bookContext, bookTypeOf, checkKnownFields, issuesOf } from './checks'
import { actionRefusal, authorsOf, createEntry, refusalError, StaleEntryError, STALE_ENTRY, transitionEntry, tryTransition, updateEntry, type Refusal, type TransitionOptions, type Trx } from './commands'
import { cleanFields } from './derive'
import { pageIdsOf } from './entry-pages'
import { checkOcrProvenance, recordOcrProvenance } from './ocr-provenance'
import { entryHistory } from './history'
import { editMarginalNote, withdrawMarginalNote } from './note-corrections'
import { addMarginalNote, notesOf, presentNotes } from './notes'
import { isEntryInScope } from './policy'
import { presentEntry, type EntryView } from './presenter'
import { createEntriesRepository, type EntryRow } from './repository'

const ENTRY_NOT_FOUND = 'Không tìm thấy trường hợp này'

/** The status an edit leads to (the domain's edit effects). */
const editedStatus = (status: string): string => (isEntryStatus(status) ? EDIT_EFFECTS[status].to : status)

export function createEntriesService(db: Kysely<Database>, units: UnitsService, books: BooksService) {
  const repo = createEntriesRepository(db)

  async function getWithBook(user: AuthUser, entryId: string): Promise<{ entry: EntryRow; book: BookRow }> {
    const entry = await repo.findById(entryId)
    if (!entry || !isEntryInScope(await units.scopeOf(user.unitId), entry)) throw notFound(ENTRY_NOT_FOUND)
    return { entry, book: await books.getInScope(user, entry.book_id) }
  }

  const view = async (entry: EntryRow, book: BookRow, user: AuthUser) =>
    presentEntry(entry, issuesOf(bookTypeOf(entry), entry.fields, book, entry.illegible_fields ?? []), user, await pageIdsOf(db, entry.id))

  /** A stale save answers 409 with the entry as it is now, so the keyer can merge. */
  async function rethrowStale(error: unknown, user: AuthUser, book: BookRow): Promise<never> {
    if (error instanceof StaleEntryError) {
      const latest = await repo.findById(error.entryId)
      throw conflict(STALE_ENTRY, latest ? { current: await view(latest, book, user) } : {})
    }
    throw error
  }

  /**
   * "Lưu và hoàn thành": the save and the transition to keyed in one transaction. When errors
   * remain, the save is kept (as the draft it was) and the answer is 422 with the issues and the
   * saved copy: the keyer's work is never lost, and "keyed" never holds an entry with errors.
   */
  const roleActor = (user: AuthUser) => ({ ...actorOf(user), role: user.role })
  const taking = (trx: Trx, user: AuthUser, book: BookRow, saved: EntryRow, action: EntryAction, options: TransitionOptions = {}) =>
    tryTransition(trx, roleActor(user), book, saved, action, options)

  async function answer(user: AuthUser, book: BookRow, result: { row: EntryRow; refused?: Refusal }): Promise<EntryView> {
    const shown = await view(result.row, book, user)
    const { refused } = result
    if (refused?.status === 422) throw unprocessable(refused.message, { issues: refused.issues ?? shown.issues, saved: shown })
    if (refused) throw refusalError(refused, { saved: shown })
    return shown
  }

  /**
   * Before anything is written: a user who may not take the action saved with an edit (the table,
   * four eyes on the entry as it was before this edit, a missing reason) is told so, and nothing is saved.
   */
  function checkMayTake(user: AuthUser, entry: Pick<EntryRow, 'status' | 'keyed_by' | 'content_changed_by'>, action: EntryAction, options: TransitionOptions): void {
    const refused = actionRefusal(entry, action, roleActor(user), options)
    if (refused && refused.status !== 422) throw refusalError(refused)
    if (refused) throw unprocessable(refused.message)
  }

  /** The action a save asks for: `complete` is "save and mark keyed". */
  const actionOf = (input: { complete?: boolean | undefined; action?: EntryAction | undefined }): EntryAction | undefined =>
    input.action ?? (input.complete ? 'markKeyed' : undefined)

  return {
    validate(bookType: BookTypeCode, fields: Record<string, string>, book?: BookRow): EntryIssue[] {
      const clean = cleanFields(fields)
      checkKnownFields(bookType, clean)
      return validateEntry(bookType, clean, book ? bookContext(book) : undefined)
    },

    /** Saves a new entry as a draft, or keyed with `complete`. Retried saves (same clientTxnId) are idempotent. */
    async create(user: AuthUser, book: BookRow, input: { fields: Record<string, string>; clientTxnId?: string | undefined; pageIds?: string[] | undefined; illegibleFields?: string[] | undefined; complete?: boolean | undefined; duplicatesSeen?: string[] | undefined; ocr?: OcrProvenance | undefined }) {
      const fields = cleanFields(input.fields)
      checkKnownFields(bookTypeOf(book), fields)
      checkOcrProvenance(bookTypeOf(book), input.ocr)
      if (input.clientTxnId) {
        const earlier = await repo.findByClientTxn(input.clientTxnId)
        if (earlier && earlier.book_id === book.id && earlier.created_by === user.id) {
          // A retry whose first answer was lost: finish what it asked (completing a draft it left), once.
          if (!input.complete || earlier.status !== INITIAL_ENTRY_STATUS) return { created: false, view: await view(earlier, book, user) }
          const result = await db.transaction()
            .execute((trx) => taking(trx, user, book, earlier, 'markKeyed'))
            .catch((error: unknown) => rethrowStale(error, user, book))
          return { created: false, view: await answer(user, book, result) }
        }
      }
      if (input.complete) checkMayTake(user, { status: INITIAL_ENTRY_STATUS, keyed_by: null, content_changed_by: null }, 'markKeyed', {})
      const result = await db.transaction().execute(async (trx) => {
        const row = await createEntry(trx, actorOf(user), book, { ...input, fields })
        await recordOcrProvenance(trx, row, fields, input.ocr, user.id)
        await deleteDraftOf(trx, input.clientTxnId, user.id)
        return input.complete ? taking(trx, user, book, row, 'markKeyed') : { row }
      })
      return { created: true, view: await answer(user, book, result) }
    },

    /** Reading an entry shows personal data, so every read is audited. */
    async read(user: AuthUser, entryId: string) {
      const { entry, book } = await getWithBook(user, entryId)
      await recordAudit(db, actorOf(user), { action: 'entry.read', entityType: 'entry', entityId: entry.id, details: { bookId: book.id } })
      return view(entry, book, user)
    },

    async list(user: AuthUser, book: BookRow, query: { q?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
      const folded = query.q ? foldKey(query.q) : undefined
      const result = await repo.list({ bookId: book.id, q: query.q, status: query.status }, query.page, query.pageSize, folded)
      await recordAudit(db, actorOf(user), {
        action: 'entry.list',
        entityType: 'book',
        entityId: book.id,
        details: { q: query.q ?? null, page: query.page, returned: result.rows.map((r) => r.id) },
      })
      return result
    },

    /**
     * Saves an edit, and with `complete`/`action` takes that action in the same transaction (a
     * checker's "correct and approve": four eyes judged on the entry before this correction).
     */
    async update(user: AuthUser, entryId: string, input: { fields: Record<string, string>; version: number; pageIds?: string[] | undefined; illegibleFields?: string[] | undefined; complete?: boolean | undefined; action?: EntryAction | undefined; reason?: string | undefined; ocr?: OcrProvenance | undefined }) {
      const { entry, book } = await getWithBook(user, entryId)
      const fields = cleanFields(input.fields)
      checkKnownFields(bookTypeOf(entry), fields)
      checkOcrProvenance(bookTypeOf(entry), input.ocr)
      if (entry.version !== input.version) throw conflict(STALE_ENTRY, { current: await view(entry, book, user) })
      const action = actionOf(input)
      const options: TransitionOptions = { reason: input.reason, authors: authorsOf(entry) }
      // The action is judged from the status the edit leads to (an approved entry corrected is checked again).
      if (action) checkMayTake(user, { ...entry, status: editedStatus(entry.status) }, action, options)
      const result = await db.transaction().execute(async (trx) => {
        const row = await updateEntry(trx, actorOf(user), book, { id: entry.id, version: input.version }, { ...input, fields })
        await recordOcrProvenance(trx, row, fields, input.ocr, user.id)
        return action ? taking(trx, user, book, row, action, options) : { row }
      }).catch((error: unknown) => rethrowStale(error, user, book))
      return answer(user, book, result)
    },

    /** The revisions, newest first, field by field: shows personal data, so audited as a read. */
    async history(user: AuthUser, entryId: string) {
      const { entry } = await getWithBook(user, entryId)
      await recordAudit(db, actorOf(user), { action: 'entry.history', entityType: 'entry', entityId: entry.id, details: { bookId: entry.book_id } })
      return entryHistory(db, entry)
    },

    /** The marginal notes, "Theo sổ" and "Sau ghi chú" (audited read). */
    async notes(user: AuthUser, entryId: string) {
      const { entry } = await getWithBook(user, entryId)
      await recordAudit(db, actorOf(user), { action: 'entry.notes', entityType: 'entry', entityId: entry.id, details: { bookId: entry.book_id } })
      return presentNotes(db, entry, await notesOf(db, entry.id))
    },

    /** Adds a marginal note (never a change of what the book says); answers the notes as they stand. */
    async addNote(user: AuthUser, entryId: string, input: MarginalNoteCreate) {
      const { entry, book } = await getWithBook(user, entryId)
      await db.transaction().execute((trx) => addMarginalNote(trx, actorOf(user), book, entry, input))
      return presentNotes(db, entry, await notesOf(db, entry.id))
    },

    /** Corrects a note's date, basis or text (the note's version as read: 409 when it moved). */
    async editNote(user: AuthUser, entryId: string, noteId: string, input: MarginalNoteEdit) {
      const { entry } = await getWithBook(user, entryId)
      await db.transaction().execute((trx) => editMarginalNote(trx, actorOf(user), entry, noteId, input))
      return presentNotes(db, entry, await notesOf(db, entry.id))
    },

    /** Withdraws a note keyed by mistake, with a reason; it stays in the history, struck through. */
    async withdrawNote(user: AuthUser, entryId: string, noteId: string, input: MarginalNoteWithdraw) {
      const { entry } = await getWithBook(user, entryId)
      await db.transaction().execute((trx) => withdrawMarginalNote(trx, actorOf(user), entry, noteId, input))
      return presentNotes(db, entry, await notesOf(db, entry.id))
    },

    /** Moves the entry along the transition table; refuses what the table, four eyes or the rules do not allow. */
    async transition(user: AuthUser, entryId: string, action: EntryAction, version: number, reason?: string) {
      const { entry, book } = await getWithBook(user, entryId)
      if (entry.version !== version) throw conflict(STALE_ENTRY, { current: await view(entry, book, user) })
      const row = await db.transaction()
        .execute((trx) => transitionEntry(trx, roleActor(user), book, { id: entry.id, version }, action, { reason }))
        .catch((error: unknown) => rethrowStale(error, user, book))
      return view(row, book, user)
    },
  }
}
export type EntriesService = ReturnType<typeof createEntriesService>
