import { z } from 'zod'
import { JsonObject, listOf, Timestamp } from './common'
import { BackupHealth } from './backups'

export const JOB_STATUSES = {
  queued: 'Đang chờ',
  running: 'Đang chạy',
  succeeded: 'Hoàn thành',
  failed: 'Thất bại',
  cancelled: 'Đã hủy',
} as const
export type JobStatus = keyof typeof JOB_STATUSES
export const JobStatusSchema = z.enum(Object.keys(JOB_STATUSES) as [JobStatus, ...JobStatus[]])

/** A background job (import, reconciliation, export...) and its progress. */
export const JobView = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: JobStatusSchema,
  statusLabel: z.string(),
  unitId: z.uuid(),
  params: JsonObject,
  progress: JsonObject.describe('Bộ đếm tiến độ, tùy loại tác vụ'),
  result: JsonObject.nullable(),
  error: z.string().nullable(),
  cancelRequested: z.boolean(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
})
export type JobView = z.infer<typeof JobView>

export const JobList = listOf(JobView)
export type JobList = z.infer<typeof JobList>

/** The file-store integrity check was queued (job files.verify). */
export const FilesVerifyStarted = z.object({ jobId: z.uuid(), store: z.enum(['local', 's3']), location: z.string() })
export type FilesVerifyStarted = z.infer<typeof FilesVerifyStarted>

/** The audit chain check was queued (job audit.verify; its result says ok, rows checked and the first broken row). */
export const AuditVerifyStarted = z.object({ jobId: z.uuid() })
export type AuditVerifyStarted = z.infer<typeof AuditVerifyStarted>

/** GET /api/health: 200 when the database and the file store answer, 503 ('unavailable') otherwise. */
export const HealthView = z.object({
  status: z.enum(['ok', 'unavailable']),
  engine: z.enum(['pglite', 'postgres']),
  database: z.object({ ok: z.boolean(), latencyMs: z.number() }),
  store: z.object({ ok: z.boolean(), kind: z.enum(['local', 's3']), latencyMs: z.number() }),
  jobs: z.object({ queued: z.number().int(), running: z.number().int(), oldestQueuedSeconds: z.number().nullable() }).nullable().describe('Hàng đợi tác vụ nền của cả hệ thống; null khi cơ sở dữ liệu không trả lời'),
  backup: BackupHealth,
})
export type HealthView = z.infer<typeof HealthView>
