/**
 * Files uploaded for an import that was analysed but never started are removed after a number of
 * days without activity (UPLOAD_RETENTION_DAYS, default 7): the draft import (its analysis holds a
 * preview of people's data) and, when nothing else refers to the same bytes, the file itself. Run
 * by the job runner at start and daily. Each removal is audited.
 *
 * The file store is shared by content: the same bytes may be another import's file (the same file
 * uploaded again, or imported), a population extract upload, a scan, or an export. The reference check and the deletion happen
 * under a per-content lock that the upload also takes (`lockContent`), so an upload of the same
 * bytes at that moment either waits and stores them again, or is seen as a reference.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { recordAudit } from '../audit'
import type { FileStore } from '../files'
import type { PeriodicTask } from '../jobs'

export const UPLOAD_CLEANUP_TASK = 'imports.upload-cleanup'
const DAY_MS = 24 * 60 * 60 * 1000
const BATCH = 200

/** Serialises, within one transaction, everything that stores or deletes these bytes for an import. */
export async function lockContent(trx: Transaction<Database>, sha256: string): Promise<void> {
  // 60 bits of the hash: a signed bigint key; two contents sharing a key only wait for each other.
  await sql`select pg_advisory_xact_lock(${BigInt(`0x${sha256.slice(0, 15)}`).toString()}::bigint)`.execute(trx)
}

/**
 * Uploads waiting for a later step that keep these bytes: imports and population extract uploads
 * (population/uploads.ts). Both store their bytes under `lockContent`, so a caller holding the lock
 * in `trx` sees every row that needs them.
 */
export async function uploadsKeeping(trx: Transaction<Database>, sha256: string): Promise<string[]> {
  const anImport = await trx.selectFrom('imports').select('id').where('file_sha256', '=', sha256).limit(1).executeTakeFirst()
  const aPopulationUpload = await trx.selectFrom('population_uploads').select('id').where('file_sha256', '=', sha256).limit(1).executeTakeFirst()
  return [...(anImport ? ['import'] : []), ...(aPopulationUpload ? ['population'] : [])]
}

/**
 * Scans, page images and export zips among these hashes (one query each per batch: those tables
 * have no index on their hashes, and an Excel/CSV upload can never become one of them later).
 */
export async function otherUses(db: Kysely<Database>, hashes: string[]): Promise<Map<string, Set<string>>> {
  const uses = new Map<string, Set<string>>()
  const add = (sha: string | null, kind: string) => {
    if (sha && hashes.includes(sha)) uses.set(sha, (uses.get(sha) ?? new Set()).add(kind))
  }
  for (const row of await db.selectFrom('scan_uploads').select('sha256').where('sha256', 'in', hashes).execute()) add(row.sha256, 'scan')
  const pages = await db
    .selectFrom('book_pages')
    .select(['base_sha256', 'image_sha256', 'thumb_sha256'])
    .where((eb) => eb.or([eb('base_sha256', 'in', hashes), eb('image_sha256', 'in', hashes), eb('thumb_sha256', 'in', hashes)]))
    .execute()
  for (const page of pages) for (const sha of [page.base_sha256, page.image_sha256, page.thumb_sha256]) add(sha, 'page')
  const exports = await sql<{ sha: string }>`select result->>'sha256' as sha from jobs where result->>'sha256' in (${sql.join(hashes)})`.execute(db)
  for (const row of exports.rows) add(row.sha, 'export')
  // A handover batch keeps its Excel, manifest and PDF zip in the store: an upload of the same bytes never takes them away.
  const handovers = await db.selectFrom('handover_batches').select(['excel_sha256', 'manifest_sha256', 'pdf_zip_sha256'])
    .where((eb) => eb.or([eb('excel_sha256', 'in', hashes), eb('manifest_sha256', 'in', hashes), eb('pdf_zip_sha256', 'in', hashes)])).execute()
  for (const batch of handovers) for (const sha of [batch.excel_sha256, batch.manifest_sha256, batch.pdf_zip_sha256]) add(sha, 'handover')
  return uses
}

export interface CleanupResult {
  importsRemoved: number
  filesRemoved: number
  filesKept: number
}

/** Removes drafts idle since before `now - retentionDays`, in batches; returns what it did. */
export async function removeAbandonedUploads(db: Kysely<Database>, files: FileStore, retentionDays: number, now = new Date()): Promise<CleanupResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS)
  const result: CleanupResult = { importsRemoved: 0, filesRemoved: 0, filesKept: 0 }
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const candidates = await db
      .selectFrom('imports')
      .select(['id', 'file_sha256'])
      .where('job_id', 'is', null)
      .where('updated_at', '<', cutoff)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()
    if (candidates.length === 0) return result
    after = candidates[candidates.length - 1]?.id ?? after
    const elsewhere = await otherUses(db, [...new Set(candidates.map((c) => c.file_sha256))])
    for (const candidate of candidates) {
      await db.transaction().execute(async (trx) => {
        await lockContent(trx, candidate.file_sha256)
        // Started or analysed again since the query above: not abandoned.
        const removed = await trx.deleteFrom('imports').where('id', '=', candidate.id).where('job_id', 'is', null).where('updated_at', '<', cutoff).returningAll().executeTakeFirst()
        if (!removed) return
        // Other uploads of the same bytes are checked here, under the lock: an upload may have just added one.
        const keptFor = [...(await uploadsKeeping(trx, removed.file_sha256)), ...(elsewhere.get(removed.file_sha256) ?? [])]
        // Inside the transaction, under the lock: an upload of the same bytes waits until we are done.
        const fileRemoved = keptFor.length === 0 && (await files.remove(removed.file_sha256))
        await recordAudit(trx, null, {
          action: 'import.expire',
          entityType: 'import',
          entityId: removed.id,
          details: {
            reason: `Tệp tải lên đã phân tích nhưng không được nhập sau ${retentionDays} ngày`,
            retentionDays,
            fileName: removed.file_name,
            sha256: removed.file_sha256,
            size: Number(removed.file_size),
            unitId: removed.unit_id,
            uploadedBy: removed.created_by,
            uploadedAt: removed.created_at,
            lastActivity: removed.updated_at,
            fileRemoved,
            fileKeptFor: keptFor,
          },
        })
        result.importsRemoved++
        if (fileRemoved) result.filesRemoved++
        else result.filesKept++
      })
    }
  }
}

export function createUploadCleanupTask(files: FileStore, retentionDays: number): PeriodicTask {
  return { name: UPLOAD_CLEANUP_TASK, everyMs: DAY_MS, run: (db) => removeAbandonedUploads(db, files, retentionDays) }
}
