import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { EntryPage, EntrySaveRefusal, EntryView as EntryViewSchema, type EntryFields, type EntryView, type OcrProvenance } from '@hts/domain'
import { HttpError, requestParsed } from '../../lib/http'

// The wire shapes are the domain's (api/entries.ts); the names below are the ones this feature uses.
export { EntryIssueView as EntryIssueSchema, EntryView as EntryViewSchema, EntrySummary as EntrySummarySchema } from '@hts/domain'
export type { EntryIssueView, EntryView, EntrySummary } from '@hts/domain'

export interface EntryFilters {
  page: number
  pageSize: number
  q?: string
  status?: string
}

export const entryKeys = {
  list: (bookId: string, filters: EntryFilters) => ['entries', 'list', bookId, filters] as const,
  listsOf: (bookId: string) => ['entries', 'list', bookId] as const,
  detail: (id: string) => ['entries', 'detail', id] as const,
}

export const fetchEntries = (bookId: string, filters: EntryFilters) =>
  requestParsed(EntryPage, `/api/books/${encodeURIComponent(bookId)}/entries`, { query: { ...filters } })

export function useEntries(bookId: string, filters: EntryFilters) {
  return useQuery({
    queryKey: entryKeys.list(bookId, filters),
    queryFn: () => fetchEntries(bookId, filters),
    placeholderData: keepPreviousData,
  })
}

export function useEntry(id: string | undefined) {
  return useQuery({
    queryKey: entryKeys.detail(id ?? ''),
    queryFn: () => requestParsed(EntryViewSchema, `/api/entries/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  })
}

/** Optional parts of a save the keying workbench sends: the page(s) the entry is on and its illegible flags. */
export interface EntrySaveExtras {
  pageIds?: string[]
  illegibleFields?: string[]
  /** Save and mark keyed in one request; when errors remain the server keeps the save and answers 422 with `saved`. */
  complete?: boolean
  /** Possible duplicates shown to the keyer before saving (recorded with the save). */
  duplicatesSeen?: string[]
  /** Fields whose OCR proposal the keyer passed over, with what was proposed (issue 16). */
  ocr?: OcrProvenance
}

export const createEntry = (bookId: string, fields: EntryFields, clientTxnId: string, extras: EntrySaveExtras = {}) =>
  requestParsed(EntryViewSchema, `/api/books/${encodeURIComponent(bookId)}/entries`, { method: 'POST', body: { fields, clientTxnId, ...extras } })

export const updateEntry = (id: string, fields: EntryFields, version: number, extras: Pick<EntrySaveExtras, 'complete'> = {}) =>
  requestParsed(EntryViewSchema, `/api/entries/${encodeURIComponent(id)}`, { method: 'PUT', body: { fields, version, ...extras } })

/** The entry a refused "save and complete" kept as a draft (422 with `saved`), when the answer carries it. */
export function savedDraftOf(error: unknown): EntryView | null {
  if (!(error instanceof HttpError) || error.status !== 422) return null
  const refusal = EntrySaveRefusal.safeParse(error.body)
  return refusal.success ? (refusal.data.saved ?? null) : null
}

export const transitionEntry = (id: string, action: 'markKeyed' | 'reopen', version: number) =>
  requestParsed(EntryViewSchema, `/api/entries/${encodeURIComponent(id)}/transitions`, { method: 'POST', body: { action, version } })

/** After any save: the entry's cache takes the server's answer, the book's lists and counts refetch. */
export function useEntryCacheUpdate() {
  const queryClient = useQueryClient()
  return (entry: EntryView) => {
    queryClient.setQueryData(entryKeys.detail(entry.id), entry)
    void queryClient.invalidateQueries({ queryKey: entryKeys.listsOf(entry.bookId) })
    void queryClient.invalidateQueries({ queryKey: ['books'] })
  }
}
