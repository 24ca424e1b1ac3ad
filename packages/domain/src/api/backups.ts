import { z } from 'zod'
import { listOf, Timestamp } from './common'

/** Why a backup was taken: the server's schedule (hourly, nightly), an administrator's request, or `npm run backup`. */
export const BACKUP_KINDS = {
  hourly: 'Hằng giờ',
  daily: 'Hằng đêm',
  manual: 'Quản trị viên yêu cầu',
  cli: 'Lệnh npm run backup',
} as const
export type BackupKind = keyof typeof BACKUP_KINDS
export const BackupKindSchema = z.enum(Object.keys(BACKUP_KINDS) as [BackupKind, ...BackupKind[]])

export const BACKUP_STATUSES = {
  running: 'Đang sao lưu',
  succeeded: 'Thành công (đã kiểm tra)',
  failed: 'Thất bại',
  pruned: 'Đã xóa theo hạn giữ',
} as const
export type BackupStatus = keyof typeof BACKUP_STATUSES
export const BackupStatusSchema = z.enum(Object.keys(BACKUP_STATUSES) as [BackupStatus, ...BackupStatus[]])

/** A backup that has no good successor for this long is a warning (province officer's home page, health). */
export const BACKUP_STALE_HOURS = 24

/** One backup the server recorded (table `backups`). */
export const BackupView = z.object({
  id: z.uuid(),
  kind: BackupKindSchema,
  kindLabel: z.string(),
  status: BackupStatusSchema,
  statusLabel: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  path: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  sha256: z.string().nullable(),
  durationMs: z.number().nullable(),
  files: z.number().nullable().describe('Số tệp trong kho tệp tại thời điểm sao lưu'),
  filesCopied: z.number().nullable().describe('Số tệp mới chép sang kho sao lưu'),
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  startedBy: z.string().nullable().describe('Người yêu cầu (tên đăng nhập), hoặc null khi máy chủ tự sao lưu'),
  error: z.string().nullable(),
  offsite: z
    .object({ copiedAt: Timestamp.nullable(), error: z.string().nullable() })
    .nullable()
    .describe('Bản sao ngoài máy (BACKUP_S3_BUCKET): thời điểm đã chép lên kho, hoặc lỗi; null khi không cấu hình'),
})
export type BackupView = z.infer<typeof BackupView>

export const BackupList = listOf(BackupView)
export type BackupList = z.infer<typeof BackupList>

/** The last good backup, for the province officer's warning and /api/health. */
export const BackupHealth = z.object({
  lastSuccessAt: Timestamp.nullable(),
  ageSeconds: z.number().nullable().describe('Tuổi của bản sao lưu tốt gần nhất, giây; null khi chưa có'),
  stale: z.boolean().describe(`true khi chưa có bản sao lưu tốt trong ${BACKUP_STALE_HOURS} giờ qua`),
  scheduled: z.boolean().describe('Máy chủ có tự sao lưu theo lịch không'),
})
export type BackupHealth = z.infer<typeof BackupHealth>

/** POST /api/backups: a backup was started; follow it in GET /api/backups. */
export const BackupStarted = z.object({ id: z.uuid() })
export type BackupStarted = z.infer<typeof BackupStarted>

/** POST /api/backups/cli (`npm run backup` asking the running server): the backup written and verified. */
export const BackupCliResult = z.object({
  id: z.uuid(),
  path: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  durationMs: z.number(),
  files: z.number(),
  filesCopied: z.number(),
})
export type BackupCliResult = z.infer<typeof BackupCliResult>

/** What `npm run backup` tells the server about itself (recorded in the audit row). */
export const BackupCliRequest = z.object({ osUser: z.string().max(200), host: z.string().max(200) })
export type BackupCliRequest = z.infer<typeof BackupCliRequest>
