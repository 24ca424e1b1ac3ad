/**
 * File names of the MOJ delivery package (DOMAIN.md §4), as real deliverables write them:
 *   book Excel and zip:  xalocthuan_hbd_tbt.CMC.2006.01.xlsx  ({commune}_{district initials}_{province initials}.{TYPE}.{year}.{volume})
 *   entry PDF:           KS.2008.01.2008-01-15.001.pdf        ({TYPE}.{year}.{volume}.{registration date}.{số})
 * After the 2025 reform a commune has no district: the district part is left out
 * (xaanphu_tsh.KS.2024.01.xlsx) rather than invented.
 */
import { BOOK_TYPE_CODES } from '../catalog'
import type { BookTypeCode } from '../catalog/types'
import { parsePartialDate, type PartialDate } from '../dates/partial-date'
import { foldKey } from '../text/fold'

/** "Xã Lộc Thuận" → "xalocthuan": folded, letters and digits only. */
export function asciiCompact(name: string): string {
  return foldKey(name).replace(/[^a-z0-9]/g, '')
}

/** "Huyện Bình Đại" → "hbd": first letter of each word of the folded name. */
export function nameInitials(name: string): string {
  return foldKey(name)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w[0])
    .join('')
}

/** "01/2006" → "01", "3" → "03": the volume number as file names write it. */
export function volumeNumber(volume: string): string {
  const number = volume.split('/')[0]?.trim() ?? ''
  return /^\d+$/.test(number) ? number.padStart(2, '0') : asciiCompact(number) || '00'
}

export interface PackagePlaces {
  /** The commune (or district/province office) whose book it is, e.g. "Xã An Phú". */
  unit: string
  /** The district above it when there was one (before 1 July 2025); null after the reform. */
  district?: string | null
  province?: string | null
}

export interface PackageBook {
  bookType: BookTypeCode
  year: number
  volume: string
}

/** Base name (without extension) shared by the book's .xlsx and .zip. */
export function bookPackageBaseName(places: PackagePlaces, book: PackageBook): string {
  const parts = [asciiCompact(places.unit) || 'donvi']
  if (places.district) parts.push(nameInitials(places.district))
  if (places.province) parts.push(nameInitials(places.province))
  return `${parts.join('_')}.${book.bookType}.${book.year}.${volumeNumber(book.volume)}`
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** yyyy-mm-dd, or yyyy-mm / yyyy for a partial date; "null" when the book has none. */
function dateSegment(date: PartialDate | null): string {
  if (!date) return 'null'
  switch (date.precision) {
    case 'day':
      return `${pad(date.year, 4)}-${pad(date.month ?? 1)}-${pad(date.day ?? 1)}`
    case 'month':
      return `${pad(date.year, 4)}-${pad(date.month ?? 1)}`
    case 'year':
      return pad(date.year, 4)
  }
}

/** The entry's PDF in the package zip; a missing number or date is written "null" as real packages do. */
export function entryPdfName(book: PackageBook, entry: { ngayDangKy?: string | undefined; so?: number | null }): string {
  const parsed = entry.ngayDangKy ? parsePartialDate(entry.ngayDangKy) : undefined
  const date = parsed?.ok ? parsed.value : null
  const number = entry.so === null || entry.so === undefined ? 'null' : pad(entry.so, 3)
  return `${book.bookType}.${book.year}.${volumeNumber(book.volume)}.${dateSegment(date)}.${number}.pdf`
}

export interface ParsedEntryPdfName {
  bookType: BookTypeCode
  year: number
  /** Volume number as written in the name ("01"). */
  volume: string
  /** ISO yyyy-mm-dd / yyyy-mm / yyyy, or null. */
  registrationDate: string | null
  so: number | null
}

const PDF_NAME = /^([A-Za-z]+)\.(\d{4})\.(\d{1,3})\.(\d{4}(?:-\d{2}(?:-\d{2})?)?|null)\.(\d{1,6}|null)\.pdf$/i

/** Reads a name made by entryPdfName (or by other MOJ deliverables); null when it does not follow the convention. */
export function parseEntryPdfName(fileName: string): ParsedEntryPdfName | null {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const m = PDF_NAME.exec(base.trim())
  if (!m) return null
  const type = (m[1] ?? '').toUpperCase()
  const bookType = BOOK_TYPE_CODES.find((c) => c === type)
  if (!bookType) return null
  return {
    bookType,
    year: Number(m[2]),
    volume: pad(Number(m[3])),
    registrationDate: m[4] === undefined || m[4].toLowerCase() === 'null' ? null : m[4],
    so: m[5] === undefined || m[5].toLowerCase() === 'null' ? null : Number(m[5]),
  }
}
