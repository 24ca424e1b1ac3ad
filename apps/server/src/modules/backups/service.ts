import { randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BACKUP_STALE_HOURS, type BackupHealth, type BackupKind } from '@hts/domain'
import type { Db } from '../../db/engine'
import { recordAudit, type Actor } from '../audit'
import { createFileStore, type FileStore } from '../files'
import type { BackupConfig } from './config'
import { dumpDatabase, type DumpSource } from './database'
import { snapshotFiles } from './files'
import { BACKUP_EXTENSION, checksumPath, FILES_LIST_NAME, sha256OfPart, writeBackupFile, writeDurably, type BackupManifest } from './format'
import * as repo from './repository'
import { verifyBackupFile } from './verify'
import { createOffsite } from './offsite'

export class BackupBusyError extends Error {
  constructor() {
    super('Một bản sao lưu khác đang chạy; hãy đợi nó xong rồi thử lại.')
  }
}

/** Who asked: a signed-in user, the CLI (its OS user), or nobody (the schedule). */
export type BackupRequester =
  | { kind: 'user'; actor: Actor }
  | { kind: 'cli'; osUser: string; host: string }
  | { kind: 'schedule' }
  /** The server itself, before the migrations of a new version (modules/backups/upgrade.ts). */
  | { kind: 'upgrade'; pending: string[] }

export interface BackupResult {
  id: string
  path: string
  sizeBytes: number
  sha256: string
  durationMs: number
  files: number
  filesCopied: number
}

/** The file the server keeps up to date with the last verified backup (read at start when the data directory is damaged). */
export const LAST_GOOD_FILE = 'last-good.txt'

export interface BackupsDeps {
  db: Db
  /** The live file store (the source of the file manifest). */
  files: FileStore
  config: BackupConfig
  /** The backup directory (backupDirOf). */
  dir: string
  /** PostgreSQL: the owner's URL, for pg_dump (the application role may not read every table). */
  databaseUrl: string | undefined
}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
const stamp = (date: Date) => date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '')

