import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Every benchmark at a tiny size (bench/benchmarks.test.ts): they run in seconds and only have to
// finish, so none of them rots between measurement sessions. One file; its tests two at a time.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    name: 'bench',
    include: ['bench/**/*.test.ts'],
    // Generous: on a loaded machine the Chromium runs took up to 112 s; a timeout kills the run (benchmarks.test.ts).
    testTimeout: 300_000,
    fileParallelism: false,
    maxWorkers: 1,
    maxConcurrency: 2,
    pool: 'forks',
  },
})
