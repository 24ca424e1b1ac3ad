/**
 * The database part of a backup, per engine. PostgreSQL: `pg_dump` in the custom format (a consistent
 * snapshot taken while the server runs) and `pg_restore` in one transaction. PGlite: the engine's own
 * dump of its data directory (`dumpDataDir`, a .tar.gz taken by the process that has it open, while no
 * query runs) and `loadDataDir` into a new directory.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { PartSource } from './format'

export type DumpSource =
  | { engine: 'pglite'; dumpDataDir(): Promise<Blob> }
  | { engine: 'postgres'; url: string }

export type RestoreTarget = { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; url: string }

export const PGLITE_PART = 'pgdata.tar.gz'
export const POSTGRES_PART = 'database.pgdump'

export class ToolError extends Error {}

/** Connection settings for the client tools: the URL without its password, the password in the environment (not on `ps`). */
function clientArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)))
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new ToolError(`Không tìm thấy ${tool} trên PATH. Cài gói postgresql-client (Debian/Ubuntu: sudo apt-get install postgresql-client), cùng phiên bản chính với máy chủ PostgreSQL hoặc mới hơn.`)
          : error,
      ),
    )
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new ToolError(`${tool} thất bại (mã ${code}): ${err.trim()}`))))
  })
}

const majorOf = (text: string) => Number(/(\d+)(?:\.\d+)?/.exec(text)?.[1] ?? 0)

/** pg_dump must be of the server's major version or newer (an older one refuses, or worse, misses objects). */
async function checkDumpVersion(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  let serverMajor: number
  try {
    const row = (await client.query<{ v: string }>('show server_version_num')).rows[0]
    serverMajor = Math.floor(Number(row?.v ?? 0) / 10000)
  } finally {
    await client.end()
  }
  const dumpMajor = majorOf(await run('pg_dump', ['--version'], process.env))
  if (dumpMajor < serverMajor) {
    throw new ToolError(`pg_dump phiên bản ${dumpMajor} cũ hơn máy chủ PostgreSQL ${serverMajor}: cài postgresql-client-${serverMajor} (hoặc mới hơn) rồi chạy lại.`)
  }
}

/** The database part, in `workDir` (PostgreSQL) or in memory (PGlite). */
export async function dumpDatabase(source: DumpSource, workDir: string): Promise<PartSource> {
  if (source.engine === 'pglite') {
    const blob = await source.dumpDataDir()
    return { name: PGLITE_PART, buffer: Buffer.from(await blob.arrayBuffer()) }
  }
  await checkDumpVersion(source.url)
  const file = path.join(workDir, POSTGRES_PART)
  const { dbname, env } = clientArgs(source.url)
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`], env)
  return { name: POSTGRES_PART, file }
}

/** Reads the dump's table of contents: a truncated or foreign file fails here, not at restore time. */
export async function checkPostgresDump(file: string): Promise<number> {
  const list = await run('pg_restore', ['--list', file], process.env)
  return list.split('\n').filter((line) => /^\d+;/.test(line)).length
}

/** What the target holds already; a restore goes into an empty target only (unless forced). */
export async function describeTarget(target: RestoreTarget): Promise<string | undefined> {
  if (target.engine === 'pglite') {
    const pgDir = path.join(target.dataDir, 'pgdata')
    return fs.existsSync(path.join(pgDir, 'PG_VERSION')) ? `thư mục dữ liệu ${pgDir} đã có cơ sở dữ liệu` : undefined
  }
  const client = new pg.Client({ connectionString: target.url })
  await client.connect()
  try {
    const row = (await client.query<{ n: string }>("select count(*)::text as n from information_schema.tables where table_schema = 'public'")).rows[0]
    const tables = Number(row?.n ?? 0)
    return tables > 0 ? `cơ sở dữ liệu PostgreSQL đích đã có ${tables} bảng` : undefined
  } finally {
    await client.end()
  }
}

/** Empties the target (forced restore): PGlite's directory is moved aside, never deleted; PostgreSQL's public schema is dropped. */
export async function clearTarget(target: RestoreTarget): Promise<string> {
  if (target.engine === 'pglite') {
    const pgDir = path.join(target.dataDir, 'pgdata')
    const aside = `${pgDir}.truoc-khoi-phuc-${new Date().toISOString().replace(/[:.]/g, '-')}`
    await fs.promises.rename(pgDir, aside)
    return `thư mục cũ được giữ lại tại ${aside}`
  }
  const client = new pg.Client({ connectionString: target.url })
  await client.connect()
  try {
    await client.query('drop schema public cascade')
    await client.query('create schema public')
  } finally {
    await client.end()
  }
  return 'lược đồ public cũ đã bị xóa'
}

/** Loads the dump (already extracted and verified) into the empty target. */
export async function restoreDatabase(target: RestoreTarget, dumpFile: string): Promise<void> {
  if (target.engine === 'pglite') {
    const pgDir = path.join(target.dataDir, 'pgdata')
    await fs.promises.mkdir(pgDir, { recursive: true })
    const client = await PGlite.create({ dataDir: pgDir, loadDataDir: new Blob([await fs.promises.readFile(dumpFile)]) })
    // A checkpoint writes what the load replayed, so the directory opens cleanly next time.
    await client.query('checkpoint')
    await client.close()
    return
  }
  const { dbname, env } = clientArgs(target.url)
  await run('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', `--dbname=${dbname}`, dumpFile], env)
}
