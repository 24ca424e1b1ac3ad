/**
 * What an uploaded file is, and whether it is safe to open, before any parser touches it:
 * old .xls is refused with a way out, an .xlsx (a zip) is inflated once with hard limits
 * (zip bombs, `../` entry names) and its XML parts may not declare a DTD (entity bombs).
 */
import fs from 'node:fs'
import yauzl from 'yauzl'
import { HttpError } from '../../http/errors'

export type SheetFormat = 'xlsx' | 'csv'

export const IMPORT_LIMITS = {
  /** Upload size (bytes); IMPORT_MAX_MB overrides. */
  maxUploadBytes: Number(process.env.IMPORT_MAX_MB ?? 100) * 1024 * 1024,
  /** Sum of the inflated parts of an .xlsx (~1 kB of sheet XML a row: 1 GB is ~950,000 rows); IMPORT_MAX_INFLATED_MB overrides. */
  maxInflatedBytes: Number(process.env.IMPORT_MAX_INFLATED_MB ?? 1024) * 1024 * 1024,
  maxEntries: 10_000,
  /** Inflated / compressed above this (for parts over 1 MB) is a zip bomb, not a spreadsheet. */
  maxRatio: 200,
} as const

export const fileError = (message: string) => new HttpError(422, 'file_invalid', message)

const SAVE_AS_XLSX =
  'Tệp .xls (Excel 97-2003) không được hỗ trợ: mở tệp bằng Excel hoặc LibreOffice, chọn "Lưu thành" (Save As) kiểu "Excel Workbook (.xlsx)", rồi tải tệp .xlsx lên lại.'
const UNSAFE_PATH = (name: string) => `Tệp nén chứa đường dẫn không hợp lệ ("${name}"): tệp bị từ chối vì lý do an toàn.`
export const BROKEN_XLSX = 'Tệp Excel bị hỏng hoặc không đầy đủ (có thể việc tải lên hoặc sao chép bị ngắt giữa chừng): mở lại tệp bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.'

/** Decides the format from the first bytes (the name can lie), refusing what we cannot read. */
export function sniffFormat(fileName: string, head: Buffer): SheetFormat {
  const lower = fileName.toLowerCase()
  const isZip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04
  const isOle = head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0
  if (isOle || lower.endsWith('.xls')) throw fileError(SAVE_AS_XLSX)
  if (head.length === 0) throw fileError('Tệp rỗng: chọn lại tệp Excel (.xlsx) hoặc CSV có dữ liệu.')
  if (isZip) {
    if (lower.endsWith('.ods')) throw fileError('Tệp .ods (LibreOffice) chưa được hỗ trợ: chọn "Lưu thành" kiểu Excel (.xlsx) rồi tải lên lại.')
    return 'xlsx'
  }
  if (lower.endsWith('.xlsx')) throw fileError(BROKEN_XLSX)
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv'
  throw fileError('Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv): chọn lại tệp.')
}

export async function readHead(filePath: string, bytes = 8): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

function openZip(filePath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(filePath, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) reject(fileError(BROKEN_XLSX))
      else resolve(zip)
    })
  })
}

function isUnsafeName(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /(^|[\\/])\.\.([\\/]|$)/.test(name) || /^[a-z]:/i.test(name)
}

/**
 * Inflates every part once, counting bytes (yauzl also checks them against the declared sizes):
 * stops at the first limit crossed. XML parts must not carry a DOCTYPE: spreadsheets never need one.
 */
export async function checkXlsxSafety(filePath: string): Promise<void> {
  const zip = await openZip(filePath)
  let total = 0
  let entries = 0
  await new Promise<void>((resolve, reject) => {
    let failed = false
    const fail = (error: unknown) => {
      if (failed) return
      failed = true
      try {
        zip.close()
      } catch {
        // already closed
      }
      // yauzl itself refuses "../" and absolute names before we see the entry.
      const unsafe = error instanceof Error && /invalid relative path|absolute path|invalid characters in fileName/.test(error.message)
      reject(error instanceof HttpError ? error : fileError(unsafe ? UNSAFE_PATH(error.message.split(': ').slice(1).join(': ')) : BROKEN_XLSX))
    }
    zip.on('error', fail)
    zip.on('end', () => resolve())
    zip.on('entry', (entry: yauzl.Entry) => {
      entries++
      if (entries > IMPORT_LIMITS.maxEntries) return fail(fileError('Tệp Excel có quá nhiều thành phần bên trong: không phải tệp bảng tính thông thường.'))
      if (isUnsafeName(entry.fileName)) return fail(fileError(UNSAFE_PATH(entry.fileName)))
      if (entry.fileName.endsWith('/')) return zip.readEntry()
      const declared = entry.uncompressedSize
      if (total + declared > IMPORT_LIMITS.maxInflatedBytes || (declared > 1024 * 1024 && declared / Math.max(1, entry.compressedSize) > IMPORT_LIMITS.maxRatio)) {
        return fail(fileError('Tệp Excel khi giải nén quá lớn so với kích thước tệp (nghi là "bom nén"): tệp bị từ chối vì lý do an toàn.'))
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(error)
        const isXml = /\.(xml|rels|vml)$/i.test(entry.fileName)
        let head = ''
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length
          // The prolog (where a DOCTYPE must be) is at the start of the part.
          if (isXml && head.length < 8192) head += chunk.subarray(0, 8192).toString('latin1')
          if (isXml && /<!DOCTYPE|<!ENTITY/i.test(head)) {
            stream.destroy()
            fail(fileError('Tệp Excel chứa khai báo DOCTYPE/ENTITY (có thể là tệp độc hại kiểu "bom XML"): tệp bị từ chối vì lý do an toàn.'))
          }
          if (total > IMPORT_LIMITS.maxInflatedBytes) {
            stream.destroy()
            fail(fileError('Tệp Excel khi giải nén quá lớn (nghi là "bom nén"): tệp bị từ chối vì lý do an toàn.'))
          }
        })
        stream.on('error', fail)
        stream.on('end', () => zip.readEntry())
      })
    })
    zip.readEntry()
  })
  if (!entries) throw fileError(BROKEN_XLSX)
}
