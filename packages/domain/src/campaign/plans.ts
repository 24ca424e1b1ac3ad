/**
 * A unit's plan for a phase (kế hoạch): written and submitted by the unit, approved or returned
 * with a reason by a level above. The workflow is this table: the server refuses what it does not
 * list, the UI offers only what it lists.
 */

export const PLAN_STATUSES = {
  draft: 'Đang lập',
  submitted: 'Đã gửi, chờ duyệt',
  approved: 'Đã duyệt',
  returned: 'Bị trả lại để sửa',
} as const
export type PlanStatus = keyof typeof PLAN_STATUSES
export const PLAN_STATUS_CODES = Object.keys(PLAN_STATUSES) as [PlanStatus, ...PlanStatus[]]

export const PLAN_ACTIONS = {
  submit: 'Gửi duyệt',
  approve: 'Duyệt',
  return: 'Trả lại',
  reopen: 'Mở lại để sửa',
} as const
export type PlanAction = keyof typeof PLAN_ACTIONS
export const PLAN_ACTION_CODES = Object.keys(PLAN_ACTIONS) as [PlanAction, ...PlanAction[]]

/** Who takes a transition: the plan's own unit, or a unit above it (never the unit itself). */
export type PlanActor = 'own' | 'above'

export interface PlanTransition {
  from: readonly PlanStatus[]
  action: PlanAction
  to: PlanStatus
  actor: PlanActor
  permission: 'plan.edit' | 'plan.approve'
  reasonRequired?: true
}

export const PLAN_TRANSITIONS: readonly PlanTransition[] = [
  { from: ['draft', 'returned'], action: 'submit', to: 'submitted', actor: 'own', permission: 'plan.edit' },
  { from: ['submitted'], action: 'approve', to: 'approved', actor: 'above', permission: 'plan.approve' },
  { from: ['submitted'], action: 'return', to: 'returned', actor: 'above', permission: 'plan.approve', reasonRequired: true },
  // An approved plan that must change goes back to draft and is approved again.
  { from: ['approved'], action: 'reopen', to: 'draft', actor: 'own', permission: 'plan.edit', reasonRequired: true },
]

/** Statuses in which the unit edits its plan; saving a returned plan makes it a draft again. */
export const PLAN_EDITABLE: readonly PlanStatus[] = ['draft', 'returned']
export const PLAN_EDIT_RESULT: PlanStatus = 'draft'

export function findPlanTransition(status: PlanStatus, action: PlanAction): PlanTransition | undefined {
  return PLAN_TRANSITIONS.find((t) => t.action === action && t.from.includes(status))
}

/** The actions a user may take on a plan: by status, permission and whether the plan is their own unit's. */
export function planActions(status: PlanStatus, who: { own: boolean; above: boolean; permissions: ReadonlySet<string> }): PlanAction[] {
  return PLAN_TRANSITIONS.filter((t) => t.from.includes(status) && who.permissions.has(t.permission) && (t.actor === 'own' ? who.own : who.above)).map((t) => t.action)
}
