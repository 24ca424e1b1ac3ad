import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { BackupHealth, BackupList, BackupStarted } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type { BackupHealth, BackupView } from '@hts/domain'

/** The backups screen (administrators; the province officer's warning links to it). */
export const BACKUPS_PATH = '/sao-luu'

const backupsKey = ['backups'] as const

/** The backups, newest first; polled while one is running. */
export function useBackups() {
  return useQuery({
    queryKey: [...backupsKey, 'list'],
    queryFn: () => requestParsed(BackupList, '/api/backups'),
    refetchInterval: (query) => (query.state.data?.items.some((b) => b.status === 'running') ? 3000 : false),
  })
}

/** The last good backup and its age (the home page's warning). */
export function useBackupHealth(enabled: boolean) {
  return useQuery({ queryKey: [...backupsKey, 'status'], queryFn: () => requestParsed(BackupHealth, '/api/backups/status'), enabled, staleTime: 5 * 60_000 })
}

export function useStartBackup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => requestParsed(BackupStarted, '/api/backups', { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backupsKey }),
  })
}
