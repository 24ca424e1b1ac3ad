/** Settings every connection of the PostgreSQL pool starts with (PGlite has no JIT and no pool). */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from './engine'

const url = process.env.DATABASE_URL

describe.skipIf(!url)('PostgreSQL connections', () => {
  it('run without JIT compilation, on every connection of the pool', async () => {
    const db = await openDatabase({ databaseUrl: url, dataDir: '/tmp' })
    try {
      // Two connections at once: the setting is a startup option of each, not of the first one only.
      const [a, b] = await Promise.all([0, 1].map(() => db.kysely.transaction().execute(async (trx) => {
        const { rows } = await sql<{ jit: string; pid: number }>`select current_setting('jit') as jit, pg_backend_pid() as pid, pg_sleep(0.05)`.execute(trx)
        return rows[0]
      })))
      expect(a?.pid).not.toBe(b?.pid)
      expect([a?.jit, b?.jit]).toEqual(['off', 'off'])
    } finally {
      await db.close()
    }
  })
})
