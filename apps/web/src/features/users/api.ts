import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { requestParsed } from '../../lib/http'

export const UserViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  unitId: z.string().nullish(),
  unitName: z.string().nullish(),
  locked: z.boolean(),
  lockedReason: z.string().nullish(),
  lastLoginAt: z.string().nullish(),
})
export type UserView = z.infer<typeof UserViewSchema>

const UserList = z.object({ items: z.array(UserViewSchema) })
const usersKey = ['users'] as const

export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: async () => (await requestParsed(UserList, '/api/users')).items })
}

export function useLockUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      requestParsed(UserViewSchema, `/api/users/${encodeURIComponent(id)}/lock`, { method: 'POST', body: { reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useUnlockUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => requestParsed(UserViewSchema, `/api/users/${encodeURIComponent(id)}/unlock`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}
