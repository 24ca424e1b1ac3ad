/**
 * A fresh PostgreSQL database on the server `adminUrl` points at, for one test file, child server,
 * e2e journey or benchmark; dropped afterwards. PGlite needs none of this (a fresh data directory).
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface ScratchDatabase {
  name: string
  url: string
  /** Waits (up to `waitMs`) for the database's own connections to close, then drops it, forcing the rest. */
  drop(waitMs?: number): Promise<void>
}

export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    async drop(waitMs = 0) {
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      try {
        // pg's pool.end() resolves before its sockets have closed: forcing the drop while they close
        // makes their end() reject (an unhandled error in a test run). Wait for them first.
        for (const deadline = Date.now() + waitMs; Date.now() < deadline; ) {
          const open = await cleanup.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])
          if (open.rows[0]?.n === 0) break
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        await cleanup.query(`drop database if exists ${name} with (force)`)
      } finally {
        await cleanup.end()
      }
    },
  }
}
