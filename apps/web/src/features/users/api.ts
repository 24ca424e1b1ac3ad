import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { UserList, UserView } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type { UserView } from '@hts/domain'

const usersKey = ['users'] as const

export function useUsers(enabled = true) {
  return useQuery({ queryKey: usersKey, queryFn: async () => (await requestParsed(UserList, '/api/users')).items, enabled })
}

export function useLockUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      requestParsed(UserView, `/api/users/${encodeURIComponent(id)}/lock`, { method: 'POST', body: { reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useUnlockUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => requestParsed(UserView, `/api/users/${encodeURIComponent(id)}/unlock`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}
