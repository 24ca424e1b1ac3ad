/** PGlite's buffer pool sized to the stored data (pglite-pool.ts): the rule, the measure, and a start with it. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from './engine'
import { bufferPoolProblem, sizedBufferPool, storedBytes } from './pglite-pool'

const MB = 1024 * 1024
const GB = 1024 * MB
const dirs: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-pool-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('sizedBufferPool', () => {
  it('keeps PGlite’s 128MB for a commune’s data', () => {
    expect(sizedBufferPool(0, 24 * GB)).toBe('128MB')
    expect(sizedBufferPool(40 * MB, 24 * GB)).toBe('128MB')
    expect(sizedBufferPool(128 * MB, 24 * GB)).toBe('128MB')
  })

  it('rounds the stored data up to 128MB steps', () => {
    expect(sizedBufferPool(128 * MB + 1, 24 * GB)).toBe('256MB')
    expect(sizedBufferPool(300 * MB, 24 * GB)).toBe('384MB')
  })

  it('takes at most 1536MB and an eighth of the machine’s memory, never less than 128MB', () => {
    // A 1M-people province as the benchmark leaves it: 1.81 GB under base.
    expect(sizedBufferPool(1_809_372_313, 24 * GB)).toBe('1536MB')
    expect(sizedBufferPool(1_809_372_313, 8 * GB)).toBe('1024MB')
    expect(sizedBufferPool(1_809_372_313, 4 * GB)).toBe('512MB')
    expect(sizedBufferPool(1_809_372_313, 1 * GB)).toBe('128MB')
    expect(sizedBufferPool(1_809_372_313, 512 * MB)).toBe('128MB')
  })
})

describe('bufferPoolProblem', () => {
  it('takes a whole number with kB, MB or GB between PostgreSQL\'s least and the largest PGlite starts with', () => {
    for (const setting of ['128kB', '256MB', '1GB', '1536MB']) expect(bufferPoolProblem(setting)).toBeUndefined()
  })

  it('says what to write for a size PGlite could not read or hold', () => {
    for (const setting of ['abc', '256', '256mb', '1.5GB', ' 256MB', '64kB', '2GB', '1537MB']) {
      const problem = bufferPoolProblem(setting)
      expect(problem).toContain(`PGLITE_SHARED_BUFFERS=${setting} không dùng được`)
      expect(problem).toContain('từ 128kB đến 1536MB (ví dụ 512MB)')
    }
  })

  it('stops the start before PGlite does, with that message, and leaves no data directory behind', async () => {
    const dataDir = tempDir()
    await expect(openDatabase({ dataDir, pgliteSharedBuffers: '3GB' })).rejects.toThrow(/PGLITE_SHARED_BUFFERS=3GB không dùng được/)
    expect(fs.existsSync(path.join(dataDir, 'pgdata'))).toBe(false)
  })
})

describe('storedBytes', () => {
  it('adds up every file under base, however deep', () => {
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'base', '1', 'pgsql_tmp'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'base', '1', '1259'), Buffer.alloc(8192))
    fs.writeFileSync(path.join(dir, 'base', '1', 'pgsql_tmp', 't1'), Buffer.alloc(1000))
    // Outside base (the write-ahead log): not data the pool would hold.
    fs.mkdirSync(path.join(dir, 'pg_wal'))
    fs.writeFileSync(path.join(dir, 'pg_wal', '000000010000000000000001'), Buffer.alloc(4096))
    expect(storedBytes(dir)).toBe(9192)
  })

  it('is 0 for a directory PGlite has not initialised', () => {
    expect(storedBytes(tempDir())).toBe(0)
  })
})

/** The pool the running PGlite reports. */
const shownPool = async (db: Db) => (await sql<{ shared_buffers: string }>`show shared_buffers`.execute(db.kysely)).rows[0]?.shared_buffers

describe.skipIf(Boolean(process.env.DATABASE_URL) || os.totalmem() / 8 < 384 * MB)('PGlite started on stored data', () => {
  it('starts with the pool its data asks for, and shows it', async () => {
    const dataDir = tempDir()
    const fresh = await openDatabase({ dataDir })
    expect(fresh.bufferPool).toBe('128MB')
    expect(await shownPool(fresh)).toBe('128MB')
    await fresh.close()
    // 300 MB more under base (a sparse file: no disk used), as if an extract had been loaded.
    const padding = path.join(dataDir, 'pgdata', 'base', '1', 'hts-pool-test')
    fs.writeFileSync(padding, '')
    fs.truncateSync(padding, 300 * MB)
    const grown = await openDatabase({ dataDir })
    try {
      expect(grown.bufferPool).toBe('384MB')
      expect(await shownPool(grown)).toBe('384MB')
      expect((await sql<{ n: number }>`select 1 as n`.execute(grown.kysely)).rows[0]?.n).toBe(1)
    } finally {
      await grown.close()
    }
  }, 60_000)

  it('leaves PGLITE_SHARED_BUFFERS as the operator wrote it', async () => {
    const db = await openDatabase({ dataDir: tempDir(), pgliteSharedBuffers: '256MB' })
    try {
      expect(db.bufferPool).toBe('256MB')
      expect(await shownPool(db)).toBe('256MB')
    } finally {
      await db.close()
    }
  }, 60_000)
})
