/**
 * The separate follow-up list (danh sách theo dõi riêng) of mismatches: the justice officer checks
 * with the police which side is right and guides the citizen to the correction procedure.
 */
export const FOLLOWUP_STATUSES = {
  new: 'Mới',
  verifying: 'Đang xác minh với công an',
  guided: 'Đã hướng dẫn công dân làm thủ tục cải chính',
  resolved_book: 'Đã giải quyết: sổ hộ tịch đúng',
  resolved_population: 'Đã giải quyết: CSDL dân cư đúng',
} as const
export type FollowupStatus = keyof typeof FOLLOWUP_STATUSES
export const FOLLOWUP_STATUS_CODES = Object.keys(FOLLOWUP_STATUSES) as FollowupStatus[]

/** Which status may follow which. A resolved case can be reopened (back to verifying). */
export const FOLLOWUP_TRANSITIONS: Readonly<Record<FollowupStatus, readonly FollowupStatus[]>> = {
  new: ['verifying', 'resolved_book', 'resolved_population'],
  verifying: ['guided', 'resolved_book', 'resolved_population'],
  guided: ['resolved_population', 'resolved_book', 'verifying'],
  resolved_book: ['verifying'],
  resolved_population: ['verifying'],
}

export function isFollowupStatus(value: string): value is FollowupStatus {
  return Object.hasOwn(FOLLOWUP_STATUSES, value)
}

export function isResolved(status: FollowupStatus): boolean {
  return status === 'resolved_book' || status === 'resolved_population'
}

export function canMoveFollowup(from: FollowupStatus, to: FollowupStatus): boolean {
  return FOLLOWUP_TRANSITIONS[from].includes(to)
}
