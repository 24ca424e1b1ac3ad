/**
 * Population extract uploads never loaded are removed once expired (a day after the upload, or after
 * the last load started from them), hourly by whichever instance claims the period (periodic_runs):
 * the row, and the bytes in the file store unless another row uses the same content. An upload whose
 * load is still queued or running stays. Each removal is audited.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit'
import { lockContent } from '../imports'
import type { PeriodicTask } from '../jobs'
import type { UploadStore } from './uploads'

export const POPULATION_UPLOAD_CLEANUP_TASK = 'population.upload-cleanup'
const HOUR_MS = 60 * 60 * 1000
const BATCH = 200

export interface PopulationCleanupResult {
  uploadsRemoved: number
  filesRemoved: number
  filesKept: number
}

export async function removeExpiredUploads(db: Kysely<Database>, uploads: UploadStore, now = new Date()): Promise<PopulationCleanupResult> {
  const result: PopulationCleanupResult = { uploadsRemoved: 0, filesRemoved: 0, filesKept: 0 }
  const expiredAndIdle = (qb: Kysely<Database>) =>
    qb.selectFrom('population_uploads as u')
      .leftJoin('population_extracts as x', 'x.id', 'u.extract_id')
      .where('u.expires_at', '<', now)
      .where((eb) => eb.or([eb('x.id', 'is', null), eb('x.status', '<>', 'loading')]))
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const candidates = await expiredAndIdle(db).select(['u.id', 'u.file_sha256']).where('u.id', '>', after).orderBy('u.id').limit(BATCH).execute()
    if (candidates.length === 0) return result
    after = candidates[candidates.length - 1]?.id ?? after
    for (const candidate of candidates) {
      await db.transaction().execute(async (trx) => {
        await lockContent(trx, candidate.file_sha256)
        // A load started from it since the query above extended its expiry: then it stays.
        const removed = await trx
          .deleteFrom('population_uploads')
          .where('id', '=', candidate.id)
          .where('expires_at', '<', now)
          .where((eb) => eb.or([eb('extract_id', 'is', null), eb.not(eb.exists(eb.selectFrom('population_extracts as x').select('x.id').whereRef('x.id', '=', 'population_uploads.extract_id').where('x.status', '=', 'loading')))]))
          .returningAll()
          .executeTakeFirst()
        if (!removed) return
        const { fileRemoved, fileKeptFor } = await uploads.dropBytes(trx, removed.file_sha256)
        await recordAudit(trx, null, {
          action: 'population.upload.expire',
          entityType: 'upload',
          entityId: removed.id,
          details: {
            reason: 'Tệp dữ liệu dân cư đã tải lên nhưng không được nạp trong 24 giờ',
            fileName: removed.file_name,
            sha256: removed.file_sha256,
            size: Number(removed.file_size),
            unitId: removed.unit_id,
            uploadedBy: removed.uploaded_by,
            uploadedAt: removed.created_at,
            expiredAt: removed.expires_at,
            extractId: removed.extract_id,
            fileRemoved,
            fileKeptFor,
          },
        })
        result.uploadsRemoved++
        if (fileRemoved) result.filesRemoved++
        else result.filesKept++
      })
    }
  }
}

export function createPopulationUploadCleanupTask(uploads: UploadStore): PeriodicTask {
  return { name: POPULATION_UPLOAD_CLEANUP_TASK, everyMs: HOUR_MS, run: (db) => removeExpiredUploads(db, uploads) }
}
