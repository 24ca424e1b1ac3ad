import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  BookReviewSummary, BulkApproveResult, EntryView as EntryViewSchema, ReconciliationResultPage, ReviewQueuePage,
  type EntryFields, type EntryView, type ReviewFlag, type ReviewStage,
} from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type { ReviewQueueItem, ReviewQueuePage, BookReviewSummary, BulkApproveResult } from '@hts/domain'

export interface ReviewFilters {
  stage: ReviewStage
  bookId?: string
  keyedBy?: string
  flag?: ReviewFlag
  page: number
  pageSize: number
}

export const reviewKeys = {
  all: ['review'] as const,
  queue: (filters: ReviewFilters) => ['review', 'queue', filters] as const,
  book: (bookId: string) => ['review', 'book', bookId] as const,
  reconciliation: (entryId: string) => ['reconciliation', 'entry', entryId] as const,
}

export const fetchReviewQueue = (filters: ReviewFilters) => requestParsed(ReviewQueuePage, '/api/review/queue', { query: { ...filters } })

export function useReviewQueue(filters: ReviewFilters) {
  return useQuery({ queryKey: reviewKeys.queue(filters), queryFn: () => fetchReviewQueue(filters), placeholderData: keepPreviousData })
}

/** The checker's actions that take no edit: check, approve, return (with its reason), complete again. */
export type ReviewAction = 'check' | 'approve' | 'return' | 'markKeyed'

export const takeAction = (entry: Pick<EntryView, 'id' | 'version'>, action: ReviewAction, reason?: string) =>
  requestParsed(EntryViewSchema, `/api/entries/${encodeURIComponent(entry.id)}/transitions`, {
    method: 'POST',
    body: { action, version: entry.version, ...(reason !== undefined && { reason }) },
  })

/**
 * A correction saved and the action taken in one request: taken apart, the correction would make the
 * checker its last author and four eyes would then refuse their approval. The keyer's "complete again"
 * is the save-and-complete of the entry screen.
 */
export const saveWithAction = (entry: Pick<EntryView, 'id' | 'version'>, fields: EntryFields, action: ReviewAction) =>
  requestParsed(EntryViewSchema, `/api/entries/${encodeURIComponent(entry.id)}`, {
    method: 'PUT',
    body: { fields, version: entry.version, ...(action === 'markKeyed' ? { complete: true } : { action }) },
  })

export function useBookReview(bookId: string, enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.book(bookId),
    queryFn: () => requestParsed(BookReviewSummary, `/api/books/${encodeURIComponent(bookId)}/review`),
    enabled: enabled && Boolean(bookId),
  })
}

export function useApproveChecked(bookId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (expectedCount: number) =>
      requestParsed(BulkApproveResult, `/api/books/${encodeURIComponent(bookId)}/approve-checked`, { method: 'POST', body: { expectedCount } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: reviewKeys.book(bookId) })
      void queryClient.invalidateQueries({ queryKey: ['entries', 'list', bookId] })
      void queryClient.invalidateQueries({ queryKey: reviewKeys.all })
    },
  })
}

/**
 * The entry's latest reconciliation result, when it has one: only read, never run from here (running
 * it is a decision of its own, on the reconciliation screens).
 */
export function useEntryReconciliation(entryId: string, enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.reconciliation(entryId),
    queryFn: async () => (await requestParsed(ReconciliationResultPage, '/api/reconciliation/results', { query: { entryId, pageSize: 1 } })).items[0] ?? null,
    enabled,
    staleTime: 60_000,
  })
}
