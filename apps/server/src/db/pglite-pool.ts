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
