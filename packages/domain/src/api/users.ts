import { z } from 'zod'
import { listOf, Timestamp } from './common'

/** An account as administrators see it (never its password hash). */
export const UserView = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  role: z.string().describe('Mã vai trò (permissions.ts)'),
  roleLabel: z.string(),
  unitId: z.uuid(),
  unitName: z.string().nullable(),
  locked: z.boolean(),
  lockedReason: z.string().nullable(),
  lastLoginAt: Timestamp.nullable(),
})
export type UserView = z.infer<typeof UserView>

export const UserList = listOf(UserView)
export type UserList = z.infer<typeof UserList>
