import { CheckSquareOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { ENTRY_STATUSES, findTransition, type EntryStatus } from '@hts/domain'
import { Alert, App, Button, Card, Space, Typography } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { StatusTag } from '../../entries/components/StatusTag'
import { useApproveChecked, useBookReview, type BulkApproveResult } from '../api'

const STATUSES = Object.keys(ENTRY_STATUSES) as EntryStatus[]

function resultText(r: BulkApproveResult): string {
  const skipped = [
    r.skippedOwnWork > 0 && `${formatNumber(r.skippedOwnWork)} trường hợp do bạn nhập hoặc sửa được để người khác phê duyệt`,
    r.skippedWithErrors > 0 && `${formatNumber(r.skippedWithErrors)} trường hợp còn lỗi cần sửa trước`,
  ].filter(Boolean)
  return `Đã phê duyệt ${formatNumber(r.approved)} trường hợp.${skipped.length > 0 ? ` Bỏ qua: ${skipped.join('; ')}.` : ''}`
}

interface Props {
  bookId: string
  /** Shows the book's entries in that status in the list below. */
  onStatus: (status: EntryStatus) => void
}

/** The book's entries by review status and, for an approver, approving every checked one at once. */
export function BookReviewCard({ bookId, onStatus }: Props) {
  const me = useCurrentUser()
  const navigate = useNavigate()
  const { modal } = App.useApp()
  const summary = useBookReview(bookId, hasPermission(me, 'entry.review'))
  const approve = useApproveChecked(bookId)
  const [result, setResult] = useState<BulkApproveResult | null>(null)
  if (!hasPermission(me, 'entry.review')) return null

  const counts = summary.data?.counts ?? {}
  const approvable = summary.data?.approvable ?? 0
  const checked = counts.checked ?? 0
  const isApprover = Boolean(findTransition('checked', 'approve', me.role))

  const confirmApprove = () => {
    const ownWork = checked - approvable
    modal.confirm({
      title: `Phê duyệt ${formatNumber(approvable)} trường hợp đã kiểm tra?`,
      content: (
        <>
          <p>Các trường hợp này chuyển sang "{ENTRY_STATUSES.approved}"; thao tác được ghi nhật ký kèm danh sách.</p>
          <p>
            Trường hợp do chính bạn nhập hoặc sửa lần cuối được bỏ qua (nguyên tắc bốn mắt)
            {ownWork > 0 ? `: ${formatNumber(ownWork)} trường hợp như vậy chờ người khác phê duyệt.` : '.'}
          </p>
        </>
      ),
      okText: `Phê duyệt ${formatNumber(approvable)} trường hợp`,
      cancelText: 'Thôi',
      onOk: () => approve.mutateAsync(approvable).then(setResult, () => undefined),
    })
  }

  return (
    <Card size="small" style={{ marginTop: 16 }} title="Kiểm tra và phê duyệt" data-testid="book-review">
      {summary.isError && <Alert type="error" showIcon title={errorMessage(summary.error)} style={{ marginBottom: 8 }} />}
      <Space wrap size={[4, 8]}>
        {STATUSES.map((s) => (
          <Button key={s} type="text" size="small" style={{ padding: 0 }} onClick={() => onStatus(s)} title="Xem các trường hợp này trong danh sách" data-testid={`review-count-${s}`}>
            <StatusTag status={s} label={`${ENTRY_STATUSES[s]}: ${formatNumber(counts[s] ?? 0)}`} />
          </Button>
        ))}
      </Space>
      <Space wrap style={{ marginTop: 12, display: 'flex' }}>
        <Button icon={<CheckSquareOutlined />} onClick={() => navigate(`/kiem-tra?stage=check&bookId=${encodeURIComponent(bookId)}`)}>
          Kiểm tra sổ này
        </Button>
        {isApprover && (
          <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={approvable === 0} loading={approve.isPending} onClick={confirmApprove} data-testid="approve-checked">
            Phê duyệt tất cả {formatNumber(approvable)} trường hợp đã kiểm tra
          </Button>
        )}
        {isApprover && checked > approvable && (
          <Typography.Text type="secondary">
            {formatNumber(checked - approvable)} trường hợp đã kiểm tra do bạn nhập hoặc sửa: người khác phê duyệt.
          </Typography.Text>
        )}
      </Space>
      {approve.isError && <Alert role="alert" type="error" showIcon style={{ marginTop: 12 }} title={errorMessage(approve.error)} closable={{ onClose: approve.reset }} />}
      {result && <Alert type="success" showIcon style={{ marginTop: 12 }} title={resultText(result)} closable={{ onClose: () => setResult(null) }} data-testid="approve-result" />}
    </Card>
  )
}
