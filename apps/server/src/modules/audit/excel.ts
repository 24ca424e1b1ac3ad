/** The audit trail as an Excel file (through lib/xlsx-writer.ts: recorded text can never become a formula). */
import { PassThrough } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import type { AuditEventView } from '@hts/domain'
import { addSafeRow, createWorkbookWriter } from '../../lib/xlsx-writer'

const timeText = (value: string | Date) =>
  new Date(value).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false })

export interface AuditWorkbookInfo {
  exportedBy: string
  filters: Array<[string, string]>
  rows: number
  /** Rows left out past the cap (the oldest ones). */
  truncatedAt: number | null
}

export async function auditWorkbook(items: readonly AuditEventView[], info: AuditWorkbookInfo): Promise<Buffer> {
  const out = new PassThrough()
  const bytes = buffer(out)
  const book = createWorkbookWriter(out)
  book.creator = 'Hộ Tịch Số'
  const sheet = book.addWorksheet('Nhật ký truy cập', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: 'Thời gian', width: 20 }, { header: 'Người thực hiện', width: 24 }, { header: 'Tên đăng nhập', width: 18 },
    { header: 'Đơn vị', width: 22 }, { header: 'Thao tác', width: 34 }, { header: 'Mã thao tác', width: 22 },
    { header: 'Đối tượng', width: 16 }, { header: 'Mã đối tượng', width: 38 }, { header: 'Nội dung', width: 60 }, { header: 'Địa chỉ IP', width: 16 },
  ]
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for (const e of items) {
    addSafeRow(sheet, [timeText(e.occurredAt), e.userName ?? '', e.username ?? '', e.unitName ?? '', e.actionLabel, e.action, e.entityTypeLabel, e.entityId ?? '', e.summary, e.ip ?? '']).commit()
  }
  await sheet.commit()
  const about = book.addWorksheet('Thông tin')
  about.columns = [{ header: 'Mục', width: 24 }, { header: 'Giá trị', width: 70 }]
  about.getRow(1).font = { bold: true }
  about.getRow(1).commit()
  const lines: Array<[string, string]> = [
    ['Xuất lúc', timeText(new Date())],
    ['Người xuất', info.exportedBy],
    ...info.filters,
    ['Số dòng', String(info.rows)],
    ...(info.truncatedAt !== null
      ? [['Giới hạn', `Chỉ gồm ${info.truncatedAt.toLocaleString('vi-VN')} dòng mới nhất; thu hẹp khoảng ngày hoặc bộ lọc để xuất phần còn lại`] as [string, string]]
      : []),
  ]
  for (const line of lines) addSafeRow(about, line).commit()
  await about.commit()
  await book.commit()
  return bytes
}
