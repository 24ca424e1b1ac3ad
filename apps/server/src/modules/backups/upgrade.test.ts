/**
 * Upgrades (issue 17): a database holding data whose schema is behind the code is backed up (verified,
 * audited "via upgrade" with the pending migrations) before the migrations run; a failed backup stops
 * the upgrade with nothing migrated; a fresh or current database is not backed up. Both engines.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../config'
import { openDatabase, type Db } from '../../db/engine'
import { migrateTo, migrationState } from '../../db/migrate'
import { createFileStore } from '../files'
import { createScratchDatabase } from '../../test/scratch-database'
import { copyBlankPgliteCluster } from '../../test/pglite-template'
import { upgradeDatabase } from './upgrade'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function database(): Promise<{ db: Db; dataDir: string; databaseUrl: string | undefined }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-upgrade-'))
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }))
  let databaseUrl: string | undefined
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, 'hts_upgrade')
    cleanups.push(() => scratch.drop(2500))
    databaseUrl = scratch.url
  } else {
    await copyBlankPgliteCluster(path.join(dataDir, 'pgdata'))
  }
  const db = await openDatabase({ databaseUrl, dataDir })
  cleanups.push(() => db.close())
  return { db, dataDir, databaseUrl }
}

const configFor = (dataDir: string, databaseUrl: string | undefined, env: NodeJS.ProcessEnv = {}) =>
  loadConfig({ DATA_DIR: dataDir, DEMO: 'false', BACKUP_SCHEDULE: 'false', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...env })

describe('upgrading a database at start', () => {
  it('backs up a database with data before running the new migrations, then migrates', async () => {
    const { db, dataDir, databaseUrl } = await database()
    await migrateTo(db, '0021_duplicates')
    const files = createFileStore({ kind: 'local', root: path.join(dataDir, 'files') })
    const report = await upgradeDatabase(db, configFor(dataDir, databaseUrl), files, {})
    expect(report.kind).toBe('migrated')
    if (report.kind !== 'migrated' || typeof report.backup === 'string') throw new Error(`no backup: ${JSON.stringify(report)}`)
    expect(report.pending[0]).toMatch(/^0022_/)
    expect(fs.existsSync(report.backup.path)).toBe(true)
    expect((await migrationState(db)).pending).toEqual([])
    const audit = await db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'backup.create').execute()
    expect(audit.map((a) => a.details)).toEqual([{ kind: 'manual', via: 'upgrade', pending: report.pending }])
    const row = await db.kysely.selectFrom('backups').select(['status', 'verified_at']).executeTakeFirstOrThrow()
    expect(row.status).toBe('succeeded')
    expect(row.verified_at).not.toBeNull()
    // Current now: started again, nothing to do and no second backup.
    expect(await upgradeDatabase(db, configFor(dataDir, databaseUrl), files, {})).toEqual({ kind: 'current' })
    expect(await db.kysely.selectFrom('backups').select('id').execute()).toHaveLength(1)
  }, 180_000)

  it('migrates nothing when the backup fails, and says how to go on', async () => {
    const { db, dataDir, databaseUrl } = await database()
    await migrateTo(db, '0021_duplicates')
    // The backup directory cannot be created: a file stands where it should be.
    const blocked = path.join(dataDir, 'not-a-dir')
    fs.writeFileSync(blocked, 'x')
    const files = createFileStore({ kind: 'local', root: path.join(dataDir, 'files') })
    await expect(upgradeDatabase(db, configFor(dataDir, databaseUrl, { BACKUP_DIR: path.join(blocked, 'backups') }), files, {})).rejects.toThrow(/chưa cập nhật gì.*BACKUP_BEFORE_UPGRADE=false/s)
    expect((await migrationState(db)).pending[0]).toMatch(/^0022_/)
    // The operator who has a backup of their own says so.
    const report = await upgradeDatabase(db, configFor(dataDir, databaseUrl), files, { BACKUP_BEFORE_UPGRADE: 'false' })
    expect(report).toMatchObject({ kind: 'migrated', backup: 'skipped' })
    expect((await migrationState(db)).pending).toEqual([])
  }, 180_000)

  it('does not back up a fresh database', async () => {
    const { db, dataDir, databaseUrl } = await database()
    const files = createFileStore({ kind: 'local', root: path.join(dataDir, 'files') })
    expect(await upgradeDatabase(db, configFor(dataDir, databaseUrl), files, {})).toEqual({ kind: 'fresh' })
    expect(await db.kysely.selectFrom('backups').select('id').execute()).toEqual([])
  }, 180_000)
})
