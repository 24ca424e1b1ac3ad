import { z } from 'zod'
import { CalendarDate, listOf } from './common'

export const UNIT_LEVELS = { province: 'Tỉnh', district: 'Huyện', commune: 'Xã' } as const
export type UnitLevel = keyof typeof UNIT_LEVELS
export const UnitLevelSchema = z.enum(Object.keys(UNIT_LEVELS) as [UnitLevel, ...UnitLevel[]])

/** An administrative unit in the user's scope, also the ones merged away (current: false). */
export const UnitView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  level: UnitLevelSchema,
  parentId: z.uuid().nullable(),
  validFrom: CalendarDate.nullable(),
  validTo: CalendarDate.nullable(),
  successorIds: z.array(z.uuid()).describe('Đơn vị kế thừa sau sáp nhập'),
  current: z.boolean().describe('Còn hiệu lực hôm nay'),
})
export type UnitView = z.infer<typeof UnitView>

export const UnitList = listOf(UnitView)
export type UnitList = z.infer<typeof UnitList>
