import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { DuplicatePairList, DuplicatePairView, JobStarted, type DuplicateDecision, type DuplicatePairStatus } from '@hts/domain'
import type { z } from 'zod'
import { requestParsed } from '../../lib/http'

export type DuplicatePair = z.output<typeof DuplicatePairView>

export const duplicateKeys = { list: (unitId: string | undefined, status: DuplicatePairStatus, page: number) => ['duplicates', unitId ?? '', status, page] as const }

export function useDuplicatePairs(unitId: string | undefined, status: DuplicatePairStatus, page: number) {
  return useQuery({
    queryKey: duplicateKeys.list(unitId, status, page),
    queryFn: () => requestParsed(DuplicatePairList, '/api/duplicates', { query: { ...(unitId && { unitId }), status, page: String(page), pageSize: '20' } }),
  })
}

export function useStartScan() {
  return useMutation({
    mutationFn: (body: { unitId: string; bookId?: string }) => requestParsed(JobStarted, '/api/duplicates/scan', { method: 'POST', body }),
  })
}

export function useDecide() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: DuplicateDecision }) =>
      requestParsed(DuplicatePairView, `/api/duplicates/${encodeURIComponent(id)}/decision`, { method: 'POST', body: decision }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['duplicates'] }),
  })
}
