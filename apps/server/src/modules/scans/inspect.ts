import { fileTypeFromFile } from 'file-type'
import sharp from 'sharp'
import type { PdfRenderer } from './pdf-renderer'

export const ACCEPTED_TYPES = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
} as const
export type ScanMimeType = keyof typeof ACCEPTED_TYPES

/** A PDF of a whole register is a few hundred pages; far more means a wrong file. */
export const MAX_PAGES_PER_FILE = 2000

export type Inspection =
  | { ok: true; mimeType: ScanMimeType; pageCount: number }
  | { ok: false; reason: string }

const isAccepted = (mime: string): mime is ScanMimeType => Object.prototype.hasOwnProperty.call(ACCEPTED_TYPES, mime)

/**
 * What the bytes are (never the file name) and whether they open: the type from the file's magic
 * bytes, then the page count from pdf.js or sharp, decoding every image page at a tiny size so that
 * a truncated or damaged file is refused now rather than failing later in the background.
 */
export async function inspectScan(filePath: string, pdf: PdfRenderer): Promise<Inspection> {
  const detected = await fileTypeFromFile(filePath)
  if (!detected || !isAccepted(detected.mime)) {
    const what = detected ? `tệp ${detected.ext.toUpperCase()} (${detected.mime})` : 'không nhận dạng được loại tệp'
    return { ok: false, reason: `Không phải ảnh quét hoặc PDF (${what}). Chỉ nhận PDF, JPEG, PNG, TIFF.` }
  }
  const label = ACCEPTED_TYPES[detected.mime]
  if (detected.mime === 'application/pdf') {
    const result = await pdf.inspect(filePath)
    if ('error' in result) return { ok: false, reason: `Tệp PDF bị hỏng, không đọc được (${result.error}). Hãy xuất lại tệp PDF rồi tải lên.` }
    return checkPages(result.pages, detected.mime)
  }
  try {
    const meta = await sharp(filePath, { failOn: 'error' }).metadata()
    const pages = meta.pages ?? 1
    for (let page = 0; page < pages; page++) {
      await sharp(filePath, { page, failOn: 'error', limitInputPixels: 400_000_000 }).resize(16, 16, { fit: 'inside' }).toBuffer()
    }
    return checkPages(pages, detected.mime)
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { ok: false, reason: `Tệp ${label} bị hỏng hoặc không đầy đủ, không đọc được ảnh (${detail}). Hãy quét hoặc sao chép lại tệp.` }
  }
}

function checkPages(pages: number, mimeType: ScanMimeType): Inspection {
  if (pages < 1) return { ok: false, reason: 'Tệp không có trang nào.' }
  if (pages > MAX_PAGES_PER_FILE) {
    return { ok: false, reason: `Tệp có ${pages} trang, quá ${MAX_PAGES_PER_FILE} trang cho một tệp. Hãy chia nhỏ tệp.` }
  }
  return { ok: true, mimeType, pageCount: pages }
}
