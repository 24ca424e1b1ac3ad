/**
 * Scope rules of the campaign: a phase belongs to a province and is seen by every unit in it; a
 * plan is seen by its unit and the units above, written by its own unit, approved by a unit above
 * (never by the unit itself).
 */
import { can, PLAN_STATUS_CODES, planActions, type PlanAction, type PlanStatus } from '@hts/domain'
import type { AuthUser } from '../auth'
import type { PlanRow } from './repository'

export const isPlanStatus = (value: string): value is PlanStatus => (PLAN_STATUS_CODES as readonly string[]).includes(value)

export function planRelation(user: AuthUser, scope: ReadonlySet<string>, plan: Pick<PlanRow, 'unit_id'>) {
  return { own: user.unitId === plan.unit_id, above: user.unitId !== plan.unit_id && scope.has(plan.unit_id) }
}

export function allowedPlanActions(user: AuthUser, scope: ReadonlySet<string>, plan: Pick<PlanRow, 'unit_id' | 'status'>): PlanAction[] {
  const permissions = new Set((['plan.edit', 'plan.approve'] as const).filter((p) => can(user, p)))
  return planActions(plan.status, { ...planRelation(user, scope, plan), permissions })
}
