import { App, Typography } from 'antd'
import type { OcrPageState } from './useOcrProposals'

/**
 * One line above the form about the page's read: nothing when OCR is off for the book, "Đang đọc
 * trang…" while the read is pending (the page is polled), the count of proposals when read.
 */
export function OcrPageStatus({ page, matched, pending, onReread }: { page: OcrPageState | null; matched: boolean; pending: number; onReread: () => Promise<string | null> }) {
  const { message } = App.useApp()
  if (!page || page.status === 'off') return null
  let text: string
  let type: 'secondary' | 'warning' | undefined = 'secondary'
  switch (page.status) {
    case 'pending':
      text = 'Đang đọc trang…'
      break
    case 'failed':
      text = `Không đọc được trang bằng OCR${page.error ? ` (${page.error})` : ''}: nhập như thường.`
      type = 'warning'
      break
    case 'done':
      text = !matched
        ? 'OCR: trang đã đọc nhưng không có khối nào cho trường hợp này (nhập như thường)'
        : pending > 0
        ? `OCR: ${pending} ô đề xuất đang chờ (Tab/Enter nhận, gõ để sửa)${page.confidence !== null ? ` · độ tin cậy trang ${Math.round(page.confidence)}%` : ''}`
        : 'OCR: không còn ô đề xuất chờ xem'
      break
  }
  return (
    <Typography.Paragraph type={type} style={{ margin: '0 0 6px' }} data-testid="ocr-page-status" data-ocr-status={page.status}>
      {text}
      {page.status === 'failed' && (
        <Typography.Link style={{ marginInlineStart: 8 }} onClick={() => void onReread().then((error) => {
            if (error) void message.error(error)
          })}>
          Đọc lại trang
        </Typography.Link>
      )}
    </Typography.Paragraph>
  )
}
