import { CheckCircleOutlined, CheckOutlined, RollbackOutlined, UndoOutlined } from '@ant-design/icons'
import { ENTRY_ACTIONS } from '@hts/domain'
import { Button, Space, Tooltip } from 'antd'
import type { ReviewAction } from '../api'

interface Props {
  main: 'approve' | 'check' | 'markKeyed' | null
  /** "Checked" only, beside approving (the approver leaves the approval to someone else). */
  offerCheckOnly: boolean
  offerReturn: boolean
  /** The checker changed fields: the main action saves them with it. */
  dirty: boolean
  pending: ReviewAction | null
  onAction: (action: ReviewAction) => void
  onReturn: () => void
  onDiscard: () => void
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** Only the actions the server allows on this entry for this user, each with its key. */
export function ReviewActions({ main, offerCheckOnly, offerReturn, dirty, pending, onAction, onReturn, onDiscard }: Props) {
  const busy = pending !== null
  return (
    <Space wrap size={6} data-testid="review-actions">
      {main && (
        <Button type="primary" icon={<CheckCircleOutlined />} loading={pending === main} disabled={busy} onClick={() => onAction(main)} data-testid="review-main">
          {dirty ? `Lưu chỗ sửa và ${lower(ENTRY_ACTIONS[main])}` : ENTRY_ACTIONS[main]} (Ctrl+Enter)
        </Button>
      )}
      {offerCheckOnly && (
        <Tooltip title="Chỉ xác nhận đã đối chiếu với trang sổ; người khác phê duyệt">
          <Button icon={<CheckOutlined />} loading={pending === 'check'} disabled={busy} onClick={() => onAction('check')}>
            {dirty ? `Lưu chỗ sửa và ${lower(ENTRY_ACTIONS.check)}` : ENTRY_ACTIONS.check} (Ctrl+Shift+Enter)
          </Button>
        </Tooltip>
      )}
      {offerReturn && (
        <Button danger icon={<RollbackOutlined />} loading={pending === 'return'} disabled={busy} onClick={onReturn} data-testid="review-return">
          {ENTRY_ACTIONS.return} (Alt+T)
        </Button>
      )}
      {dirty && (
        <Button icon={<UndoOutlined />} disabled={busy} onClick={onDiscard}>
          Bỏ chỗ sửa
        </Button>
      )}
    </Space>
  )
}
