import path from 'node:path'
import type { S3StoreConfig } from '../files'

/** Backups (issue 17), from the environment; see docs/OPERATIONS.md. */
export interface BackupConfig {
  /** BACKUP_DIR: backup files, their checksums and the backup file store `files/`; undefined = DATA_DIR/backups (`backupDirOf`). */
  dir: string | undefined
  /** BACKUP_SCHEDULE: the server backs itself up (default: on outside demo mode). */
  scheduled: boolean
  /** Generations kept per kind (BACKUP_KEEP_HOURLY 24, BACKUP_KEEP_DAILY 14, BACKUP_KEEP_MANUAL 10); 0 hourly = no hourly backups. */
  keep: { hourly: number; daily: number; manual: number; cli: number }
  /** BACKUP_NIGHTLY_HOUR: the nightly backup is taken from this hour on, Vietnam time (default 1). */
  nightlyHour: number
  /** Minutes between two looks at the schedule (BACKUP_CHECK_MINUTES, default 5). */
  checkMinutes: number
  /** BACKUP_FILES: 'copy' (default) copies new files into the backup's store; 'manifest' only lists them (the store is backed up by other means, e.g. bucket replication). */
  filesMode: 'copy' | 'manifest'
  /**
   * BACKUP_S3_BUCKET: every verified backup is also copied to this bucket (modules/backups/offsite.ts),
   * under BACKUP_S3_PREFIX (default "hts-backups/"); endpoint, region and keys: BACKUP_S3_* or else the
   * file store's S3_* settings.
   */
  offsite: S3StoreConfig | undefined
}

function count(value: string | undefined, fallback: number): number {
  const number = Number(value)
  return value !== undefined && value !== '' && Number.isInteger(number) && number >= 0 ? number : fallback
}

export function backupConfigFromEnv(env: NodeJS.ProcessEnv, demo: boolean): BackupConfig {
  const schedule = (env.BACKUP_SCHEDULE ?? '').trim()
  return {
    dir: env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : undefined,
    scheduled: schedule === '' ? !demo : schedule !== 'false' && schedule !== '0',
    keep: { hourly: count(env.BACKUP_KEEP_HOURLY, 24), daily: Math.max(1, count(env.BACKUP_KEEP_DAILY, 14)), manual: Math.max(1, count(env.BACKUP_KEEP_MANUAL, 10)), cli: Math.max(1, count(env.BACKUP_KEEP_MANUAL, 10)) },
    nightlyHour: Math.min(23, count(env.BACKUP_NIGHTLY_HOUR, 1)),
    checkMinutes: Math.max(1, count(env.BACKUP_CHECK_MINUTES, 5)),
    filesMode: env.BACKUP_FILES === 'manifest' ? 'manifest' : 'copy',
    offsite: env.BACKUP_S3_BUCKET
      ? {
          bucket: env.BACKUP_S3_BUCKET,
          prefix: env.BACKUP_S3_PREFIX ?? 'hts-backups/',
          endpoint: env.BACKUP_S3_ENDPOINT || env.S3_ENDPOINT || undefined,
          region: env.BACKUP_S3_REGION || env.S3_REGION || 'us-east-1',
          accessKeyId: env.BACKUP_S3_ACCESS_KEY_ID || env.S3_ACCESS_KEY_ID || undefined,
          secretAccessKey: env.BACKUP_S3_SECRET_ACCESS_KEY || env.S3_SECRET_ACCESS_KEY || undefined,
          forcePathStyle: (env.BACKUP_S3_FORCE_PATH_STYLE ?? env.S3_FORCE_PATH_STYLE) === 'true',
        }
      : undefined,
  }
}

/** Where backups go: BACKUP_DIR, else DATA_DIR/backups (resolved late, so a test server's own DATA_DIR counts). */
export function backupDirOf(config: { dataDir: string; backups: BackupConfig }): string {
  return config.backups.dir ?? path.join(config.dataDir, 'backups')
}
