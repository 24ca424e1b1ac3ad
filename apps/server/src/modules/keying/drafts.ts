import type { Kysely, Transaction } from 'kysely'
import { OcrProvenanceSchema, type OcrProvenance } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BooksService } from '../books'

const DRAFT_NOT_FOUND = 'Không tìm thấy bản nháp này (có thể đã được lưu thành trường hợp hoặc đã bị bỏ)'

export interface DraftInput {
  bookId: string
  fields: Record<string, string>
  pageIds?: string[] | undefined
  illegibleFields?: string[] | undefined
  /** The client's own counter: an autosave that arrives after a newer one is ignored. */
  seq?: number | undefined
  /** OCR proposals the keyer passed over so far. */
  ocr?: OcrProvenance | undefined
}

type DraftRow = { client_txn_id: string; book_id: string; fields: Record<string, string>; page_ids: string[]; illegible_fields?: string[]; revision: number; saved_at: Date; ocr?: unknown }

/** The stored provenance, checked: a row that does not parse gives none (the save then records no OCR fields) rather than a 500. */
function storedOcr(value: unknown): OcrProvenance | undefined {
  if (value === null || value === undefined) return undefined
  const parsed = OcrProvenanceSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

function presentDraft(row: DraftRow) {
  return {
    clientTxnId: row.client_txn_id,
    bookId: row.book_id,
    fields: row.fields,
    pageIds: row.page_ids,
    illegibleFields: row.illegible_fields ?? [],
    seq: row.revision,
    savedAt: new Date(row.saved_at).toISOString(),
    ocr: storedOcr(row.ocr),
  }
}

/**
 * Server copy of an entry that is being keyed and not yet saved, keyed by the client transaction id
 * the entry will be created with. Only its author sees it; creating the entry deletes it.
 */
export function createDraftsService(db: Kysely<Database>, books: BooksService) {
  async function own(user: AuthUser, clientTxnId: string) {
    const row = await db.selectFrom('entry_drafts').selectAll().where('client_txn_id', '=', clientTxnId).executeTakeFirst()
    if (!row || row.user_id !== user.id) return undefined
    return row
  }

  return {
    async save(user: AuthUser, clientTxnId: string, input: DraftInput) {
      const book = await books.getInScope(user, input.bookId)
      const created = await db.selectFrom('entries').select(['id', 'created_by']).where('client_txn_id', '=', clientTxnId).executeTakeFirst()
      if (created) {
        if (created.created_by !== user.id) throw notFound(DRAFT_NOT_FOUND)
        throw conflict('Trường hợp này đã được lưu; không cần lưu nháp nữa.', { entryId: created.id })
      }
      const existing = await db.selectFrom('entry_drafts').select(['user_id', 'revision']).where('client_txn_id', '=', clientTxnId).executeTakeFirst()
      if (existing && existing.user_id !== user.id) throw notFound(DRAFT_NOT_FOUND)
      const seq = input.seq ?? (existing ? existing.revision + 1 : 1)
      if (existing && input.seq !== undefined && input.seq <= existing.revision) {
        const current = await own(user, clientTxnId)
        return { ...presentDraft(current as DraftRow), ignored: true }
      }
      const values = {
        client_txn_id: clientTxnId, user_id: user.id, book_id: book.id, custodian_unit_id: book.custodian_unit_id,
        fields: JSON.stringify(input.fields), page_ids: JSON.stringify(input.pageIds ?? []), revision: seq, saved_at: new Date(),
        illegible_fields: JSON.stringify([...new Set(input.illegibleFields ?? [])]),
        ocr: input.ocr && input.ocr.length > 0 ? JSON.stringify(input.ocr) : null,
      }
      const row = await db.transaction().execute(async (trx) => {
        const saved = await trx
          .insertInto('entry_drafts')
          .values(values)
          .onConflict((oc) => oc.column('client_txn_id').doUpdateSet({
            book_id: values.book_id, custodian_unit_id: values.custodian_unit_id, fields: values.fields, page_ids: values.page_ids,
            revision: values.revision, saved_at: values.saved_at, illegible_fields: values.illegible_fields, ocr: values.ocr,
          }).where('entry_drafts.user_id', '=', user.id))
          .returningAll()
          .executeTakeFirst()
        if (!saved) throw notFound(DRAFT_NOT_FOUND)
        await recordAudit(trx, actorOf(user), {
          action: 'draft.save', entityType: 'draft', entityId: clientTxnId,
          details: { bookId: book.id, seq, fieldCount: Object.keys(input.fields).length },
        })
        return saved
      })
      return { ...presentDraft(row), ignored: false }
    },

    async get(user: AuthUser, clientTxnId: string) {
      const row = await own(user, clientTxnId)
      if (!row || !(await books.findInScope(user, row.book_id))) throw notFound(DRAFT_NOT_FOUND)
      await recordAudit(db, actorOf(user), { action: 'draft.read', entityType: 'draft', entityId: clientTxnId, details: { bookId: row.book_id } })
      return presentDraft(row)
    },

    /** The user's drafts (optionally of one book), newest first: what to offer to restore on reopening. */
    async list(user: AuthUser, bookId: string | undefined) {
      if (bookId) await books.getInScope(user, bookId)
      let query = db.selectFrom('entry_drafts').selectAll().where('user_id', '=', user.id)
      if (bookId) query = query.where('book_id', '=', bookId)
      const rows = await query.orderBy('saved_at', 'desc').limit(100).execute()
      await recordAudit(db, actorOf(user), { action: 'draft.list', entityType: 'draft', details: { bookId: bookId ?? null, returned: rows.map((r) => r.client_txn_id) } })
      return rows.map(presentDraft)
    },

    async discard(user: AuthUser, clientTxnId: string) {
      const row = await own(user, clientTxnId)
      if (!row) throw notFound(DRAFT_NOT_FOUND)
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('entry_drafts').where('client_txn_id', '=', clientTxnId).where('user_id', '=', user.id).execute()
        await recordAudit(trx, actorOf(user), { action: 'draft.discard', entityType: 'draft', entityId: clientTxnId, details: { bookId: row.book_id } })
      })
    },
  }
}
export type DraftsService = ReturnType<typeof createDraftsService>

/** The server-side draft of a not-yet-created entry ends when the entry is created with its client transaction id. */
export async function deleteDraftOf(trx: Transaction<Database>, clientTxnId: string | undefined, userId: string): Promise<void> {
  if (!clientTxnId) return
  await trx.deleteFrom('entry_drafts').where('client_txn_id', '=', clientTxnId).where('user_id', '=', userId).execute()
}
