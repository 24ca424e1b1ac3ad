import { describe, expect, it } from 'vitest'
import { addWorkingDays, forecastFinish, measuredThroughput, paceMeasured, plannedWorkingDays, riskOrder, weekStartOf, workingDaysBetween } from './forecast'
import { campaignCost, costOf } from './cost'

describe('campaign forecast', () => {
  it('computes the plans own example: 1,730,000 entries / (235 units × 100 per day) ≈ 74 working days', () => {
    expect(1_730_000 / (235 * 100)).toBeCloseTo(73.6, 1)
    expect(plannedWorkingDays(1_730_000, 235, 100)).toBe(74)
    expect(plannedWorkingDays(100, 0, 100)).toBeNull()
  })

  it('counts working days Monday to Friday', () => {
    // 2026-12-07 is a Monday.
    expect(workingDaysBetween('2026-12-07', '2026-12-11')).toBe(5)
    expect(workingDaysBetween('2026-12-07', '2026-12-13')).toBe(5)
    expect(workingDaysBetween('2026-12-05', '2026-12-21')).toBe(11)
    expect(workingDaysBetween('2026-12-11', '2026-12-07')).toBe(0)
    expect(addWorkingDays('2026-12-07', 1)).toBe('2026-12-07')
    expect(addWorkingDays('2026-12-07', 5)).toBe('2026-12-11')
    expect(addWorkingDays('2026-12-05', 6)).toBe('2026-12-14')
    expect(addWorkingDays('2026-12-07', 74)).toBe('2027-03-18')
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30')
    expect(weekStartOf('2026-12-07')).toBe('2026-12-07')
  })

  it('measures a unit from its own last four weeks, or from its first day but over two weeks at least', () => {
    const today = '2026-12-07'
    const daily = Array.from({ length: 40 }, (_, i) => ({ day: addDays(today, -40 + i), entries: 50 }))
    const full = measuredThroughput(daily, today)
    expect(full.from).toBe('2026-11-09')
    expect(full.workingDays).toBe(20)
    expect(full.perDay).toBeCloseTo((28 * 50) / 20)
    // Started three days ago with 300 entries: spread over two weeks (10 working days), not 3.
    const fresh = measuredThroughput([{ day: '2026-12-02', entries: 100 }, { day: '2026-12-03', entries: 100 }, { day: '2026-12-04', entries: 100 }], today)
    expect(fresh.workingDays).toBe(10)
    expect(fresh.perDay).toBe(30)
    expect(measuredThroughput([], today).perDay).toBe(0)
  })

  it('flags a unit late when its pace misses the deadline, and ranks the riskiest first', () => {
    const onTime = forecastFinish(1000, 100, '2026-12-07', '2026-12-31')
    expect(onTime).toEqual({ workingDaysNeeded: 10, finishOn: '2026-12-18', late: false, workingDaysLate: 0, insufficientData: false })
    const late = forecastFinish(3000, 100, '2026-12-07', '2026-12-31')
    expect(late.late).toBe(true)
    expect(late.finishOn).toBe('2027-01-15')
    expect(late.workingDaysLate).toBe(11)
    const stalled = forecastFinish(10, 0, '2026-12-07', '2026-12-31')
    expect(stalled).toMatchObject({ finishOn: null, late: true })
    const done = forecastFinish(0, 0, '2026-12-07', '2026-12-31')
    expect(done.late).toBe(false)
    const ranked = [{ ...onTime, remaining: 1000, name: 'a' }, { ...done, remaining: 0, name: 'b' }, { ...stalled, remaining: 10, name: 'c' }, { ...late, remaining: 3000, name: 'd' }].sort(riskOrder)
    expect(ranked.map((r) => r.name)).toEqual(['c', 'd', 'a', 'b'])
  })

  it('has no forecast, rather than "never finishes", for a unit without a completed day of work yet', () => {
    const today = '2026-12-07'
    // Day one: the first entries keyed today, the phase begun today or weeks ago: no pace yet.
    const dayOne = [{ day: today, entries: 12 }]
    expect(measuredThroughput(dayOne, today)).toMatchObject({ perDay: 0, daysWorked: 0 })
    expect(paceMeasured(dayOne, today, today)).toBe(false)
    expect(paceMeasured(dayOne, today, '2026-10-01')).toBe(false)
    // Nothing done yet in a phase begun last week: no pace yet either.
    expect(paceMeasured([], today, '2026-12-01')).toBe(false)
    const noData = forecastFinish(500, 0, today, '2026-12-31', paceMeasured(dayOne, today, today))
    expect(noData).toEqual({ workingDaysNeeded: null, finishOn: null, late: false, workingDaysLate: null, insufficientData: true })
    // One completed day of work is a pace; four weeks of nothing in a phase begun before is a standstill.
    expect(paceMeasured([{ day: '2026-12-04', entries: 3 }], today, today)).toBe(true)
    expect(paceMeasured([{ day: '2026-10-20', entries: 30 }], today, '2026-10-01')).toBe(true)
    expect(forecastFinish(500, 0, today, '2026-12-31', paceMeasured([], today, '2026-10-01'))).toMatchObject({ finishOn: null, late: true, insufficientData: false })
    // Ranked after the units with a pace, before the finished ones.
    const stalled = forecastFinish(10, 0, today, '2026-12-31')
    const onTime = forecastFinish(100, 50, today, '2026-12-31')
    const done = forecastFinish(0, 0, today, '2026-12-31')
    const ranked = [{ ...noData, remaining: 500, name: 'new' }, { ...done, remaining: 0, name: 'done' }, { ...onTime, remaining: 100, name: 'ok' }, { ...stalled, remaining: 10, name: 'stalled' }].sort(riskOrder)
    expect(ranked.map((r) => r.name)).toEqual(['stalled', 'ok', 'new', 'done'])
  })
})

describe('campaign cost', () => {
  it('computes the plans own example: 1,366,849 entries × 3,000 VND ≈ 4.1 billion', () => {
    expect(costOf(1_366_849, 3_000)).toBe(4_100_547_000)
    expect(campaignCost(366_849, 1_366_849, 3_000)).toEqual({ unitPriceVnd: 3_000, toDate: 1_100_547_000, remaining: 3_000_000_000, planned: 4_100_547_000 })
    expect(campaignCost(10, 5, 3_000).remaining).toBe(0)
  })
})

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}
