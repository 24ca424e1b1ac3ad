/**
 * Who does what with a weekly report: every unit of the scope reads it (campaign.read); only the
 * unit's own people write it, its texts with plan.edit (the justice officer or the leader) and the
 * submission with report.submit (the leader, or the officer of a district or the province for its own
 * level). A submitted report is frozen.
 */
import { can } from '@hts/domain'
import type { AuthUser } from '../auth'

export function reportActions(user: AuthUser, unitId: string, status: 'none' | 'draft' | 'submitted') {
  const own = user.unitId === unitId && status !== 'submitted'
  return { canEdit: own && can(user, 'plan.edit'), canSubmit: own && can(user, 'report.submit') }
}

/** The 403 of a submission by someone without report.submit: who submits, and what the others do instead. */
export const SUBMIT_REFUSAL = 'Chỉ lãnh đạo đơn vị nộp báo cáo tuần. Hãy lưu nội dung báo cáo rồi báo lãnh đạo đơn vị mở trang Báo cáo tuần để nộp.'

/** Whoever writes or submits a unit's report is reminded of it. */
export const mustReport = (user: AuthUser) => can(user, 'campaign.read') && (can(user, 'plan.edit') || can(user, 'report.submit'))
