import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import type { BackupKind } from '@hts/domain'

type Conn = Kysely<Database> | Transaction<Database>

/** A running backup whose heartbeat is older than this was left by a stopped process. */
const STALE_MINUTES = 5

export async function failStaleRuns(db: Conn): Promise<void> {
  await db
    .updateTable('backups')
    .set({ status: 'failed', error: 'Máy chủ đã dừng trong khi đang sao lưu.', finished_at: new Date() })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', sql<Date>`now() - make_interval(mins => ${STALE_MINUTES})`)
    .execute()
}

export async function insertRunning(db: Conn, values: { kind: BackupKind; engine: 'pglite' | 'postgres'; startedBy: string | null }): Promise<string> {
  const row = await db
    .insertInto('backups')
    .values({ kind: values.kind, engine: values.engine, started_by: values.startedBy })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function beat(db: Conn, id: string): Promise<void> {
  await db.updateTable('backups').set({ heartbeat_at: new Date() }).where('id', '=', id).where('status', '=', 'running').execute()
}

export async function markSucceeded(db: Conn, id: string, values: { path: string; sizeBytes: number; sha256: string; durationMs: number; files: number; filesCopied: number }): Promise<void> {
  await db
    .updateTable('backups')
    .set({ status: 'succeeded', path: values.path, size_bytes: values.sizeBytes, sha256: values.sha256, duration_ms: values.durationMs, files: values.files, files_copied: values.filesCopied, finished_at: new Date(), verified_at: new Date() })
    .where('id', '=', id)
    .execute()
}

/** The off-site copy's outcome (the local backup is good either way). */
export async function markOffsite(db: Conn, id: string, outcome: { error: string | null }): Promise<void> {
  await db.updateTable('backups').set(outcome.error === null ? { offsite_at: new Date(), offsite_error: null } : { offsite_error: outcome.error.slice(0, 2000) }).where('id', '=', id).execute()
}

export async function markFailed(db: Conn, id: string, error: string, durationMs: number): Promise<void> {
  await db.updateTable('backups').set({ status: 'failed', error: error.slice(0, 2000), duration_ms: durationMs, finished_at: new Date() }).where('id', '=', id).execute()
}

/** After a restore: the backup's own row was dumped while "running"; the restored copy says what it became. */
export async function markRestoredRow(db: Conn, id: string, values: { path: string; sizeBytes: number; sha256: string; files: number }): Promise<void> {
  await db
    .updateTable('backups')
    .set({ status: 'succeeded', path: values.path, size_bytes: values.sizeBytes, sha256: values.sha256, files: values.files, finished_at: sql<Date>`coalesce(finished_at, now())`, verified_at: new Date(), error: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute()
}

export async function markPruned(db: Conn, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.updateTable('backups').set({ status: 'pruned' }).where('id', 'in', ids).execute()
}

/** Good backups of a kind beyond the newest `keep`: their files are deleted. */
export async function beyondKeep(db: Conn, kind: BackupKind, keep: number): Promise<{ id: string; path: string | null }[]> {
  return db.selectFrom('backups').select(['id', 'path']).where('kind', '=', kind).where('status', '=', 'succeeded').orderBy('started_at', 'desc').offset(keep).limit(1000).execute()
}

export async function lastSucceeded(db: Conn, kind?: BackupKind): Promise<{ id: string; finished_at: Date | string | null; path: string | null } | undefined> {
  let query = db.selectFrom('backups').select(['id', 'finished_at', 'path']).where('status', '=', 'succeeded')
  if (kind) query = query.where('kind', '=', kind)
  return query.orderBy('finished_at', 'desc').limit(1).executeTakeFirst()
}

export async function listBackups(db: Conn, limit: number) {
  return db
    .selectFrom('backups as b')
    .leftJoin('users as u', 'u.id', 'b.started_by')
    .select(['b.id', 'b.kind', 'b.status', 'b.engine', 'b.path', 'b.size_bytes', 'b.sha256', 'b.duration_ms', 'b.files', 'b.files_copied', 'b.started_at', 'b.finished_at', 'b.error', 'b.offsite_at', 'b.offsite_error', 'u.username'])
    .orderBy('b.started_at', 'desc')
    .limit(limit)
    .execute()
}
export type BackupRow = Awaited<ReturnType<typeof listBackups>>[number]

export async function lastMigration(db: Conn): Promise<string> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db)
  return result.rows[0]?.name ?? ''
}
