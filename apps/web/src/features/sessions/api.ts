import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { SessionList, SessionsEnded } from '@hts/domain'
import { request, requestParsed } from '../../lib/http'

export type { SessionView } from '@hts/domain'

/** The "Phiên đăng nhập" page, linked from the user menu. */
export const SESSIONS_PATH = '/phien-dang-nhap'

const sessionsKey = ['auth', 'sessions'] as const

/** The signed-in user's open sessions (never their tokens). */
export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => requestParsed(SessionList, '/api/auth/sessions') })
}

/** Ends one of one's own sessions; ending the current one is a logout. */
export function useEndSession() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => request(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  })
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => requestParsed(SessionsEnded, '/api/auth/sessions/end-others', { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  })
}
