import sharp from 'sharp'
import type { OcrLine } from '@hts/domain'

/**
 * A printed birth-register page for the OCR tests: two entries in the catalog's printed layout, set
 * in DejaVu Serif, lightly blurred. Small on purpose and separate from the benchmark's generator
 * (bench/), whose degraded pages the engine is measured on and must not be tuned to.
 */

export interface PrintedEntry {
  so: string
  ngayDangKy: string
  hoTen: string
  gioiTinh: string
  ngaySinh: string
  noiSinh: string
  danToc: string
  meHoTen: string
  meNamSinh: string
  chaHoTen: string
  chaNamSinh: string
}

export const PRINTED_ENTRIES: readonly PrintedEntry[] = [
  {
    so: '215', ngayDangKy: '14/03/2018', hoTen: 'NGUYỄN VĂN AN', gioiTinh: 'Nam', ngaySinh: '02/03/2018',
    noiSinh: 'Trạm Y tế xã An Phú, huyện Phú Lộc', danToc: 'Kinh',
    meHoTen: 'TRẦN THỊ BÌNH', meNamSinh: '1990', chaHoTen: 'NGUYỄN VĂN CƯỜNG', chaNamSinh: '1988',
  },
  {
    so: '216', ngayDangKy: '15/03/2018', hoTen: 'LÊ THỊ HOA', gioiTinh: 'Nữ', ngaySinh: '28/02/2018',
    noiSinh: 'Bệnh viện Đa khoa tỉnh Thừa Thiên Huế', danToc: 'Tày',
    meHoTen: 'HOÀNG THỊ MAI', meNamSinh: '1994', chaHoTen: 'LÊ VĂN DŨNG', chaNamSinh: '1991',
  },
]

/** The fields the page's entries should be read as (canonical form). */
export const EXPECTED_FIELDS: readonly Record<string, string>[] = [
  {
    so: '215', quyenSo: '01/2018', ngayDangKy: '14.03.2018', nksHoTen: 'Nguyễn Văn An', nksGioiTinh: '1', nksNgaySinh: '02.03.2018',
    nksNoiSinh: 'Trạm Y tế xã An Phú, huyện Phú Lộc', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
    meHoTen: 'Trần Thị Bình', meNgaySinh: '1990', chaHoTen: 'Nguyễn Văn Cường', chaNgaySinh: '1988',
  },
  {
    so: '216', quyenSo: '01/2018', ngayDangKy: '15.03.2018', nksHoTen: 'Lê Thị Hoa', nksGioiTinh: '2', nksNgaySinh: '28.02.2018',
    nksNoiSinh: 'Bệnh viện Đa khoa tỉnh Thừa Thiên Huế', nksDanToc: 'Tày', nksQuocTich: 'Việt Nam',
    meHoTen: 'Hoàng Thị Mai', meNgaySinh: '1994', chaHoTen: 'Lê Văn Dũng', chaNgaySinh: '1991',
  },
]

/** Text as a stand-in engine "reads" it: a line per line, words split on spaces, all at one confidence. */
export function textLines(text: string, confidence: number): OcrLine[] {
  return text.trim().split('\n').map((line) => ({ words: line.split(' ').map((word) => ({ text: word, confidence })) }))
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function linesOf(e: PrintedEntry): { text: string; x?: number; bold?: boolean; right?: string }[] {
  return [
    { text: `Số: ${e.so}`, right: 'Quyển số: 01/2018' },
    { text: `Ngày, tháng, năm đăng ký: ${e.ngayDangKy}` },
    { text: 'Người được khai sinh', bold: true },
    { text: `Họ, chữ đệm, tên: ${e.hoTen}`, right: `Giới tính: ${e.gioiTinh}` },
    { text: `Ngày, tháng, năm sinh: ${e.ngaySinh}` },
    { text: `Nơi sinh: ${e.noiSinh}` },
    { text: `Dân tộc: ${e.danToc}`, right: 'Quốc tịch: Việt Nam' },
    { text: 'Người mẹ', bold: true },
    { text: `Họ, chữ đệm, tên: ${e.meHoTen}`, right: `Năm sinh: ${e.meNamSinh}` },
    { text: 'Người cha', bold: true },
    { text: `Họ, chữ đệm, tên: ${e.chaHoTen}`, right: `Năm sinh: ${e.chaNamSinh}` },
  ]
}

/** The page as a scanner would give it: 1240 × 1754 (A4 at 150 dpi), PNG. */
export async function printedPage(entries: readonly PrintedEntry[] = PRINTED_ENTRIES): Promise<Buffer> {
  const width = 1240
  const height = 1754
  const size = 24
  const step = 44
  let y = 140
  const texts: string[] = []
  for (const entry of entries) {
    for (const line of linesOf(entry)) {
      const weight = line.bold ? 'bold' : 'normal'
      texts.push(`<text x="110" y="${y}" font-weight="${weight}">${escape(line.text)}</text>`)
      if (line.right) texts.push(`<text x="780" y="${y}">${escape(line.right)}</text>`)
      y += step
    }
    y += step
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#fbfaf5"/>
<g font-family="DejaVu Serif" font-size="${size}" fill="#1a1a1a">${texts.join('\n')}</g>
</svg>`
  return sharp(Buffer.from(svg)).blur(0.6).png().toBuffer()
}
