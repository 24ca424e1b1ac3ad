import { describe, expect, it } from 'vitest'
import { PhaseInput } from '../api/campaign'
import { bookYearInWindow, inWindow, phaseProblems } from './phases'

const PHASE = { name: 'Giai đoạn 1', windowFrom: '1990-01', windowTo: '1999-12', bookTypes: ['KS'], unitIds: null, startsOn: '2026-01-05', deadline: '2026-06-30', unitPriceVnd: 3000 }

describe('phase validation', () => {
  it('accepts a phase and defaults the AQL to the acceptance default', () => {
    expect(phaseProblems(PHASE)).toEqual({})
    expect(PhaseInput.parse(PHASE).aql).toBe(1)
  })

  it('refuses a window backwards, a deadline before the start, a negative or fractional price, in Vietnamese', () => {
    expect(phaseProblems({ ...PHASE, windowFrom: '2000-01' }).windowTo).toMatch(/phải sau hoặc bằng tháng bắt đầu/)
    expect(phaseProblems({ ...PHASE, windowFrom: '1999-12', windowTo: '1999-12' })).toEqual({})
    expect(phaseProblems({ ...PHASE, deadline: '2026-01-04' }).deadline).toMatch(/Hạn hoàn thành/)
    expect(phaseProblems({ ...PHASE, unitPriceVnd: -1 }).unitPriceVnd).toMatch(/không âm/)
    expect(phaseProblems({ ...PHASE, unitPriceVnd: 0.5 }).unitPriceVnd).toBeDefined()
    const parsed = PhaseInput.safeParse({ ...PHASE, windowFrom: '1990-13', aql: 0.7 })
    expect(parsed.success).toBe(false)
    const messages = parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^windowFrom: .*yyyy-mm/), expect.stringMatching(/^aql: .*ISO 2859-1/)]))
    expect(PhaseInput.safeParse({ ...PHASE, bookTypes: [] }).error?.issues[0]?.message).toBe('Chọn ít nhất một loại sổ')
  })
})

describe('phase window', () => {
  const window = { windowFrom: '1990-03', windowTo: '1999-10' }
  it('months inclusive at both ends', () => {
    expect(inWindow(window, { year: 1990, month: 3 })).toBe(true)
    expect(inWindow(window, { year: 1990, month: 2 })).toBe(false)
    expect(inWindow(window, { year: 1999, month: 10 })).toBe(true)
    expect(inWindow(window, { year: 1999, month: 11 })).toBe(false)
  })
  it('a year alone counts when inside the window\'s years; no year belongs to no phase', () => {
    expect(inWindow(window, { year: 1990, month: null })).toBe(true)
    expect(inWindow(window, { year: 1999, month: null })).toBe(true)
    expect(inWindow(window, { year: 2000, month: null })).toBe(false)
    expect(inWindow(window, { year: null, month: null })).toBe(false)
    expect(bookYearInWindow(window, 1995)).toBe(true)
    expect(bookYearInWindow(window, 1989)).toBe(false)
  })
})
