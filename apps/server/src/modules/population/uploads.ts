/**
 * Uploaded extract files between the upload, the mapping step and the load job (issue 17): the bytes
 * in the shared file store by sha256, the rest (with the header row and a few sample rows read at
 * upload) in `population_uploads`, so that any server instance shows the upload and runs its load.
 * Only the user who uploaded a file may use it, while in the same unit. A loaded upload is removed by
 * its job, one not loaded after a day by upload-cleanup.ts; the bytes go with the row unless another
 * row needs the same content (checked under the imports module's content lock, which stores take too).
 */
import fs from 'node:fs'
import type { Readable } from 'node:stream'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { z } from 'zod'
import type { Database, PopulationUploadsTable } from '../../db/schema'
import { conflict, HttpError, notFound } from '../../http/errors'
import type { AuthUser } from '../auth'
import { spoolToFile, type FileStore } from '../files'
import { cellText, checkXlsxSafety, lockContent, otherUses, readHead, readRows, sniffFormat, uploadsKeeping, type SheetFormat } from '../imports'

/** An upload not loaded is kept this long; starting a load from it keeps it as long again (a retry after a failed load). */
export const UPLOAD_TTL_MS = 24 * 3600 * 1000
const SAMPLE_ROWS = 10
const GONE = 'Không tìm thấy tệp đã tải lên (có thể đã quá hạn 24 giờ): tải tệp lên lại'

export const UploadPreview = z.object({
  headers: z.array(z.string()),
  /** Sheet row number of the header row; data starts after it. */
  headerRow: z.number().int(),
  sampleRows: z.array(z.array(z.string())),
})
export type UploadPreview = z.infer<typeof UploadPreview>

export interface UploadMeta {
  id: string
  userId: string
  unitId: string
  fileName: string
  format: SheetFormat
  size: number
  sha256: string
  preview: UploadPreview
}

/** A checked file spooled next to the store, not kept yet; `discard` removes what is left of it. */
export interface ReceivedUpload {
  path: string
  sha256: string
  size: number
  fileName: string
  format: SheetFormat
  preview: UploadPreview
  discard(): Promise<void>
}

const metaOf = (row: Selectable<PopulationUploadsTable>): UploadMeta => ({
  id: row.id,
  userId: row.uploaded_by,
  unitId: row.unit_id,
  fileName: row.file_name,
  format: row.file_format,
  size: Number(row.file_size),
  sha256: row.file_sha256,
  preview: UploadPreview.parse(row.preview),
})

/** Header row (the first row with at least two filled cells) and a few data rows. */
async function readPreview(filePath: string, format: SheetFormat): Promise<UploadPreview> {
  let headers: string[] | undefined
  let headerRow = 0
  const sampleRows: string[][] = []
  for await (const row of readRows(filePath, format)) {
    const cells = row.cells.map(cellText)
    if (!headers) {
      if (cells.filter((c) => c.trim() !== '').length >= 2) {
        headers = cells.map((c) => c.trim())
        headerRow = row.rowNumber
      } else if (row.rowNumber > 50) break
      continue
    }
    if (cells.some((c) => c.trim() !== '')) sampleRows.push(cells)
    if (sampleRows.length >= SAMPLE_ROWS) break
  }
  if (!headers) throw new HttpError(422, 'file_invalid', 'Không thấy dòng tiêu đề cột trong 50 dòng đầu của tệp: dòng đầu tiên của bảng phải là tên các cột (Họ tên, Ngày sinh...)')
  return { headers, headerRow, sampleRows }
}

