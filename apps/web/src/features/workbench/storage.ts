import { OcrProvenanceSchema, type EntryFields } from '@hts/domain'
import { z } from 'zod'

/**
 * The browser's copy of the keyer's work, so that closing the tab, a crash or a network cut loses
 * at most the last keystrokes. Keys carry the user (a shared computer never shows one keyer's
 * entry to another) and the book; every record carries its client transaction id.
 */

const LocalDraftSchema = z.object({
  clientTxnId: z.string(),
  bookId: z.string(),
  fields: z.record(z.string(), z.string()),
  illegibleFields: z.array(z.string()),
  startPageId: z.string().nullable(),
  /** Changes made so far; the server copy is sent with it so that a late autosave never wins. */
  seq: z.number(),
  savedAt: z.string(),
  /** OCR proposals the keyer passed over (issue 16): saved with the entry as its provenance. */
  ocr: OcrProvenanceSchema.optional(),
})
export type LocalDraft = z.infer<typeof LocalDraftSchema>

const OutboxItemSchema = z.object({
  clientTxnId: z.string(),
  bookId: z.string(),
  fields: z.record(z.string(), z.string()),
  pageIds: z.array(z.string()),
  illegibleFields: z.array(z.string()),
  /** true: mark it "keyed" (done) after creating it; false: it stays a draft entry with its errors. */
  complete: z.boolean(),
  /** Possible duplicates the keyer saw before saving. */
  duplicatesSeen: z.array(z.string()).optional(),
  /** The book is double keyed: the save is a second keying when another keyer keyed this số already. */
  doubleKeying: z.boolean().optional(),
  /** OCR provenance of the entry (see LocalDraft.ocr). */
  ocr: OcrProvenanceSchema.optional(),
  label: z.string(),
  queuedAt: z.string(),
})
export type OutboxItem = z.infer<typeof OutboxItemSchema>

const draftKey = (userId: string, bookId: string) => `hts.wb.draft.${userId}.${bookId}`
const outboxKey = (userId: string) => `hts.wb.outbox.${userId}`

function read<T>(key: string, schema: z.ZodType<T>): T | null {
  try {
    const raw = window.localStorage.getItem(key)
    if (!raw) return null
    const parsed = schema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** false when the browser refused to store (private mode, disk full): the screen says so. */
function write(key: string, value: unknown): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(value))
    return true
  } catch {
    return false
  }
}

export const loadLocalDraft = (userId: string, bookId: string) => read(draftKey(userId, bookId), LocalDraftSchema)

export const storeLocalDraft = (userId: string, draft: LocalDraft) => write(draftKey(userId, draft.bookId), draft)

/** Removes the book's local draft if it is still the one with this id (a newer entry keeps its own). */
export function clearLocalDraft(userId: string, bookId: string, clientTxnId: string): void {
  const current = loadLocalDraft(userId, bookId)
  if (current && current.clientTxnId !== clientTxnId) return
  try {
    window.localStorage.removeItem(draftKey(userId, bookId))
  } catch {
    // nothing stored
  }
}

export const loadOutbox = (userId: string): OutboxItem[] => read(outboxKey(userId), z.array(OutboxItemSchema)) ?? []

export const storeOutbox = (userId: string, items: readonly OutboxItem[]) => write(outboxKey(userId), items)

export function newLocalDraft(bookId: string, clientTxnId: string, fields: EntryFields, startPageId: string | null): LocalDraft {
  return { clientTxnId, bookId, fields, illegibleFields: [], startPageId, seq: 0, savedAt: new Date().toISOString() }
}
