import { carryForwardFields, parsePartialDate, timestampText, type EntryFields } from '@hts/domain'
import { randomId } from '../../lib/id'
import { fetchNextEntry, listServerDrafts, type NextEntry } from './api'
import { keyingAssistOff } from './assist'
import { loadLocalDraft, loadOutbox, newLocalDraft, type LocalDraft } from './storage'

export interface StartState {
  initial: LocalDraft
  /** Where the entry on screen came from when it is not a fresh one. */
  restoredFrom: 'local' | 'server' | null
  /** Year of the previous entry: "27.08" typed in the registration date means 27.08.<year>. */
  year: number
  /** Page to show first. */
  pageId: string | null
}

export function yearOf(date: string | undefined): number | null {
  if (!date) return null
  const parsed = parsePartialDate(date)
  return parsed.ok ? parsed.value.year : null
}

/**
 * What the workbench opens with: the entry left half-keyed on this computer, else the newest
 * server draft of this keyer in the book, else a new entry carried forward from the last one
 * (from the saves still waiting in this browser if there are any: they are newer than the server's).
 */
export async function resolveStart(userId: string, bookId: string): Promise<StartState> {
  const local = loadLocalDraft(userId, bookId)
  const queued = loadOutbox(userId).filter((i) => i.bookId === bookId)
  const [next, drafts] = await Promise.all([fetchNextEntry(bookId), listServerDrafts(bookId).catch(() => [])])
  const lastQueued = queued.at(-1)
  const year = yearOf(lastQueued?.fields.ngayDangKy) ?? next.year
  const queuedIds = new Set(queued.map((i) => i.clientTxnId))

  if (local && local.seq > 0 && !queuedIds.has(local.clientTxnId)) {
    return { initial: local, restoredFrom: 'local', year: yearOf(local.fields.ngayDangKy) ?? year, pageId: local.startPageId ?? next.page?.id ?? null }
  }
  const draft = drafts.find((d) => !queuedIds.has(d.clientTxnId))
  if (draft) {
    const startPageId = draft.pageIds[0] ?? null
    return {
      initial: { clientTxnId: draft.clientTxnId, bookId, fields: draft.fields, illegibleFields: draft.illegibleFields, startPageId, seq: draft.seq, savedAt: timestampText(draft.savedAt), ocr: draft.ocr },
      restoredFrom: 'server',
      year: yearOf(draft.fields.ngayDangKy) ?? year,
      pageId: startPageId ?? next.page?.id ?? null,
    }
  }
  const pageId = lastQueued?.pageIds.at(-1) ?? next.page?.id ?? null
  return { initial: newLocalDraft(bookId, randomId(), freshFields(next, lastQueued?.fields), null), restoredFrom: null, year, pageId }
}

function freshFields(next: NextEntry, lastQueued: EntryFields | undefined): EntryFields {
  if (keyingAssistOff()) return {}
  return lastQueued ? carryForwardFields(lastQueued) : { ...next.fields }
}