export function createUploadStore(db: Kysely<Database>, files: FileStore) {
  /**
   * What a removed row leaves: the bytes are removed unless another row keeps them, an import or
   * population upload, or a scan, page, export or handover with the same content (call under lockContent).
   */
  async function dropBytes(trx: Transaction<Database>, sha256: string): Promise<{ fileRemoved: boolean; fileKeptFor: string[] }> {
    const fileKeptFor = [...(await uploadsKeeping(trx, sha256)), ...((await otherUses(trx, [sha256])).get(sha256) ?? [])]
    const fileRemoved = fileKeptFor.length === 0 && (await files.remove(sha256))
    return { fileRemoved, fileKeptFor }
  }

  return {
    dropBytes,

    /** Spools the file next to the store, checks it is a readable .xlsx/.csv within the limit, reads its header. */
    async receive(fileName: string, stream: Readable, truncated: () => boolean): Promise<ReceivedUpload> {
      const tooLarge = () => new HttpError(413, 'too_large', 'Tệp quá lớn: chia tệp dữ liệu dân cư thành nhiều tệp nhỏ hơn hoặc dùng CSV')
      const spooled = await spoolToFile(stream, files.tempDir).catch((error: unknown) => {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge()
        throw error
      })
      const discard = () => fs.promises.rm(spooled.path, { force: true })
      try {
        if (truncated()) throw tooLarge()
        const format = sniffFormat(fileName, await readHead(spooled.path))
        if (format === 'xlsx') await checkXlsxSafety(spooled.path)
        const preview = await readPreview(spooled.path, format)
        return { ...spooled, fileName: fileName.slice(0, 300), format, preview, discard }
      } catch (error) {
        await discard()
        throw error
      }
    },

    /** Inside the caller's transaction: the bytes into the store (under the content lock) and the row. */
    async keep(trx: Transaction<Database>, user: AuthUser, received: ReceivedUpload): Promise<UploadMeta> {
      // The clean-ups delete bytes under the same lock: these stay until the row below commits.
      await lockContent(trx, received.sha256)
      await files.putFile(received.path, { sha256: received.sha256, size: received.size })
      const row = await trx
        .insertInto('population_uploads')
        .values({
          unit_id: user.unitId,
          uploaded_by: user.id,
          file_name: received.fileName,
          file_format: received.format,
          file_size: received.size,
          file_sha256: received.sha256,
          preview: JSON.stringify(received.preview),
          expires_at: new Date(Date.now() + UPLOAD_TTL_MS),
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      return metaOf(row)
    },

    /** The upload if it exists, has not expired and belongs to the user in their unit; 404 otherwise. */
    async get(user: AuthUser, id: string): Promise<UploadMeta> {
      if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound('Không tìm thấy tệp đã tải lên: tải tệp lên lại')
      const row = await db
        .selectFrom('population_uploads')
        .selectAll()
        .where('id', '=', id)
        .where('uploaded_by', '=', user.id)
        .where('unit_id', '=', user.unitId)
        .where('expires_at', '>', new Date())
        .executeTakeFirst()
      if (!row) throw notFound(GONE)
      return metaOf(row)
    },

    /** For the load job, which was authorised when it was queued: the upload whatever its age. */
    async find(id: string): Promise<UploadMeta | undefined> {
      const row = await db.selectFrom('population_uploads').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? metaOf(row) : undefined
    },

    /**
     * Inside createExtract's transaction: the upload now feeds this extract's load, and is kept another
     * day from now. Refused while a load of it is still running; 404 when it went meanwhile.
     */
    async startLoad(trx: Transaction<Database>, upload: UploadMeta, extractId: string): Promise<void> {
      const current = await trx
        .selectFrom('population_uploads as u')
        .leftJoin('population_extracts as x', 'x.id', 'u.extract_id')
        .select(['u.id', 'x.status'])
        .where('u.id', '=', upload.id)
        .forUpdate('u')
        .executeTakeFirst()
      if (!current) throw notFound(GONE)
      if (current.status === 'loading') throw conflict('Tệp này đang được nạp: chờ lần nạp đó xong (xem tiến độ ở danh sách dữ liệu dân cư)')
      await trx.updateTable('population_uploads').set({ extract_id: extractId, expires_at: new Date(Date.now() + UPLOAD_TTL_MS) }).where('id', '=', upload.id).execute()
    },

    /** After a successful load: the row goes, and the bytes unless another row keeps them. */
    async release(id: string): Promise<{ fileRemoved: boolean; fileKeptFor: string[] } | undefined> {
      const row = await db.selectFrom('population_uploads').select('file_sha256').where('id', '=', id).executeTakeFirst()
      if (!row) return undefined
      return db.transaction().execute(async (trx) => {
        await lockContent(trx, row.file_sha256)
        const removed = await trx.deleteFrom('population_uploads').where('id', '=', id).returning('file_sha256').executeTakeFirst()
        return removed ? dropBytes(trx, removed.file_sha256) : undefined
      })
    },
  }
}
export type UploadStore = ReturnType<typeof createUploadStore>
