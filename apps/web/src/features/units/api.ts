import { useQuery } from '@tanstack/react-query'
import { UnitList, type UnitView } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type Unit = UnitView

export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: async () => (await requestParsed(UnitList, '/api/units')).items,
    staleTime: 10 * 60_000,
  })
}
