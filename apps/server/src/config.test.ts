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

describe('PGLITE_SHARED_BUFFERS', () => {
  it('is checked before the embedded database starts, so a typo is not taken for a damaged data directory', () => {
    expect(loadConfig({ PGLITE_SHARED_BUFFERS: '512MB' }).pgliteSharedBuffers).toBe('512MB')
    expect(loadConfig({}).pgliteSharedBuffers).toBeUndefined()
    expect(configProblem(loadConfig({ PGLITE_SHARED_BUFFERS: '512MB' }))).toBeUndefined()
    expect(configProblem(loadConfig({ PGLITE_SHARED_BUFFERS: '512 MB' }))).toMatch(/^PGLITE_SHARED_BUFFERS=512 MB không dùng được: viết một số nguyên kèm đơn vị kB, MB hoặc GB/)
    expect(configProblem(loadConfig({ PGLITE_SHARED_BUFFERS: '4GB' }))).toMatch(/từ 128kB đến 1536MB/)
    // PostgreSQL has no use for it.
    expect(configProblem(loadConfig({ PGLITE_SHARED_BUFFERS: '4GB', DATABASE_URL: 'postgres://db/hts' }))).toBeUndefined()
  })
})
