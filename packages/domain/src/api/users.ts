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

/** An account's role and unit at one moment of a change (issue 14). */
export const AccountState = z.object({
  role: z.string(),
  roleLabel: z.string(),
  unitId: z.uuid(),
  unitName: z.string().nullable(),
})
export type AccountState = z.infer<typeof AccountState>

/** One account change from the audit trail (create, change of role or unit, lock, unlock...), for the province's officers. */
export const UserChange = z.object({
  id: z.number().int(),
  occurredAt: Timestamp,
  action: z.string().describe('user.create, user.update, user.lock, user.unlock...'),
  actionLabel: z.string(),
  actor: z.object({ id: z.uuid(), username: z.string(), fullName: z.string(), role: z.string() }).nullable(),
  account: z.object({ id: z.uuid(), username: z.string(), fullName: z.string() }).nullable(),
  before: AccountState.nullable(),
  after: AccountState.nullable(),
  reason: z.string().nullable(),
  /** The change gives an account that reads citizens' data (entries, population records). */
  readsCitizenData: z.boolean(),
})
export type UserChange = z.infer<typeof UserChange>

export const UserChangeList = listOf(UserChange)
export type UserChangeList = z.infer<typeof UserChangeList>
