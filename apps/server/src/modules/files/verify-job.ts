import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { z } from 'zod'
import { defineJob, jobKind, type JobHandler } from '../jobs'
import type { FileStore } from './store'

/** Checks the whole store: nothing to say beyond who asked (the job row has it). */
export const FILES_VERIFY_JOB = jobKind('files.verify', 'file.verify', z.object({}))
/** Longest lists kept in the job result; the counters stay exact. */
const LIST_LIMIT = 1000

interface Reference {
  table: 'scan_uploads' | 'book_pages'
  id: string
  bookId: string
  label: string
}

/** Which rows point at a hash (uploads as the original file, pages as base/image/thumbnail), to say what is affected. */
async function referencesOf(db: Kysely<Database>, hashes: string[]): Promise<Map<string, Reference[]>> {
  const refs = new Map<string, Reference[]>()
  if (hashes.length === 0) return refs
  const add = (sha: string, ref: Reference) => refs.set(sha, [...(refs.get(sha) ?? []), ref])
  const uploads = await db.selectFrom('scan_uploads').select(['id', 'book_id', 'sha256', 'file_name']).where('sha256', 'in', hashes).execute()
  for (const u of uploads) add(u.sha256, { table: 'scan_uploads', id: u.id, bookId: u.book_id, label: `Tệp gốc "${u.file_name}"` })
  const pages = await db
    .selectFrom('book_pages')
    .select(['id', 'book_id', 'position', 'base_sha256', 'image_sha256', 'thumb_sha256'])
    .where((eb) => eb.or([eb('base_sha256', 'in', hashes), eb('image_sha256', 'in', hashes), eb('thumb_sha256', 'in', hashes)]))
    .execute()
  for (const p of pages) {
    for (const sha of new Set([p.base_sha256, p.image_sha256, p.thumb_sha256])) {
      if (sha && hashes.includes(sha)) add(sha, { table: 'book_pages', id: p.id, bookId: p.book_id, label: `Ảnh trang ${p.position}` })
    }
  }
  return refs
}

/** Every hash the database points at, so that a file deleted from the store is reported as missing. */
async function referencedHashes(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ sha: string }>`
    select sha256 as sha from scan_uploads
    union select base_sha256 from book_pages where base_sha256 is not null
    union select image_sha256 from book_pages where image_sha256 is not null
    union select thumb_sha256 from book_pages where thumb_sha256 is not null
    union select excel_sha256 from handover_batches
    union select manifest_sha256 from handover_batches`.execute(db)
  return result.rows.map((r) => r.sha)
}

/**
 * Background job 'files.verify': re-reads every stored file and compares its hash with its name,
 * then checks that every file the database refers to exists. Reports corrupt and missing files
 * with what uses them (upload, page).
 */
export function createFilesVerifyJobHandler(store: FileStore): JobHandler {
  return defineJob({
    ...FILES_VERIFY_JOB,
    onInterrupted: 'fail',
    async run(ctx) {
      let checked = 0
      const corrupt: Array<{ sha256: string; actual: string }> = []
      const present = new Set<string>()
      for await (const sha256 of store.list()) {
        const result = await store.verify(sha256)
        checked++
        if (result.status !== 'missing') present.add(sha256)
        if (result.status === 'corrupt') corrupt.push({ sha256, actual: result.actual })
        if (checked % 50 === 0) {
          await ctx.checkpoint()
          await ctx.progress({ checked, corrupt: corrupt.length })
        }
      }
      const missing = (await referencedHashes(ctx.db)).filter((sha) => !present.has(sha))
      const refs = await referencesOf(ctx.db, [...corrupt.map((c) => c.sha256), ...missing].slice(0, LIST_LIMIT))
      await ctx.progress({ checked, corrupt: corrupt.length, missing: missing.length })
      return {
        store: store.kind,
        checked,
        ok: checked - corrupt.length,
        corruptCount: corrupt.length,
        missingCount: missing.length,
        corrupt: corrupt.slice(0, LIST_LIMIT).map((c) => ({ ...c, references: refs.get(c.sha256) ?? [] })),
        missing: missing.slice(0, LIST_LIMIT).map((sha256) => ({ sha256, references: refs.get(sha256) ?? [] })),
        message: corrupt.length + missing.length === 0
          ? `Đã kiểm tra ${checked} tệp: tất cả nguyên vẹn.`
          : `Đã kiểm tra ${checked} tệp: ${corrupt.length} tệp bị thay đổi/hỏng, ${missing.length} tệp bị thiếu. Tải lại tệp gốc cho các trang bị ảnh hưởng.`,
      }
    },
  })
}
