/**
 * Upgrades (issue 17): a new version's migrations run at start. When a database that already holds
 * data is about to be changed by them, the server first takes a verified backup (kind "manual", audited
 * "via upgrade" with the migrations' names), so a failed or regretted upgrade restores with
 * `npm run restore`. A backup that fails stops the start: nothing is migrated without it, unless the
 * operator says BACKUP_BEFORE_UPGRADE=false (e.g. having taken a PostgreSQL base backup).
 */
import type { Config } from '../../config'
import type { Db } from '../../db/engine'
import { migrateToLatest, migrationState } from '../../db/migrate'
import type { FileStore } from '../files'
import { backupDirOf } from './config'
import { BackupBusyError, createBackupsService, type BackupResult } from './service'

// The backups table arrives with this migration: an older database is backed up by hand (pg_dump, a copy of DATA_DIR).
const BACKUPS_MIGRATION = '0019_backups'
const BUSY_RETRY_MS = 5_000

export type UpgradeReport =
  | { kind: 'fresh' | 'current' }
  | { kind: 'migrated'; pending: string[]; backup: BackupResult | 'skipped' | 'too_old' }

export async function upgradeDatabase(db: Db, config: Config, files: FileStore, env: NodeJS.ProcessEnv = process.env): Promise<UpgradeReport> {
  const { applied, pending } = await migrationState(db)
  if (applied.length === 0) {
    await migrateToLatest(db)
    return { kind: 'fresh' }
  }
  if (pending.length === 0) return { kind: 'current' }
  let backup: BackupResult | 'skipped' | 'too_old' = 'skipped'
  if (env.BACKUP_BEFORE_UPGRADE === 'false' || config.demo) backup = 'skipped'
  else if (!applied.includes(BACKUPS_MIGRATION)) backup = 'too_old'
  else {
    const backups = createBackupsService({ db, files, config: config.backups, dir: backupDirOf(config), databaseUrl: config.databaseUrl })
    try {
      backup = await backups.run('manual', { kind: 'upgrade', pending })
    } catch (error) {
      // Another instance of the new version is taking the same backup: wait for it, then migrate (or find it done).
      if (error instanceof BackupBusyError) {
        await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS))
        return upgradeDatabase(db, config, files, env)
      }
      const reason = error instanceof Error ? error.message : String(error)
      throw new Error(`Không sao lưu được trước khi cập nhật cấu trúc dữ liệu (${pending.length} migration mới), nên chưa cập nhật gì: ${reason}. ` +
        'Hãy sửa lỗi sao lưu rồi khởi động lại; hoặc, nếu đã tự sao lưu (pg_dump, bản sao thư mục dữ liệu), đặt BACKUP_BEFORE_UPGRADE=false.')
    }
  }
  await migrateToLatest(db)
  return { kind: 'migrated', pending, backup }
}
