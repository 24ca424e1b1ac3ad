import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { AgreementReport, ArbitrationList, ArbitrationResult, type ArbitrationBody } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type { AgreementReport, ArbitrationItem } from '@hts/domain'

export const doubleKeyingKeys = {
  all: ['double-keying'] as const,
  arbitration: (bookId?: string) => ['double-keying', 'arbitration', bookId ?? ''] as const,
  agreement: (bookId?: string) => ['double-keying', 'agreement', bookId ?? ''] as const,
}

export function useArbitrationList(bookId?: string) {
  return useQuery({
    queryKey: doubleKeyingKeys.arbitration(bookId),
    queryFn: async () => (await requestParsed(ArbitrationList, '/api/double-keying/arbitration', { query: { ...(bookId && { bookId }) } })).items,
  })
}

export function useAgreement(bookId?: string) {
  return useQuery({
    queryKey: doubleKeyingKeys.agreement(bookId),
    queryFn: () => requestParsed(AgreementReport, '/api/double-keying/agreement', { query: { ...(bookId && { bookId }) } }),
  })
}

export function useArbitrate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ entryId, body }: { entryId: string; body: ArbitrationBody }) =>
      requestParsed(ArbitrationResult, `/api/entries/${encodeURIComponent(entryId)}/arbitration`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: doubleKeyingKeys.all }),
  })
}
