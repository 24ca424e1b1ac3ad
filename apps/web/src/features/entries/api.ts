import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import type { EntryFields } from '@hts/domain'
import { z } from 'zod'
import { HttpError, requestParsed } from '../../lib/http'

export const EntryIssueSchema = z.object({
  field: z.string(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
})
export type EntryIssueView = z.infer<typeof EntryIssueSchema>

export const EntryViewSchema = z.object({
  id: z.string(),
  bookId: z.string(),
  bookType: z.string(),
  so: z.number().nullish(),
  trangSo: z.number().nullish(),
  registrationDate: z.string().nullish(),
  status: z.string(),
  statusLabel: z.string(),
  fields: z.record(z.string(), z.string()),
  issues: z.array(EntryIssueSchema).default([]),
  /** Scanned page(s) the entry is on; fields the keyer marked illegible (khó đọc). */
  pageIds: z.array(z.string()).default([]),
  illegibleFields: z.array(z.string()).default([]),
  version: z.number(),
  allowedActions: z.array(z.string()).default([]),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
})
export type EntryView = z.infer<typeof EntryViewSchema>

export const EntrySummarySchema = z.object({
  id: z.string(),
  so: z.number().nullish(),
  trangSo: z.number().nullish(),
  registrationDate: z.string().nullish(),
  subjectName: z.string().nullish(),
  status: z.string(),
  statusLabel: z.string().nullish(),
  version: z.number(),
  updatedAt: z.string().nullish(),
})
export type EntrySummary = z.infer<typeof EntrySummarySchema>

const EntryPage = z.object({ items: z.array(EntrySummarySchema), total: z.coerce.number(), page: z.number(), pageSize: z.number() })

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

export function useEntries(bookId: string, filters: EntryFilters) {
  return useQuery({
    queryKey: entryKeys.list(bookId, filters),
    queryFn: () => requestParsed(EntryPage, `/api/books/${encodeURIComponent(bookId)}/entries`, { query: { ...filters } }),
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
}

export const createEntry = (bookId: string, fields: EntryFields, clientTxnId: string, extras: EntrySaveExtras = {}) =>
  requestParsed(EntryViewSchema, `/api/books/${encodeURIComponent(bookId)}/entries`, { method: 'POST', body: { fields, clientTxnId, ...extras } })

export const updateEntry = (id: string, fields: EntryFields, version: number, extras: Pick<EntrySaveExtras, 'complete'> = {}) =>
  requestParsed(EntryViewSchema, `/api/entries/${encodeURIComponent(id)}`, { method: 'PUT', body: { fields, version, ...extras } })

/** The entry a refused "save and complete" kept as a draft (422 with `saved`), when the answer carries it. */
export function savedDraftOf(error: unknown): EntryView | null {
  if (!(error instanceof HttpError) || error.status !== 422) return null
  const saved = EntryViewSchema.safeParse(error.body.saved)
  return saved.success ? saved.data : null
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
