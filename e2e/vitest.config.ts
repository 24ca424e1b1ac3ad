import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// End-to-end journeys: the real server (PGlite in a temp dir) and headless Chromium, one file at a time.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
  },
})
