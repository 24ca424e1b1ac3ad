import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { FollowupBulkTransitionResponse, FollowupDetail, FollowupPage, type FollowupView } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type Followup = FollowupView
export type { FollowupDetail }

export interface FollowupFilters {
  status?: string
  assigneeId?: string
  kind?: string
  q?: string
  from?: string
  to?: string
  page: number
  pageSize: number
}

export function useFollowups(filters: FollowupFilters) {
  return useQuery({
    queryKey: ['followups', 'list', filters],
    queryFn: () => requestParsed(FollowupPage, '/api/followups', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  })
}

export function useFollowup(id: string | undefined) {
  return useQuery({
    queryKey: ['followups', 'detail', id],
    queryFn: () => requestParsed(FollowupDetail, `/api/followups/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  })
}

function useFollowupMutation<T>(call: (input: T) => Promise<FollowupDetail>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (data) => {
      queryClient.setQueryData(['followups', 'detail', data.id], data)
      return queryClient.invalidateQueries({ queryKey: ['followups', 'list'] })
    },
  })
}

export const useTransition = () =>
  useFollowupMutation((input: { id: string; status: string; note?: string; version: number }) =>
    requestParsed(FollowupDetail, `/api/followups/${encodeURIComponent(input.id)}/transition`, { method: 'POST', body: { status: input.status, note: input.note, version: input.version } }))

export const useAssign = () =>
  useFollowupMutation((input: { id: string; assigneeId: string | null; version: number }) =>
    requestParsed(FollowupDetail, `/api/followups/${encodeURIComponent(input.id)}`, { method: 'PATCH', body: { assigneeId: input.assigneeId, version: input.version } }))

export const useAddNote = () =>
  useFollowupMutation((input: { id: string; text: string }) =>
    requestParsed(FollowupDetail, `/api/followups/${encodeURIComponent(input.id)}/notes`, { method: 'POST', body: { text: input.text } }))

/** Moves the chosen cases (each one audited on the server) and refreshes the list. */
export function useBulkTransition() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { ids: string[]; status: string; note?: string }) =>
      requestParsed(FollowupBulkTransitionResponse, '/api/followups/bulk-transition', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['followups'] }),
  })
}
