/**
 * Uploaded extract files wait on disk (DATA_DIR/tmp/population) between the upload, the mapping
 * step and the load job; only the user who uploaded a file may use it. Files are removed once
 * loaded, and left-over ones after a day.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { cellText, readRows } from '../imports'
import { checkXlsxSafety, readHead, sniffFormat, type SheetFormat } from '../imports'
import { HttpError, notFound } from '../../http/errors'

export interface UploadMeta {
  id: string
  userId: string
  fileName: string
  format: SheetFormat
  size: number
  createdAt: string
}

export interface UploadPreview {
  headers: string[]
  /** Sheet row number of the header row; data starts after it. */
  headerRow: number
  sampleRows: string[][]
}

const UPLOAD_TTL_MS = 24 * 3600 * 1000
const SAMPLE_ROWS = 10

export function createUploadStore(root: string) {
  const dir = path.join(root, 'tmp', 'population')
  const file = (id: string) => path.join(dir, id)
  const metaFile = (id: string) => path.join(dir, `${id}.json`)

  async function sweep(): Promise<void> {
    const names = await fs.promises.readdir(dir).catch(() => [] as string[])
    const now = Date.now()
    for (const name of names) {
      const stat = await fs.promises.stat(path.join(dir, name)).catch(() => undefined)
      if (stat && now - stat.mtimeMs > UPLOAD_TTL_MS) await fs.promises.rm(path.join(dir, name), { force: true })
    }
  }

  return {
    dir,
    async save(userId: string, fileName: string, stream: Readable, truncated: () => boolean): Promise<UploadMeta> {
      await fs.promises.mkdir(dir, { recursive: true })
      await sweep()
      const id = randomUUID()
      await pipeline(stream, fs.createWriteStream(file(id)))
      try {
        if (truncated()) throw new HttpError(413, 'too_large', 'Tệp quá lớn: chia tệp dữ liệu dân cư thành nhiều tệp nhỏ hơn hoặc dùng CSV')
        const format = sniffFormat(fileName, await readHead(file(id)))
        if (format === 'xlsx') await checkXlsxSafety(file(id))
        const meta: UploadMeta = { id, userId, fileName, format, size: (await fs.promises.stat(file(id))).size, createdAt: new Date().toISOString() }
        await fs.promises.writeFile(metaFile(id), JSON.stringify(meta))
        return meta
      } catch (error) {
        await fs.promises.rm(file(id), { force: true })
        throw error
      }
    },

    /** The upload if it exists and belongs to the user; 404 otherwise. */
    async get(userId: string, id: string): Promise<UploadMeta & { path: string }> {
      if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound('Không tìm thấy tệp đã tải lên: tải tệp lên lại')
      const raw = await fs.promises.readFile(metaFile(id), 'utf8').catch(() => undefined)
      const meta = raw ? (JSON.parse(raw) as UploadMeta) : undefined
      if (!meta || meta.userId !== userId) throw notFound('Không tìm thấy tệp đã tải lên (có thể đã quá hạn 24 giờ): tải tệp lên lại')
      return { ...meta, path: file(id) }
    },

    /** Header row (the first row with at least two filled cells) and a few data rows. */
    async preview(meta: UploadMeta & { path: string }): Promise<UploadPreview> {
      let headers: string[] | undefined
      let headerRow = 0
      const sampleRows: string[][] = []
      for await (const row of readRows(meta.path, meta.format)) {
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
    },

    async remove(id: string): Promise<void> {
      await fs.promises.rm(file(id), { force: true })
      await fs.promises.rm(metaFile(id), { force: true })
    },
  }
}
export type UploadStore = ReturnType<typeof createUploadStore>
