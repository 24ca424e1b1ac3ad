import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { MeResponse, type ChangePasswordBody, type MeView } from '@hts/domain'
import { HttpError, request, requestParsed } from '../../lib/http'

export type Me = MeView

export const meQueryKey = ['auth', 'me'] as const

/** Where one changes one's own password, and where an account with a temporary password is sent. */
export const CHANGE_PASSWORD_PATH = '/doi-mat-khau'

/** The signed-in user, or null when there is no session (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const res = await requestParsed(MeResponse, '/api/auth/me', { redirectOn401: false })
    return res.user
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) return null
    throw err
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false })
}

export function hasPermission(me: Me, permission: string): boolean {
  return me.permissions.includes(permission)
}

export interface LoginInput {
  username: string
  password: string
}

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (input: LoginInput) => {
      const res = await requestParsed(MeResponse, '/api/auth/login', { method: 'POST', body: input, redirectOn401: false })
      return res.user
    },
    onSuccess: (user) => {
      queryClient.clear()
      queryClient.setQueryData(meQueryKey, user)
    },
  })
}

/** Logs out, then reloads the login page so that no citizen data stays in the tab's memory. */
export function useLogout() {
  return useMutation({
    mutationFn: () => request('/api/auth/logout', { method: 'POST', redirectOn401: false }),
    onSettled: () => window.location.assign('/dang-nhap'),
  })
}

/** One's own password; the session goes on, and /me no longer asks for a change. */
export function useChangePassword() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChangePasswordBody) => request('/api/auth/change-password', { method: 'POST', body: input }),
    onSuccess: () => {
      // At once, so the guard lets the user through before /me is read again.
      queryClient.setQueryData<Me | null>(meQueryKey, (me) => (me ? { ...me, passwordChangeRequired: false } : me))
      return queryClient.invalidateQueries({ queryKey: meQueryKey })
    },
  })
}