export function createBackupsService({ db, files, config, dir, databaseUrl }: BackupsDeps) {
  let inFlight: Promise<unknown> = Promise.resolve()
  const backupStore = () => createFileStore({ kind: 'local', root: path.join(dir, 'files') })
  const offsite = config.offsite ? createOffsite(config.offsite, path.join(dir, '.offsite-tmp')) : undefined
  /** Proves a request comes from `npm run backup` on this machine (written to DATA_DIR/.hts-server.json, mode 0600). */
  const cliToken = randomBytes(32).toString('hex')

  function dumpSource(): DumpSource {
    if (db.engine === 'pglite') {
      const dump = db.dumpDataDir
      if (!dump) throw new Error('PGlite database without dumpDataDir')
      return { engine: 'pglite', dumpDataDir: () => dump() }
    }
    if (!databaseUrl) throw new Error('Sao lưu PostgreSQL cần DATABASE_URL (tài khoản chủ sở hữu) để chạy pg_dump.')
    return { engine: 'postgres', url: databaseUrl }
  }

  async function begin(kind: BackupKind, requester: BackupRequester): Promise<string> {
    await repo.failStaleRuns(db.kysely)
    try {
      return await db.kysely.transaction().execute(async (trx) => {
        const id = await repo.insertRunning(trx, { kind, engine: db.engine, startedBy: requester.kind === 'user' ? requester.actor.id : null })
        const details =
          requester.kind === 'cli' ? { kind, via: 'cli', osUser: requester.osUser, host: requester.host }
          : requester.kind === 'upgrade' ? { kind, via: 'upgrade', pending: requester.pending }
          : { kind, via: requester.kind }
        await recordAudit(trx, requester.kind === 'user' ? requester.actor : null, { action: 'backup.create', entityType: 'backup', entityId: id, details })
        return id
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw new BackupBusyError()
      throw error
    }
  }

  /** The backup itself: database dump, then the file list (every file the dump names was stored before its row), written, verified. */
  async function write(id: string, kind: BackupKind, started: Date): Promise<BackupResult & { listed: { sha256: string }[] }> {
    await fs.promises.mkdir(dir, { recursive: true })
    const work = await fs.promises.mkdtemp(path.join(dir, '.work-'))
    const target = path.join(dir, `hts-${db.engine}-${kind}-${stamp(started)}-${id.slice(0, 8)}${BACKUP_EXTENSION}`)
    try {
      const migration = await repo.lastMigration(db.kysely)
      const database = await dumpDatabase(dumpSource(), work)
      const store = config.filesMode === 'copy' ? backupStore() : undefined
      const snapshot = await snapshotFiles(files, store, async () => repo.beat(db.kysely, id))
      const listBuffer = Buffer.from(snapshot.list)
      const manifest: BackupManifest = {
        format: 'hts-backup',
        version: 1,
        id,
        kind,
        engine: db.engine,
        createdAt: started.toISOString(),
        migration,
        database: { name: database.name, ...(await sha256OfPart(database)) },
        files: { name: FILES_LIST_NAME, ...(await sha256OfPart({ name: FILES_LIST_NAME, buffer: listBuffer })), count: snapshot.count, mode: config.filesMode, store: files.kind, problems: snapshot.problems.slice(0, 100) },
      }
      await writeBackupFile(target, manifest, [database, { name: FILES_LIST_NAME, buffer: listBuffer }])
      const verified = await verifyBackupFile(target, store)
      return { id, path: target, sizeBytes: verified.size, sha256: verified.sha256, durationMs: Date.now() - started.getTime(), files: snapshot.count, filesCopied: snapshot.copied, listed: verified.files }
    } catch (error) {
      await fs.promises.rm(target, { force: true })
      await fs.promises.rm(checksumPath(target), { force: true })
      throw error
    } finally {
      await fs.promises.rm(work, { recursive: true, force: true })
    }
  }

  /** Deletes the files of good backups beyond the generations kept; the rows stay, marked pruned. */
  async function prune(): Promise<number> {
    let pruned = 0
    for (const kind of ['hourly', 'daily', 'manual', 'cli'] as const) {
      const old = await repo.beyondKeep(db.kysely, kind, Math.max(1, config.keep[kind]))
      for (const row of old) {
        if (row.path && path.dirname(row.path) === dir) {
          await fs.promises.rm(row.path, { force: true })
          await fs.promises.rm(checksumPath(row.path), { force: true })
          // The bucket keeps the same generations; a failure there is logged, the next prune does not retry it.
          if (offsite) await offsite.remove(row.path).catch((error: unknown) => console.error(`backup ${row.id}: xóa bản ngoài máy:`, error))
        }
      }
      await repo.markPruned(db.kysely, old.map((r) => r.id))
      pruned += old.length
    }
    return pruned
  }

  async function run(kind: BackupKind, requester: BackupRequester): Promise<BackupResult> {
    const id = await begin(kind, requester)
    return finish(id, kind)
  }

  async function finish(id: string, kind: BackupKind): Promise<BackupResult> {
    const started = new Date()
    const heartbeat = setInterval(() => void repo.beat(db.kysely, id).catch(() => {}), 30_000)
    heartbeat.unref()
    try {
      const { listed, ...result } = await write(id, kind, started)
      await repo.markSucceeded(db.kysely, id, { path: result.path, sizeBytes: result.sizeBytes, sha256: result.sha256, durationMs: result.durationMs, files: result.files, filesCopied: result.filesCopied })
      await writeDurably(path.join(dir, LAST_GOOD_FILE), `${result.path}\n`)
      if (offsite) await sendOffsite(id, result.path, listed)
      await prune()
      return result
    } catch (error) {
      await repo.markFailed(db.kysely, id, error instanceof Error ? error.message : String(error), Date.now() - started.getTime()).catch(() => {})
      throw error
    } finally {
      clearInterval(heartbeat)
    }
  }

  /** The verified backup to the bucket; its outcome on the row. The files come from the backup's own store (or the live one in 'manifest' mode). */
  async function sendOffsite(id: string, file: string, listed: { sha256: string }[]): Promise<void> {
    if (!offsite) return
    try {
      await offsite.send(file, config.filesMode === 'copy' ? backupStore() : files, listed)
      await repo.markOffsite(db.kysely, id, { error: null })
    } catch (error) {
      await repo.markOffsite(db.kysely, id, { error: `Không chép được lên ${offsite.location}: ${error instanceof Error ? error.message : String(error)}` })
    }
  }

  /** Which scheduled backup is due now, if any: the nightly one first (after `nightlyHour`, Vietnam time), else the hourly one. */
  async function due(now = new Date()): Promise<BackupKind | undefined> {
    const vietnam = new Date(now.getTime() + 7 * 3600_000)
    const lastDaily = await repo.lastSucceeded(db.kysely, 'daily')
    const lastDailyAt = lastDaily?.finished_at ? new Date(lastDaily.finished_at) : undefined
    const todayNight = Date.UTC(vietnam.getUTCFullYear(), vietnam.getUTCMonth(), vietnam.getUTCDate(), config.nightlyHour) - 7 * 3600_000
    if (vietnam.getUTCHours() >= config.nightlyHour && (!lastDailyAt || lastDailyAt.getTime() < todayNight)) return 'daily'
    if (!lastDailyAt || now.getTime() - lastDailyAt.getTime() > 26 * 3600_000) return 'daily'
    if (config.keep.hourly === 0) return undefined
    const lastAny = await repo.lastSucceeded(db.kysely)
    const lastAt = lastAny?.finished_at ? new Date(lastAny.finished_at).getTime() : 0
    return now.getTime() - lastAt >= 55 * 60_000 ? 'hourly' : undefined
  }

  return {
    cliToken,
    /** s3://bucket/prefix of the off-site copies, or undefined when none is configured. */
    offsiteLocation: offsite?.location,
    /** Starts a backup and waits for it (CLI, tests). */
    run,
    /** Starts a backup and returns at once with its id (the admin screen polls the list). */
    async start(kind: BackupKind, requester: BackupRequester): Promise<string> {
      const id = await begin(kind, requester)
      const running = finish(id, kind).catch((error: unknown) => console.error(`backup ${id}:`, error))
      inFlight = Promise.all([inFlight, running])
      return id
    },
    /** The schedule's step (a periodic task every few minutes): takes the backup that is due, if any. */
    async runScheduled(): Promise<BackupResult | undefined> {
      const kind = await due()
      if (!kind) return undefined
      try {
        return await run(kind, { kind: 'schedule' })
      } catch (error) {
        if (error instanceof BackupBusyError) return undefined
        throw error
      }
    },
    due,
    prune,
    /** Waits for backups started in the background (the server's close). */
    idle: () => inFlight.then(() => undefined),
    list: (limit = 200) => repo.listBackups(db.kysely, limit),
    async health(): Promise<BackupHealth> {
      const last = await repo.lastSucceeded(db.kysely)
      const at = last?.finished_at ? new Date(last.finished_at) : null
      const ageSeconds = at ? Math.max(0, Math.round((Date.now() - at.getTime()) / 1000)) : null
      return { lastSuccessAt: at, ageSeconds, stale: ageSeconds === null || ageSeconds > BACKUP_STALE_HOURS * 3600, scheduled: config.scheduled }
    },
    /** Constant-time check of the CLI's token. */
    isCliToken(token: string | undefined): boolean {
      if (!token) return false
      const a = Buffer.from(token)
      const b = Buffer.from(cliToken)
      return a.length === b.length && timingSafeEqual(a, b)
    },
  }
}
export type BackupsService = ReturnType<typeof createBackupsService>

export const cliRequester = (): BackupRequester => ({ kind: 'cli', osUser: os.userInfo().username, host: os.hostname() })
