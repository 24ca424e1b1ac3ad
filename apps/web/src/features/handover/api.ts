import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { BookHandovers, HandoverBatchDetail, HandoverCreated, PendingRehandoverList, UnitHandoverReady, UnitHandoverResult } from '@hts/domain'
import { requestParsed } from '../../lib/http'
import { entryKeys } from '../entries/api'

export type { BookHandovers, HandoverBatchView, HandoverCreated, PendingRehandoverItem, UnitHandoverReady, UnitHandoverResult } from '@hts/domain'

export const handoverKeys = {
  book: (bookId: string) => ['handover', 'book', bookId] as const,
  pending: (bookId: string) => ['handover', 'pending', bookId] as const,
  unit: (unitId: string) => ['handover', 'unit', unitId] as const,
}

const bookPath = (bookId: string) => `/api/books/${encodeURIComponent(bookId)}/handovers`

/** Polled while a batch's PDFs are being built, so its package link appears when they are ready. */
export function useBookHandovers(bookId: string, enabled: boolean) {
  return useQuery({
    queryKey: handoverKeys.book(bookId),
    queryFn: () => requestParsed(BookHandovers, bookPath(bookId)),
    enabled: enabled && Boolean(bookId),
    refetchInterval: (query) => (query.state.data?.items.some((b) => b.pdfs.status === 'building') ? 2000 : false),
  })
}

/** Queues the PDFs of a batch again after their job failed or was cancelled. */
export function useRebuildPdfs() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (batchId: string) => requestParsed(HandoverBatchDetail, `/api/handovers/${encodeURIComponent(batchId)}/pdfs`, { method: 'POST' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['handover'] }),
  })
}

export function usePendingRehandover(bookId: string, enabled: boolean) {
  return useQuery({
    queryKey: handoverKeys.pending(bookId),
    queryFn: () => requestParsed(PendingRehandoverList, `${bookPath(bookId)}/pending-rehandover`),
    enabled: enabled && Boolean(bookId),
  })
}

/** Hands over the approved entries the officer saw: a different count now is refused (409) and nothing changes. */
export function useHandOver(bookId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (expectedCount: number) => requestParsed(HandoverCreated, bookPath(bookId), { method: 'POST', body: { expectedCount } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['handover'] })
      void queryClient.invalidateQueries({ queryKey: ['review'] })
      void queryClient.invalidateQueries({ queryKey: entryKeys.listsOf(bookId) })
    },
  })
}

/** The unit's books with approved entries waiting for handover. */
export function useUnitHandoverReady(unitId: string, enabled: boolean) {
  return useQuery({
    queryKey: handoverKeys.unit(unitId),
    queryFn: () => requestParsed(UnitHandoverReady, `/api/unit-handovers/ready?unitId=${encodeURIComponent(unitId)}`),
    enabled,
  })
}

/** Hands over the whole unit (one batch per book) for the total the officer saw. */
export function useUnitHandOver(unitId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (expectedCount: number) => requestParsed(UnitHandoverResult, '/api/unit-handovers', { method: 'POST', body: { unitId, expectedCount } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['handover'] })
      void queryClient.invalidateQueries({ queryKey: ['review'] })
      void queryClient.invalidateQueries({ queryKey: ['entries'] })
      void queryClient.invalidateQueries({ queryKey: ['books'] })
    },
  })
}
