import { z } from 'zod'
import { listOf, Timestamp } from './common'

/** A user's own open sessions (GET /api/auth/sessions): never the token, nor its hash. */
export const SessionView = z.object({
  id: z.uuid().describe('Mã của phiên (không phải mã đăng nhập): DELETE /api/auth/sessions/:id'),
  createdAt: Timestamp.describe('Lúc đăng nhập'),
  lastSeenAt: Timestamp.describe('Lần hoạt động gần nhất (ghi lại tối đa mỗi phút một lần)'),
  expiresAt: Timestamp.describe('Hết hạn chậm nhất lúc này (thời hạn tối đa của phiên)'),
  ip: z.string().nullable().describe('Địa chỉ đăng nhập'),
  browser: z.string().nullable().describe('Trình duyệt và hệ điều hành, ví dụ "Chrome 131 trên Windows"'),
  current: z.boolean().describe('Phiên của chính yêu cầu này'),
})
export type SessionView = z.infer<typeof SessionView>

export const SessionList = listOf(SessionView).extend({
  idleMinutes: z.number().describe('Phiên không hoạt động quá chừng này phút thì tự kết thúc'),
  lifetimeHours: z.number().describe('Thời hạn tối đa của một phiên'),
})
export type SessionList = z.infer<typeof SessionList>

/** POST /api/auth/sessions/end-others: how many sessions were ended. */
export const SessionsEnded = z.object({ ended: z.number().int().min(0) })
export type SessionsEnded = z.infer<typeof SessionsEnded>
