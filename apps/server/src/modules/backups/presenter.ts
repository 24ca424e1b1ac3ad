import { BACKUP_KINDS, BACKUP_STATUSES, type BackupView } from '@hts/domain'
import type { BackupRow } from './repository'

export function presentBackup(row: BackupRow, offsiteConfigured = false): BackupView {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: BACKUP_KINDS[row.kind],
    status: row.status,
    statusLabel: BACKUP_STATUSES[row.status],
    engine: row.engine,
    path: row.path,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    sha256: row.sha256,
    durationMs: row.duration_ms,
    files: row.files,
    filesCopied: row.files_copied,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    startedBy: row.username,
    error: row.error,
    offsite: offsiteConfigured || row.offsite_at || row.offsite_error ? { copiedAt: row.offsite_at, error: row.offsite_error } : null,
  }
}
