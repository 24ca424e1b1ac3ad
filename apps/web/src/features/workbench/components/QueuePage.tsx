import { EditOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Empty, List, Progress, Space, Spin, Tag, Typography } from 'antd'
import { useNavigate } from 'react-router-dom'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { bookTitle } from '../../books/bookTypes'
import { useQueue, type QueueItem } from '../api'
import { ReturnedEntries } from './ReturnedEntries'

function whereStopped(item: QueueItem): string {
  const last = item.lastEntry
  if (!last) return 'Chưa nhập trường hợp nào.'
  const page = last.page ? `, trang ảnh ${last.page.position}` : last.trangSo ? `, trang ${last.trangSo}` : ''
  return `Dừng ở số ${last.so ?? '?'}${page}, lúc ${formatDateTime(last.savedAt)}.`
}

/** /nhap-lieu: the books assigned to me, how far each is and a button to go on where I stopped. */
export function QueuePage() {
  const queue = useQueue()
  const navigate = useNavigate()
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        Sổ được giao cho tôi
      </Typography.Title>
      {queue.isError && <Alert type="error" showIcon title={errorMessage(queue.error)} />}
      {queue.isLoading && <Spin />}
      {queue.data && <ReturnedEntries books={queue.data.items.map((i) => i.book)} />}
      {queue.data && queue.data.items.length === 0 && (
        <Empty description="Chưa có sổ nào được giao cho bạn. Người phụ trách giao sổ ở trang của sổ (mục “Người nhập liệu”)." />
      )}
      <List
        dataSource={queue.data?.items ?? []}
        grid={{ gutter: 16, xs: 1, md: 2, xl: 3 }}
        renderItem={(item, i) => (
          <List.Item key={item.book.id}>
            <Card
              size="small"
              data-testid="queue-item"
              title={bookTitle(item.book)}
              extra={item.openDraft && <Tag color="orange">Có bản nháp chưa lưu</Tag>}
              actions={[
                <Button
                  key="go"
                  type="primary"
                  icon={<EditOutlined />}
                  autoFocus={i === 0}
                  onClick={() => navigate(`/so/${item.book.id}/nhap`)}
                >
                  {item.lastEntry || item.openDraft ? 'Tiếp tục nhập' : 'Bắt đầu nhập'}
                </Button>,
              ]}
            >
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text type="secondary">
                  {item.book.issuingAuthority} · {item.book.custodianUnitName}
                </Typography.Text>
                <span>
                  {formatNumber(item.entryCount)} trường hợp đã nhập (của tôi: {formatNumber(item.myEntryCount)})
                </span>
                <span>
                  Trang ảnh có trường hợp: {formatNumber(item.pagesWithEntries)}/{formatNumber(item.pageCount)}
                </span>
                {item.pageCount > 0 && <Progress percent={Math.round((100 * item.pagesWithEntries) / item.pageCount)} size="small" />}
                <Typography.Text>{whereStopped(item)}</Typography.Text>
              </Space>
            </Card>
          </List.Item>
        )}
      />
    </>
  )
}
