import type { PeriodicTask } from '../jobs'
import type { BackupsService } from './service'

export const BACKUP_SCHEDULE_TASK = 'backups.schedule'

/**
 * The server's own backups (hourly and nightly, BACKUP_*): a look every few minutes at what is due.
 * Two server processes on one database take one backup between them (one running row at a time).
 */
export function createBackupScheduleTask(backups: BackupsService, checkMinutes: number): PeriodicTask {
  return {
    name: BACKUP_SCHEDULE_TASK,
    everyMs: checkMinutes * 60_000,
    async run() {
      const result = await backups.runScheduled()
      if (result) console.log(`Sao lưu theo lịch: ${result.path} (${Math.round(result.sizeBytes / 1024)} KB, ${result.durationMs} ms)`)
      return result
    },
  }
}
