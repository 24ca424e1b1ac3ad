/**
 * PGlite's buffer pool, sized at start to the data it holds. At 1M people with the default 128MB, a
 * reconciliation read 3.6 million pages through Emscripten's file system and took 49-50 s; with 1536MB,
 * 0.14-0.21 million pages and 36.6-37.6 s (issue 15, docs/PERFORMANCE.md). The pool is taken whole at
 * start, so a small commune keeps PGlite's 128MB and a large one takes at most an eighth of the machine's
 * memory. 1536MB is the largest size measured to start and load an extract: 2GB does not start (PGlite
 * is 32-bit WebAssembly, and the pool shares its address space with everything else).
 */
import fs from 'node:fs'
import path from 'node:path'

const MB = 1024 * 1024
/** PGlite's own default, and the step a size is rounded up to. */
const STEP = 128 * MB
const LARGEST = 1536 * MB
/** PostgreSQL's own least `shared_buffers` (16 pages of 8kB). */
const SMALLEST = 128 * 1024
const UNIT_BYTES = { kB: 1024, MB, GB: 1024 * MB } as const

/** Bytes of the files under the data directory's `base` (tables and indexes of every database). */
export function storedBytes(pgDir: string): number {
  const base = path.join(pgDir, 'base')
  if (!fs.existsSync(base)) return 0
  let total = 0
  for (const file of fs.readdirSync(base, { recursive: true, encoding: 'utf8' })) {
    const stat = fs.statSync(path.join(base, file))
    if (stat.isFile()) total += stat.size
  }
  return total
}

/**
 * The pool for `stored` bytes of data: rounded up to 128MB, at most an eighth of the machine's memory and
 * 1536MB, never less than PGlite's 128MB (PGLITE_SHARED_BUFFERS, when set, is used instead: engine.ts).
 */
export function sizedBufferPool(stored: number, totalMemory: number): string {
  const cap = Math.min(LARGEST, Math.floor(totalMemory / 8 / STEP) * STEP)
  const pool = Math.max(STEP, Math.min(Math.ceil(stored / STEP) * STEP, cap))
  return `${pool / MB}MB`
}

/**
 * Why PGLITE_SHARED_BUFFERS cannot be used (in Vietnamese, saying what to write), or undefined. PGlite
 * refuses a size it cannot read or hold only with "PGlite failed to initialize properly", which the start
 * would take for a damaged data directory: so the setting is checked before (config.ts).
 */
export function bufferPoolProblem(setting: string): string | undefined {
  const parsed = /^(\d+)(kB|MB|GB)$/.exec(setting)
  const bytes = parsed ? Number(parsed[1]) * UNIT_BYTES[parsed[2] as keyof typeof UNIT_BYTES] : Number.NaN
  if (bytes >= SMALLEST && bytes <= LARGEST) return undefined
  return `PGLITE_SHARED_BUFFERS=${setting} không dùng được: viết một số nguyên kèm đơn vị kB, MB hoặc GB, từ 128kB đến ${LARGEST / MB}MB (ví dụ 512MB), hoặc bỏ biến này để máy chủ tự chọn theo dữ liệu.`
}
