import { z } from 'zod'
import { ROLE_CODES, type Role } from '../permissions'
import { UnitLevelSchema } from './units'

/** What GET /api/auth/me and POST /api/auth/login answer: the signed-in account and what it may do. */
export const RoleSchema = z.enum(ROLE_CODES as [Role, ...Role[]], { message: 'Vai trò không hợp lệ' })

export const MeView = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  role: RoleSchema,
  roleLabel: z.string(),
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string(), level: UnitLevelSchema }),
  permissions: z.array(z.string()).describe('Quyền của vai trò (permissions.ts)'),
  passwordChangeRequired: z.boolean().optional().describe('Phải đổi mật khẩu (POST /api/auth/change-password) trước mọi thao tác khác'),
})
export type MeView = z.infer<typeof MeView>

export const MeResponse = z.object({ user: MeView })
export type MeResponse = z.infer<typeof MeResponse>
