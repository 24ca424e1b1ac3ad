/**
 * A zip of per-entry PDFs named as MOJ packages name them (KS.2008.01.2008-01-15.001.pdf): read
 * safely (no `../` or absolute names, bounded sizes and ratios, a cap on the number of files),
 * each PDF spooled to a temp file with its hash, and each name matched to an entry of the book.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { parseEntryPdfName, partialDateToIso, parsePartialDate, volumeNumber, type ParsedEntryPdfName } from '@hts/domain'
import { spoolToFile } from '../files'
import { fileError } from './file-checks'

export const SCAN_ZIP_LIMITS = {
  maxZipBytes: Number(process.env.SCAN_ZIP_MAX_MB ?? 1024) * 1024 * 1024,
  maxFiles: 20_000,
  /** One entry's PDF (a page or two of scans). */
  maxPdfBytes: 50 * 1024 * 1024,
  maxRatio: 100,
} as const

export interface ZipPdf {
  /** Name inside the zip, as written. */
  name: string
  parsed: ParsedEntryPdfName | null
  tempPath: string
  sha256: string
  size: number
}

const unsafe = (name: string) => name.startsWith('/') || name.startsWith('\\') || /(^|[\\/])\.\.([\\/]|$)/.test(name) || /^[a-z]:/i.test(name)

/** Extracts the PDFs (other files are listed as skipped); refuses the whole zip on any unsafe entry. */
export async function extractPdfs(zipPath: string, tempDir: string): Promise<{ pdfs: ZipPdf[]; skipped: { name: string; reason: string }[] }> {
  await fs.promises.mkdir(tempDir, { recursive: true })
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: true }, (error, z) => {
      if (!error && z) return resolve(z)
      reject(fileError(/relative path|absolute path/.test(String(error?.message)) ? `Tệp nén chứa đường dẫn không hợp lệ: tệp bị từ chối vì lý do an toàn.` : 'Tệp nén (.zip) bị hỏng hoặc không đầy đủ: nén lại rồi tải lên lại.'))
    }),
  )
  const pdfs: ZipPdf[] = []
  const skipped: { name: string; reason: string }[] = []
  let count = 0
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false
      const fail = (error: unknown) => {
        if (failed) return
        failed = true
        zip.close()
        const message = error instanceof Error ? error.message : String(error)
        reject('statusCode' in (error as object) ? error : fileError(/relative path|absolute path|invalid characters/.test(message)
          ? `Tệp nén chứa đường dẫn không hợp lệ (${message.split(': ').slice(1).join(': ')}): tệp bị từ chối vì lý do an toàn.`
          : 'Tệp nén (.zip) bị hỏng hoặc không đầy đủ: nén lại rồi tải lên lại.'))
      }
      zip.on('error', fail)
      zip.on('end', () => resolve())
      zip.on('entry', (entry: yauzl.Entry) => {
        if (++count > SCAN_ZIP_LIMITS.maxFiles) return fail(fileError(`Tệp nén có hơn ${SCAN_ZIP_LIMITS.maxFiles} tệp: chia thành nhiều tệp nén nhỏ hơn.`))
        if (unsafe(entry.fileName)) return fail(fileError(`Tệp nén chứa đường dẫn không hợp lệ ("${entry.fileName}"): tệp bị từ chối vì lý do an toàn.`))
        if (entry.fileName.endsWith('/')) return zip.readEntry()
        const name = entry.fileName
        if (!/\.pdf$/i.test(name)) {
          skipped.push({ name, reason: 'Không phải tệp PDF' })
          return zip.readEntry()
        }
        if (entry.uncompressedSize > SCAN_ZIP_LIMITS.maxPdfBytes || (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize / Math.max(1, entry.compressedSize) > SCAN_ZIP_LIMITS.maxRatio)) {
          return fail(fileError(`Tệp "${name}" trong tệp nén quá lớn khi giải nén (nghi là "bom nén"): tệp bị từ chối vì lý do an toàn.`))
        }
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return fail(error)
          spoolToFile(stream as Readable, tempDir).then(
            (spooled) => {
              pdfs.push({ name, parsed: parseEntryPdfName(path.basename(name)), tempPath: spooled.path, sha256: spooled.sha256, size: spooled.size })
              zip.readEntry()
            },
            fail,
          )
        })
      })
      zip.readEntry()
    })
  } catch (error) {
    await Promise.all(pdfs.map((p) => fs.promises.rm(p.tempPath, { force: true })))
    throw error
  }
  return { pdfs, skipped }
}

export interface MatchBook {
  book_type: string
  year: number
  volume: string
}

export interface MatchEntry {
  id: string
  so: number | null
  registration_date: string | null
  registration_date_precision: string | null
}

/** ISO start of the date written in a file name ("2008-01-15", "2008-01", "2008"). */
function isoOfName(date: string): { iso: string; precision: 'day' | 'month' | 'year' } | null {
  const parts = date.split('-')
  const written = parts.length === 3 ? `${parts[2]}.${parts[1]}.${parts[0]}` : parts.length === 2 ? `${parts[1]}.${parts[0]}` : date
  const parsed = parsePartialDate(written)
  return parsed.ok ? { iso: partialDateToIso(parsed.value), precision: parsed.value.precision } : null
}

/** The entry a file name designates in this book, or why none does. */
export function matchPdf(book: MatchBook, entries: readonly MatchEntry[], name: ParsedEntryPdfName | null): { entry: MatchEntry } | { reason: string } {
  if (!name) return { reason: 'Tên tệp không theo quy ước LOAI.NAM.QUYEN.yyyy-mm-dd.SO.pdf (ví dụ KS.2008.01.2008-01-15.001.pdf)' }
  if (name.bookType !== book.book_type || name.year !== book.year || name.volume !== volumeNumber(book.volume)) {
    return { reason: `Tên tệp chỉ sổ ${name.bookType} quyển ${name.volume}/${name.year}, không phải sổ này (${book.book_type} quyển ${volumeNumber(book.volume)}/${book.year})` }
  }
  const date = name.registrationDate ? isoOfName(name.registrationDate) : null
  if (name.registrationDate && !date) return { reason: `Ngày đăng ký trong tên tệp (${name.registrationDate}) không có thật` }
  const candidates = entries.filter(
    (e) => (name.so === null || e.so === name.so) && (!date || (e.registration_date === date.iso && e.registration_date_precision === date.precision)),
  )
  if (name.so === null && !date) return { reason: 'Tên tệp không ghi số và ngày đăng ký: không xác định được trường hợp' }
  if (candidates.length === 0) return { reason: `Không có trường hợp số ${name.so ?? '(không số)'}${name.registrationDate ? `, ngày ${name.registrationDate}` : ''} trong sổ` }
  if (candidates.length > 1) return { reason: `Có ${candidates.length} trường hợp cùng số và ngày đăng ký: gắn ảnh cho từng trường hợp trong màn hình nhập` }
  return { entry: candidates[0] as MatchEntry }
}
