import { EditOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Space, Typography } from 'antd'
import { useNavigate } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { reprocessPages, useInvalidatePages, usePages } from '../api'
import { PageGrid } from './PageGrid'
import { ScanUploader } from './ScanUploader'

/** The book page's scans section: upload, the pages with their keyed-entry counts, the way to the workbench. */
export function BookScansCard({ bookId }: { bookId: string }) {
  const me = useCurrentUser()
  const navigate = useNavigate()
  const pages = usePages(bookId)
  const invalidate = useInvalidatePages(bookId)
  const canManage = hasPermission(me, 'scan.manage')
  const counts = pages.data?.counts
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={`Ảnh quét (${pages.data?.total ?? 0} trang${counts ? `, ${counts.withEntries} trang đã có trường hợp` : ''})`}
      extra={
        hasPermission(me, 'entry.create') && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/so/${bookId}/nhap`)}>
            Nhập liệu bên ảnh
          </Button>
        )
      }
    >
      {canManage && <ScanUploader bookId={bookId} />}
      {pages.isError && <Alert type="error" showIcon title={errorMessage(pages.error)} />}
      {counts && counts.pending > 0 && <Typography.Paragraph>Đang dựng ảnh {counts.pending} trang…</Typography.Paragraph>}
      {counts && counts.failed > 0 && canManage && (
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text type="danger">{counts.failed} trang không dựng được ảnh.</Typography.Text>
          <Button size="small" onClick={() => void reprocessPages(bookId).then(invalidate)}>
            Dựng lại
          </Button>
        </Space>
      )}
      <div style={{ marginTop: 12 }}>{pages.data && <PageGrid bookId={bookId} pages={pages.data.items} canManage={canManage} />}</div>
    </Card>
  )
}
