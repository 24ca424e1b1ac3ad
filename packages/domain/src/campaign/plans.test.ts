import { describe, expect, it } from 'vitest'
import { findPlanTransition, PLAN_ACTIONS, PLAN_STATUSES, PLAN_TRANSITIONS, planActions } from './plans'

const commune = { own: true, above: false, permissions: new Set(['plan.edit']) }
const province = { own: false, above: true, permissions: new Set(['plan.edit', 'plan.approve']) }
// A district officer holds both permissions: on its own plan it may not approve.
const districtOwn = { own: true, above: false, permissions: new Set(['plan.edit', 'plan.approve']) }

describe('plan transition table', () => {
  it('draft → submitted → approved, or returned (with a reason) → submitted again; approved reopens to draft', () => {
    expect(findPlanTransition('draft', 'submit')?.to).toBe('submitted')
    expect(findPlanTransition('submitted', 'approve')?.to).toBe('approved')
    expect(findPlanTransition('submitted', 'return')).toMatchObject({ to: 'returned', reasonRequired: true })
    expect(findPlanTransition('returned', 'submit')?.to).toBe('submitted')
    expect(findPlanTransition('approved', 'reopen')).toMatchObject({ to: 'draft', reasonRequired: true })
    expect(findPlanTransition('draft', 'approve')).toBeUndefined()
    expect(findPlanTransition('approved', 'approve')).toBeUndefined()
  })

  it('the unit submits; only a unit above approves or returns, never the unit itself', () => {
    expect(planActions('draft', commune)).toEqual(['submit'])
    expect(planActions('submitted', commune)).toEqual([])
    expect(planActions('submitted', districtOwn)).toEqual([])
    expect(planActions('submitted', province)).toEqual(['approve', 'return'])
    expect(planActions('draft', province)).toEqual([])
    expect(planActions('approved', commune)).toEqual(['reopen'])
  })

  it('names every status and action it uses in Vietnamese', () => {
    for (const t of PLAN_TRANSITIONS) {
      expect(PLAN_ACTIONS[t.action]).toBeTruthy()
      expect(PLAN_STATUSES[t.to]).toBeTruthy()
      for (const from of t.from) expect(PLAN_STATUSES[from]).toBeTruthy()
    }
  })
})
