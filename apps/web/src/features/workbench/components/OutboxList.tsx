import { AuditOutlined } from '@ant-design/icons'
import { Alert, Button, List, Space, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { ReconcileEntryDrawer } from '../../reconciliation/components/ReconcileEntryDrawer'
import type { EntryView } from '../../entries/api'
import type { OutboxFailure } from '../hooks/useOutbox'
import type { OutboxItem } from '../storage'

export interface SavedItem {
  entry: EntryView
  label: string
}

interface Props {
  bookId: string
  items: readonly OutboxItem[]
  failures: Readonly<Record<string, OutboxFailure>>
  saved: readonly SavedItem[]
  onTakeBack: (clientTxnId: string) => void
  onDrop: (clientTxnId: string) => void
  /** Opens the marginal notes (ghi chú) of a saved entry. */
  onNotes?: ((item: SavedItem) => void) | undefined
}

/**
 * Saves that the server refused (with the reason and what to do), then the entries saved last,
 * each of which can be reconciled with the population data at once (results in a drawer).
 */
export function OutboxList({ bookId, items, failures, saved, onTakeBack, onDrop, onNotes }: Props) {
  const me = useCurrentUser()
  const [reconciling, setReconciling] = useState<{ entryId: string; bookId: string; label: string } | null>(null)
  const canReconcile = hasPermission(me, 'reconcile.run')
  const failed = items.filter((i) => failures[i.clientTxnId])
  return (
    <>
      {failed.map((item) => {
        const failure = failures[item.clientTxnId]
        if (!failure) return null
        return (
          <Alert
            key={item.clientTxnId}
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 8 }}
            title={`${item.label}: chưa lưu được`}
            description={failure.message}
            action={
              <Space direction="vertical" size={4}>
                {failure.entryId ? (
                  <Link to={`/so/${bookId}/truong-hop/${failure.entryId}`}>Mở để sửa</Link>
                ) : (
                  <Button size="small" onClick={() => onTakeBack(item.clientTxnId)}>
                    Đưa lại vào ô nhập
                  </Button>
                )}
                <Button size="small" danger onClick={() => onDrop(item.clientTxnId)}>
                  Bỏ khỏi hàng chờ
                </Button>
              </Space>
            }
          />
        )
      })}
      {saved.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>Vừa lưu</Typography.Text>}
          dataSource={[...saved]}
          data-testid="recent-saves"
          renderItem={(s) => (
            <List.Item key={s.entry.id}>
              <Link to={`/so/${bookId}/truong-hop/${s.entry.id}`}>{s.label}</Link>
              <Space>
                <Typography.Text type="secondary">{s.entry.statusLabel}</Typography.Text>
                {onNotes && (
                  <Button size="small" onClick={() => onNotes(s)}>
                    Ghi chú
                  </Button>
                )}
                {canReconcile && (
                  <Button size="small" icon={<AuditOutlined />} onClick={() => setReconciling({ entryId: s.entry.id, bookId, label: s.label })}>
                    Đối chiếu
                  </Button>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      <ReconcileEntryDrawer target={reconciling} onClose={() => setReconciling(null)} />
    </>
  )
}
