/** Excel files of the follow-up list and the not-found list, with Vietnamese headers for officers. */
import { PassThrough } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { addSafeRow, createWorkbookWriter } from '../../lib/xlsx-writer'
import type { CaseDifference } from './followup-repository'
import type { NotFoundItem } from './not-found'

interface FollowupItem {
  unitName: string
  book: string
  so: number | null
  subjectName: string | null
  personalId: string | null
  differences: CaseDifference[]
  kindLabel: string
  statusLabel: string
  assigneeName: string | null
  createdAt: Date
  updatedAt: Date
  resolvedAt: Date | null
}

const dateText = (d: Date | null) => (d ? new Date(d).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '')

async function workbook(sheetName: string, columns: Array<{ header: string; width: number }>, rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const out = new PassThrough()
  const bytes = buffer(out)
  const book = createWorkbookWriter(out)
  book.creator = 'Hộ Tịch Số'
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for (const values of rows) {
    const row = addSafeRow(sheet, values.map((v) => v ?? ''))
    // Personal ID numbers stay text: Excel would drop their leading zeros.
    row.eachCell((cell) => { if (typeof cell.value === 'string' && /^\d{9,12}$/.test(cell.value)) cell.numFmt = '@' })
    row.commit()
  }
  await sheet.commit()
  await book.commit()
  return bytes
}

export function followupWorkbook(items: readonly FollowupItem[]): Promise<Buffer> {
  return workbook('Danh sách theo dõi riêng', [
    { header: 'STT', width: 6 }, { header: 'Đơn vị', width: 22 }, { header: 'Sổ', width: 14 }, { header: 'Số', width: 7 },
    { header: 'Họ tên', width: 26 }, { header: 'Số định danh', width: 15 }, { header: 'Loại sai lệch', width: 26 }, { header: 'Nội dung sai lệch', width: 40 },
    { header: 'Trong sổ', width: 30 }, { header: 'Trong CSDL dân cư', width: 30 }, { header: 'Trạng thái', width: 30 },
    { header: 'Người phụ trách', width: 22 }, { header: 'Ngày lập', width: 12 }, { header: 'Cập nhật', width: 12 }, { header: 'Ngày giải quyết', width: 14 },
  ], items.map((c, i) => [
    i + 1, c.unitName, c.book, c.so, c.subjectName, c.personalId, c.kindLabel,
    c.differences.map((d) => `${d.label}: ${d.levelLabel}`).join('; '),
    c.differences.map((d) => `${d.label}: ${d.book ?? '(trống)'}`).join('; '),
    c.differences.map((d) => `${d.label}: ${d.population ?? '(trống)'}`).join('; '),
    c.statusLabel, c.assigneeName, dateText(c.createdAt), dateText(c.updatedAt), dateText(c.resolvedAt),
  ]))
}

export function notFoundWorkbook(items: readonly NotFoundItem[]): Promise<Buffer> {
  return workbook('Không có trong CSDL dân cư', [
    { header: 'STT', width: 6 }, { header: 'Đơn vị', width: 22 }, { header: 'Sổ', width: 14 }, { header: 'Số', width: 7 },
    { header: 'Ngày đăng ký', width: 13 }, { header: 'Họ tên', width: 26 }, { header: 'Ngày sinh', width: 12 }, { header: 'Giới tính', width: 10 },
    { header: 'Nơi sinh', width: 30 }, { header: 'Họ tên mẹ', width: 24 }, { header: 'Họ tên cha', width: 24 }, { header: 'Đã xác nhận', width: 12 },
  ], items.map((n, i) => [
    i + 1, n.unitName, n.book, n.so, n.registrationDate ? n.registrationDate.split('-').reverse().join('.') : '', n.fullName, n.birthDate, n.sex,
    n.birthplace, n.motherName, n.fatherName, n.confirmed ? 'Có' : 'Chưa',
  ]))
}
