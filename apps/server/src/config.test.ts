import { describe, expect, it } from 'vitest'
import { configProblem, loadConfig } from './config'

describe('DEMO_CLOCK', () => {
  it('sets the reports clock in demo mode only, and must be a time', () => {
    const demo = loadConfig({ DEMO_CLOCK: '2026-12-04T14:00:00+07:00' })
    expect(demo.demoClock?.toISOString()).toBe('2026-12-04T07:00:00.000Z')
    expect(configProblem(demo)).toBeUndefined()
    const production = loadConfig({ DEMO: 'false', DEMO_CLOCK: '2026-12-04T14:00:00+07:00' })
    expect(configProblem(production)).toMatch(/DEMO_CLOCK chỉ dùng trong chế độ demo/)
    expect(configProblem(loadConfig({ DEMO_CLOCK: 'thứ Sáu' }))).toMatch(/DEMO_CLOCK không phải là một thời điểm hợp lệ/)
    expect(loadConfig({}).demoClock).toBeUndefined()
  })
})
