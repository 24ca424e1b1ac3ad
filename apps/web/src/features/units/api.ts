import { useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { requestParsed } from '../../lib/http'

export const UnitSchema = z.object({
  id: z.string(),
  code: z.string().nullish(),
  name: z.string(),
  level: z.string(),
  parentId: z.string().nullish(),
  validFrom: z.string().nullish(),
  validTo: z.string().nullish(),
  successorIds: z.array(z.string()).nullish(),
  current: z.boolean().nullish(),
})
export type Unit = z.infer<typeof UnitSchema>

const UnitList = z.object({ items: z.array(UnitSchema) })

export const UNIT_LEVELS: Record<string, string> = { province: 'Tỉnh', district: 'Huyện', commune: 'Xã' }

export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: async () => (await requestParsed(UnitList, '/api/units')).items,
    staleTime: 10 * 60_000,
  })
}
