import { describe, expect, it } from 'vitest'
import {
  availableActions,
  EDIT_EFFECTS,
  ENTRY_STATUSES,
  findTransition,
  fourEyesRefusal,
  statusRequiresNoErrors,
  TRANSITIONS,
  type EntryStatus,
} from './workflow'

const keyer = 'u-keyer'
const checker = 'u-checker'
const authors = { keyedBy: keyer, contentChangedBy: keyer }

describe('the transition table', () => {
  it('takes an entry from draft to handed over, each step by the roles the plans name', () => {
    expect(findTransition('draft', 'markKeyed', 'commune_digitizer')?.to).toBe('keyed')
    expect(findTransition('keyed', 'check', 'commune_digitizer')?.to).toBe('checked')
    expect(findTransition('checked', 'approve', 'commune_justice')?.to).toBe('approved')
    expect(findTransition('approved', 'handOver', 'commune_justice')?.to).toBe('handed_over')
    // The digitizer checks but never approves; police and leaders neither check nor approve.
    expect(findTransition('checked', 'approve', 'commune_digitizer')).toBeUndefined()
    for (const role of ['commune_police', 'commune_leader', 'province_officer', 'system_admin'] as const) {
      expect(availableActions('keyed', role)).toEqual([])
    }
  })

  it('returns from keyed, checked or approved to the keyer, always with a reason, and the keyer completes it again', () => {
    for (const from of ['keyed', 'checked', 'approved'] as const) {
      const t = TRANSITIONS.find((x) => x.from === from && x.action === 'return')
      expect(t).toMatchObject({ to: 'returned', reasonRequired: true })
    }
    expect(findTransition('returned', 'markKeyed', 'commune_digitizer')?.to).toBe('keyed')
  })

  it('every status is reachable and every transition lands on a known status', () => {
    const reached = new Set<EntryStatus>(['draft'])
    for (const t of TRANSITIONS) reached.add(t.to)
    expect([...reached].sort()).toEqual(Object.keys(ENTRY_STATUSES).sort())
  })

  it('checking and approving need four eyes and an entry without errors', () => {
    for (const t of TRANSITIONS.filter((x) => x.action === 'check' || x.action === 'approve')) {
      expect(t.fourEyes).toBe(true)
      expect(t.requiresNoErrors).toBe(true)
    }
    expect(statusRequiresNoErrors('checked')).toBe(true)
    expect(statusRequiresNoErrors('approved')).toBe(true)
    expect(statusRequiresNoErrors('draft')).toBe(false)
    expect(statusRequiresNoErrors('returned')).toBe(false)
  })
})

describe('four eyes', () => {
  it('refuses the keyer and the last changer, nobody else', () => {
    expect(fourEyesRefusal(keyer, authors)).toMatch(/bốn mắt/)
    expect(fourEyesRefusal(checker, { keyedBy: keyer, contentChangedBy: checker })).toMatch(/bốn mắt/)
    expect(fourEyesRefusal(checker, authors)).toBeUndefined()
  })

  it('the actions offered leave out the four-eyes ones on one\'s own work and the batch-only handover', () => {
    expect(availableActions('keyed', 'commune_justice', { userId: keyer, authors })).toEqual(['reopen', 'return'])
    expect(availableActions('keyed', 'commune_justice', { userId: checker, authors })).toEqual(['reopen', 'check', 'approve', 'return'])
    expect(availableActions('approved', 'commune_justice', { userId: checker, authors })).toEqual(['return'])
  })
})

describe('edits', () => {
  it('an approved or handed-over entry changed goes back to checked; a handed-over one only with a reason', () => {
    expect(EDIT_EFFECTS.approved).toEqual({ to: 'checked', reasonRequired: false })
    expect(EDIT_EFFECTS.handed_over).toEqual({ to: 'checked', reasonRequired: true })
    expect(EDIT_EFFECTS.draft.to).toBe('draft')
    expect(EDIT_EFFECTS.returned.to).toBe('returned')
  })
})
