import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'
import { PGliteDialect } from './pglite-dialect'
import { bufferPoolProblem, sizedBufferPool, storedBytes } from './pglite-pool'

export type EngineName = 'pglite' | 'postgres'

export interface Db {
  kysely: Kysely<Database>
  engine: EngineName
  /** PGlite only: the buffer pool it started with (pglite-pool.ts). */
  bufferPool?: string
  close(): Promise<void>
  /** PGlite only: the engine's own dump of its data directory (.tar.gz), taken while no query or transaction runs (modules/backups). */
  dumpDataDir?(): Promise<Blob>
}

const DATE_OID = 1082
const INT8_OID = 20
const keepText = (value: string) => value

/** PostgreSQL when DATABASE_URL is set, embedded PGlite in `dataDir` otherwise. Same SQL on both. */
/**
 * `role` (PostgreSQL): every connection starts as that role (startup option `-c role=...`, so RESET
 * ROLE stays there): the application role of db/app-role.ts when only the owner's URL is given.
 * `pgliteSharedBuffers` (PGlite): the buffer pool the operator set (PGLITE_SHARED_BUFFERS), else sized to the data.
 */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string; role?: string | undefined; readOnly?: boolean; pgliteSharedBuffers?: string | undefined }): Promise<Db> {
  if (options.databaseUrl) {
    // Calendar dates stay 'yyyy-mm-dd' text: a JS Date would shift them by the server's time zone.
    pg.types.setTypeParser(DATE_OID, keepText)
    pg.types.setTypeParser(INT8_OID, (value: string) => Number(value))
    if (options.role !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.role)) throw new Error(`invalid role name ${options.role}`)
    // A replica's pool refuses writes even if one were sent there by mistake (a hot standby does anyway).
    // No JIT: it compiles any query whose estimate passes jit_above_cost, and the reconciliation's per-value joins on
    // the partitioned extracts are estimated at millions of rows for a few thousand (45 ms of compiling a query of 20
    // ms, measured at 1M people); none of our queries reads enough rows to repay it.
    const settings = ['-c jit=off', ...(options.role ? [`-c role=${options.role}`] : []), ...(options.readOnly ? ['-c default_transaction_read_only=on'] : [])]
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: Number(process.env.PG_POOL_SIZE ?? 10),
      ...(settings.length ? { options: settings.join(' ') } : {}),
    })
    // An idle connection dropped by the server (restart, failover, admin) must not end the process:
    // the pool discards it and opens a new one for the next query.
    pool.on('error', (error) => console.error(`PostgreSQL: kết nối rảnh bị đóng (${error.message}); sẽ mở kết nối mới`))
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { kysely, engine: 'postgres', close: () => kysely.destroy() }
  }
  // A size PGlite cannot take would only say "failed to initialize": say what to write instead.
  const poolProblem = options.pgliteSharedBuffers === undefined ? undefined : bufferPoolProblem(options.pgliteSharedBuffers)
  if (poolProblem) throw new Error(poolProblem)
  const pgDir = path.join(options.dataDir, 'pgdata')
  fs.mkdirSync(pgDir, { recursive: true })
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) await initialiseInWorker(pgDir)
  // The buffer pool fits the data already stored (a province's extract) unless the operator sets it
  // (PGLITE_SHARED_BUFFERS, checked by config.ts; see pglite-pool.ts). Taken whole at start: resident memory
  // 300 MB at 128MB, 1.27 GB at 1GB (measured).
  const bufferPool = options.pgliteSharedBuffers ?? sizedBufferPool(storedBytes(pgDir), os.totalmem())
  const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${bufferPool}`]
  // pg_trgm: trigram indexes of the registry search (migration 0018). Not btree_gin beside it: on
  // PGlite that pair broke trigram matching (measured in issue 12).
  const client = await PGlite.create({ dataDir: pgDir, parsers: { [DATE_OID]: keepText }, extensions: { pg_trgm }, startParams })
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(client) })
  // Holding the dialect's one connection keeps every other query and transaction out during the dump.
  const dumpDataDir = () =>
    kysely.connection().execute(async (connection) => {
      await sql`checkpoint`.execute(connection)
      return client.dumpDataDir('gzip')
    })
  return { kysely, engine: 'pglite', bufferPool, close: () => kysely.destroy(), dumpDataDir }
}

/**
 * A new PGlite data directory is created (initdb) in a worker thread that then exits: initdb's
 * ~450 MB of WebAssembly memory goes with it instead of staying in the server for its lifetime
 * (measured: 822 MB RSS after opening a new directory in-process, 459 MB this way).
 */
async function initialiseInWorker(pgDir: string): Promise<void> {
  const pglite = import.meta.resolve('@electric-sql/pglite')
  const code = `import(${JSON.stringify(pglite)}).then(async ({ PGlite }) => { const c = await PGlite.create({ dataDir: ${JSON.stringify(pgDir)} }); await c.close() })`
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(code, { eval: true })
    worker.on('error', reject)
    worker.on('exit', (exitCode) => (exitCode === 0 ? resolve() : reject(new Error(`PGlite initdb worker exited with code ${exitCode}`))))
  })
}
