import { describe, expect, it } from 'vitest'
import { DEFAULT_REPORT_DEADLINES, reminderStartsAt, reportDueAt, reportState, reportWeekOf, vietnamClock, vietnamDay } from './weekly-report'

describe('weekly report deadlines (Vietnam time)', () => {
  it('names a week by its Monday and puts the deadline on its Friday afternoon', () => {
    expect(reportWeekOf('2026-12-04')).toBe('2026-11-30')
    expect(reportWeekOf('2026-12-06')).toBe('2026-11-30')
    expect(reportDueAt('2026-11-30', DEFAULT_REPORT_DEADLINES.commune).toISOString()).toBe('2026-12-04T08:00:00.000Z')
    expect(reportDueAt('2026-11-30', DEFAULT_REPORT_DEADLINES.province).toISOString()).toBe('2026-12-04T10:00:00.000Z')
    expect(reminderStartsAt('2026-11-30').toISOString()).toBe('2026-12-02T17:00:00.000Z')
    // 23:30 UTC on Thursday is already Friday in Vietnam.
    expect(vietnamDay(new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-04')
    expect(vietnamClock('2026-12-03T23:30:00.000Z')).toEqual({ day: '2026-12-04', time: '06:30' })
    expect(vietnamClock(new Date('2026-12-04T08:00:00Z'))).toEqual({ day: '2026-12-04', time: '15:00' })
  })

  it('submitted on time, submitted late, or missing (late after the deadline)', () => {
    const due = new Date('2026-12-04T08:00:00Z')
    expect(reportState(new Date('2026-12-04T07:59:00Z'), due, new Date('2026-12-05T00:00:00Z'))).toEqual({ state: 'submitted', late: false })
    expect(reportState(new Date('2026-12-04T08:01:00Z'), due, new Date('2026-12-05T00:00:00Z'))).toEqual({ state: 'late', late: true })
    expect(reportState(null, due, new Date('2026-12-04T07:00:00Z'))).toEqual({ state: 'missing', late: false })
    expect(reportState(null, due, new Date('2026-12-04T08:00:01Z'))).toEqual({ state: 'missing', late: true })
  })
})
