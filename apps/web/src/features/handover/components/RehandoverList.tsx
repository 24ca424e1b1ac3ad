import { Alert, Table, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { StatusTag } from '../../entries/components/StatusTag'
import { usePendingRehandover, type PendingRehandoverItem } from '../api'

/** Entries handed over and corrected since: listed until a later batch takes them again (once approved). */
export function RehandoverList({ bookId }: { bookId: string }) {
  const pending = usePendingRehandover(bookId, true)
  const items = pending.data?.items ?? []
  if (pending.isError) return <Alert type="error" showIcon title={errorMessage(pending.error)} style={{ marginTop: 12 }} />
  if (items.length === 0) return null

  const columns: TableColumnsType<PendingRehandoverItem> = [
    { title: 'Số', dataIndex: 'so', width: 80, render: (so: number | null, e) => <Link to={`/so/${bookId}/truong-hop/${e.entryId}`}>{so ?? '—'}</Link> },
    { title: 'Người được đăng ký', dataIndex: 'subjectName', render: (name: string | null) => name ?? '—' },
    { title: 'Trạng thái', dataIndex: 'status', width: 150, render: (s: string, e) => <StatusTag status={s} label={e.statusLabel} /> },
    { title: 'Lý do đính chính', dataIndex: 'reason', render: (reason: string | null, e) => reason ?? <Typography.Text type="secondary">{e.changeKind ?? '—'}</Typography.Text> },
    { title: 'Sửa lúc', dataIndex: 'changedAt', width: 170, render: (at: string | null, e) => `${formatDateTime(at)}${e.changedByName ? `, ${e.changedByName}` : ''}` },
  ]

  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Title level={5}>Chờ chuyển giao lại ({items.length})</Typography.Title>
      <Typography.Paragraph type="secondary">
        Các trường hợp đã chuyển giao rồi được đính chính. Khi được phê duyệt lại, chúng vào đợt chuyển giao sau.
      </Typography.Paragraph>
      <Table<PendingRehandoverItem> rowKey="entryId" size="small" columns={columns} dataSource={items} pagination={false} data-testid="rehandover-list" />
    </div>
  )
}
