import { useQuery } from '@tanstack/react-query'
import { DashboardView } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type { DashboardView } from '@hts/domain'

export const DASHBOARD_PATH = '/tien-do'

/** The dashboard of a unit (rolled up from the units below) for a phase; refreshed every minute on a projector. */
export function useDashboard(unitId: string, phaseId: string | undefined, byHistoric: boolean) {
  return useQuery({
    queryKey: ['dashboard', unitId, phaseId ?? '', byHistoric],
    queryFn: () => requestParsed(DashboardView, '/api/dashboard', { query: { unitId, phaseId, byHistoric: byHistoric ? '1' : undefined } }),
    refetchInterval: 60_000,
  })
}
