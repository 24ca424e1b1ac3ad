import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { BookHandovers, HandoverCreated, PendingRehandoverList } from '@hts/domain'
import { requestParsed } from '../../lib/http'
import { entryKeys } from '../entries/api'

export type { BookHandovers, HandoverBatchView, HandoverCreated, PendingRehandoverItem } from '@hts/domain'

export const handoverKeys = {
  book: (bookId: string) => ['handover', 'book', bookId] as const,
  pending: (bookId: string) => ['handover', 'pending', bookId] as const,
}

const bookPath = (bookId: string) => `/api/books/${encodeURIComponent(bookId)}/handovers`

export function useBookHandovers(bookId: string, enabled: boolean) {
  return useQuery({ queryKey: handoverKeys.book(bookId), queryFn: () => requestParsed(BookHandovers, bookPath(bookId)), enabled: enabled && Boolean(bookId) })
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
