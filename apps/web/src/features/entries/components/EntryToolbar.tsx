import { ArrowLeftOutlined, CheckOutlined, EditOutlined, HistoryOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons'
import { Button, Space, Tag, Tooltip, Typography, theme } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { INITIAL_ENTRY_STATUS } from '@hts/domain'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import type { BookView } from '../../books/api'
import { bookTitle } from '../../books/bookTypes'
import type { EntryView } from '../api'
import { StatusTag } from './StatusTag'

interface Props {
  book: BookView
  entry: EntryView | null
  dirty: boolean
  readOnly: boolean
  pending: boolean
  /** Whether "done" is a step this entry can take at all (a new or draft entry, for a keyer). */
  offerComplete: boolean
  canComplete: boolean
  completeBlockedReason?: string
  onSaveDraft: () => void
  onSaveAndComplete: () => void
  onReopen?: () => void
}

export function EntryToolbar(props: Props) {
  const { book, entry, dirty, readOnly, pending, offerComplete, canComplete, completeBlockedReason, onSaveDraft, onSaveAndComplete, onReopen } = props
  const { token } = theme.useToken()
  const navigate = useNavigate()
  const me = useCurrentUser()
  const title = entry ? `Trường hợp số ${entry.so ?? entry.fields.so ?? '(chưa có số)'}` : 'Nhập trường hợp mới'

  return (
    <div
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 10,
        background: token.colorBgLayout,
        padding: '8px 0 12px',
        marginBottom: 8,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <Link to={`/so/${book.id}`}>
        <ArrowLeftOutlined /> Quay lại sổ
      </Link>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title} {entry && <StatusTag status={entry.status} label={entry.statusLabel} />}
            {dirty && !readOnly && <Tag color="orange">Chưa lưu</Tag>}
          </Typography.Title>
          <Typography.Text type="secondary">
            {bookTitle(book)} · {book.issuingAuthority}
          </Typography.Text>
        </div>
        <Space wrap>
          {entry && hasPermission(me, 'audit.read') && (
            <Button icon={<HistoryOutlined />} onClick={() => navigate(`/nhat-ky?entityType=entry&entityId=${entry.id}`)}>
              Ai đã xem trường hợp này
            </Button>
          )}
          {entry && !dirty && (
            <Button icon={<PlusOutlined />} onClick={() => navigate(`/so/${book.id}/truong-hop/moi`)}>
              Nhập trường hợp tiếp theo
            </Button>
          )}
          {onReopen && (
            <Button icon={<EditOutlined />} onClick={onReopen} disabled={pending}>
              Mở lại để sửa
            </Button>
          )}
          {!readOnly && (
            <>
              <Tooltip title="Ctrl+S">
                <Button icon={<SaveOutlined />} onClick={onSaveDraft} loading={pending} type={offerComplete ? 'default' : 'primary'}>
                  {!entry || entry.status === INITIAL_ENTRY_STATUS ? 'Lưu nháp' : 'Lưu'}
                </Button>
              </Tooltip>
              {offerComplete && (
                <Tooltip title={completeBlockedReason}>
                  <Button type="primary" icon={<CheckOutlined />} onClick={onSaveAndComplete} disabled={!canComplete || pending}>
                    Lưu và hoàn thành
                  </Button>
                </Tooltip>
              )}
            </>
          )}
        </Space>
      </div>
    </div>
  )
}
