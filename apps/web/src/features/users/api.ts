import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { NewUserBody, ResetPasswordBody, UpdateUserBody, UserChangeList, UserList, UserView } from '@hts/domain'
import type { z } from 'zod'
import { HttpError, requestParsed } from '../../lib/http'

export type { UserView } from '@hts/domain'

const usersKey = ['users'] as const

/** A request body checked against the domain's schema before it leaves: its Vietnamese message, as the server would answer. */
function checked<T extends z.ZodType>(schema: T, value: z.input<T>): z.output<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'Dữ liệu chưa hợp lệ', {})
  return parsed.data
}

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

export function useCreateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: NewUserBody) => requestParsed(UserView, '/api/users', { method: 'POST', body: checked(NewUserBody, input) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useUpdateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateUserBody }) =>
      requestParsed(UserView, `/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: checked(UpdateUserBody, changes) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

/** The administrator types a temporary password; the answer never carries it back. */
export function useResetPassword() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      requestParsed(UserView, `/api/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST', body: checked(ResetPasswordBody, { password }) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

/** Recent account changes from the audit trail, for the province's officers (who created or changed what). */
export function useUserChanges(enabled: boolean) {
  return useQuery({ queryKey: [...usersKey, 'changes'], queryFn: async () => (await requestParsed(UserChangeList, '/api/users/changes')).items, enabled })
}
