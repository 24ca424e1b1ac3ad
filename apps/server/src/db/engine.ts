import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'
import { PGliteDialect } from './pglite-dialect'

export type EngineName = 'pglite' | 'postgres'

export interface Db {
  kysely: Kysely<Database>
  engine: EngineName
  close(): Promise<void>
}

const DATE_OID = 1082
const INT8_OID = 20
const keepText = (value: string) => value

/** PostgreSQL when DATABASE_URL is set, embedded PGlite in `dataDir` otherwise. Same SQL on both. */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<Db> {
  if (options.databaseUrl) {
    // Calendar dates stay 'yyyy-mm-dd' text: a JS Date would shift them by the server's time zone.
    pg.types.setTypeParser(DATE_OID, keepText)
    pg.types.setTypeParser(INT8_OID, (value: string) => Number(value))
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: Number(process.env.PG_POOL_SIZE ?? 10) })
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { kysely, engine: 'postgres', close: () => kysely.destroy() }
  }
  const pgDir = path.join(options.dataDir, 'pgdata')
  fs.mkdirSync(pgDir, { recursive: true })
  const client = await PGlite.create({ dataDir: pgDir, parsers: { [DATE_OID]: keepText } })
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(client) })
  return { kysely, engine: 'pglite', close: () => kysely.destroy() }
}
