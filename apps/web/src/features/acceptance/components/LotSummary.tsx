import { Descriptions, Progress, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { formatDateTime, formatNumber, formatVnd } from '../../../lib/format'
import { useBook } from '../../books/api'
import { bookTitle } from '../../books/bookTypes'
import type { LotDetail } from '../api'
import { decisionPreview, formatAql } from '../marks'

function Scope({ lot }: { lot: LotDetail }) {
  const book = useBook(lot.bookId ?? undefined)
  const years = lot.yearFrom === null && lot.yearTo === null ? '' : `, năm đăng ký ${lot.yearFrom ?? '…'}–${lot.yearTo ?? '…'}`
  const books = lot.bookId ? (book.data ? bookTitle(book.data) : 'Một sổ') : 'Mọi sổ của đơn vị'
  return <>{books + years}</>
}

/** The plan the sample was drawn by (ISO 2859-1), the seed that redraws it, and how far the inspection is. */
export function LotSummary({ lot }: { lot: LotDetail }) {
  const inspected = lot.samples.filter((s) => s.inspected).length
  const { defective, fieldErrors } = decisionPreview(lot)
  const wholeLot = lot.sampleSize >= lot.lotSize
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="lot-plan" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Đơn vị">{lot.unitName}</Descriptions.Item>
        <Descriptions.Item label="Phạm vi"><Scope lot={lot} /></Descriptions.Item>
        <Descriptions.Item label="Cỡ lô (N)">{formatNumber(lot.lotSize)} trường hợp đã phê duyệt</Descriptions.Item>
        <Descriptions.Item label="Chữ mã cỡ mẫu">{lot.codeLetter} (mức kiểm tra {lot.inspectionLevel})</Descriptions.Item>
        <Descriptions.Item label="Cỡ mẫu (n)">{formatNumber(lot.sampleSize)}{wholeLot ? ' — kiểm tra toàn bộ lô' : ''}</Descriptions.Item>
        <Descriptions.Item label="AQL">{formatAql(lot.aql)} trường hợp có lỗi</Descriptions.Item>
        <Descriptions.Item label="Ac / Re">
          {lot.acceptanceNumber} / {lot.rejectionNumber}
          <Typography.Text type="secondary"> (đạt khi số trường hợp sai ≤ {lot.acceptanceNumber})</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="Hạt giống lấy mẫu">
          <Typography.Text code copyable={{ text: lot.seed, tooltips: ['Chép', 'Đã chép'] }} data-testid="lot-seed">{lot.seed}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="Thành tiền">
          {formatNumber(lot.lotSize)} × {formatVnd(lot.unitPrice)} = <strong data-testid="lot-amount">{formatVnd(lot.amount)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label="Lập lô">{formatDateTime(lot.createdAt)}</Descriptions.Item>
        {lot.decidedAt && <Descriptions.Item label="Kết luận">{formatDateTime(lot.decidedAt)}</Descriptions.Item>}
        {lot.previousLotId && <Descriptions.Item label="Lấy mẫu lại của"><Link to={`/nghiem-thu/${lot.previousLotId}`}>lô không đạt trước</Link></Descriptions.Item>}
      </Descriptions>
      <div data-testid="lot-progress" style={{ marginBottom: 16 }}>
        <Typography.Text>
          Đã kiểm tra {formatNumber(inspected)}/{formatNumber(lot.sampleSize)} · Sai: {formatNumber(defective)} trường hợp ({formatNumber(fieldErrors)} ô)
        </Typography.Text>
        <Progress percent={lot.sampleSize > 0 ? Math.round((inspected / lot.sampleSize) * 100) : 0} status={defective > lot.acceptanceNumber ? 'exception' : 'normal'} />
      </div>
    </>
  )
}
