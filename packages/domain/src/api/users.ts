import { z } from 'zod'
import { RoleSchema } from './auth'
import { listOf, Timestamp } from './common'

/** A password as typed: length here, the rest (common, weak, own names) by the server's strength check. */
const NewPassword = z.string().min(10, 'Mật khẩu phải có ít nhất 10 ký tự').max(200, 'Mật khẩu dài quá 200 ký tự')

/** POST /api/users: an account an administrator creates; its password is temporary (changed at first login). */
export const NewUserBody = z.object({
  username: z.string().trim().regex(/^[a-z0-9._-]{3,50}$/i, { message: 'Tên đăng nhập 3-50 ký tự: chữ không dấu, số, dấu chấm, gạch' }),
  fullName: z.string().trim().min(1, 'Chưa nhập họ tên').max(200),
  role: RoleSchema,
  unitId: z.uuid({ message: 'Chưa chọn đơn vị' }),
  password: NewPassword.describe('Mật khẩu tạm thời: người dùng phải đổi ở lần đăng nhập đầu tiên'),
})
export type NewUserBody = z.infer<typeof NewUserBody>

/** PATCH /api/users/:id: what a manager may change on an account (the role must fit the unit, within the manager's powers). */
export const UpdateUserBody = NewUserBody.pick({ fullName: true, role: true, unitId: true }).partial()
export type UpdateUserBody = z.infer<typeof UpdateUserBody>

/** POST /api/users/:id/reset-password: a temporary password the administrator gives; never shown again. */
export const ResetPasswordBody = z.object({ password: NewPassword })
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>

/** POST /api/auth/change-password: one's own password. */
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, 'Chưa nhập mật khẩu hiện tại').max(200),
  newPassword: NewPassword,
})
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>

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
  mustChangePassword: z.boolean().describe('Mật khẩu tạm thời chưa được đổi (tài khoản mới tạo hoặc vừa đặt lại mật khẩu)'),
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
