import { CheckSquareOutlined } from '@ant-design/icons'
import { REVIEW_STAGES } from '@hts/domain'
import { Alert, Button, Space, Table, Tabs, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { StatusTag } from '../../entries/components/StatusTag'
import { useReviewQueue, type ReviewFilters, type ReviewQueueItem } from '../api'
import { filtersFromParams, isStage, paramsOfFilters } from '../queueFilters'
import { QueueFilters } from './QueueFilters'

const STAGE_TABS = Object.entries(REVIEW_STAGES).map(([key, label]) => ({ key, label }))

/** What makes an entry worth a closer look, as counted by the server. */
function AttentionTags({ item }: { item: ReviewQueueItem }) {
  return (
    <Space size={2} wrap>
      {item.warningCount > 0 && <Tag color="gold">{item.warningCount} cảnh báo</Tag>}
      {item.illegibleCount > 0 && <Tag color="orange">{item.illegibleCount} ô khó đọc</Tag>}
      {item.importNoteCount > 0 && <Tag color="blue">{item.importNoteCount} ô sửa khi nhập</Tag>}
    </Space>
  )
}

export const reviewPath = (entryId: string, filters: ReviewFilters) => `/kiem-tra/${entryId}?${paramsOfFilters(filters, false)}`

/** /kiem-tra: entries waiting to be checked or approved, oldest first, never the user's own work. */
export function ReviewQueuePage() {
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const filters = filtersFromParams(params)
  const queue = useReviewQueue(filters)
  const items = queue.data?.items ?? []

  const setFilters = (patch: Partial<ReviewFilters>) => {
    const next = { ...filters, page: 1, ...patch }
    setParams(paramsOfFilters(next), { replace: true })
  }
  const open = (item: ReviewQueueItem) => navigate(reviewPath(item.id, filters))

  const columns: TableColumnsType<ReviewQueueItem> = [
    { title: 'Quyển sổ', dataIndex: 'bookLabel', width: 220 },
    { title: 'Số', dataIndex: 'so', width: 70, render: (so: number | null, item) => <Link to={reviewPath(item.id, filters)}>{so ?? '—'}</Link> },
    { title: 'Ngày đăng ký', dataIndex: 'registrationDate', width: 130 },
    { title: 'Người được đăng ký', dataIndex: 'subjectName' },
    { title: 'Người nhập', dataIndex: 'keyedByName', width: 180 },
    { title: 'Chờ từ', dataIndex: 'waitingSince', width: 150, render: (t: string) => formatDateTime(t) },
    { title: 'Cần chú ý', key: 'attention', width: 220, render: (_: unknown, item) => <AttentionTags item={item} /> },
    { title: 'Trạng thái', dataIndex: 'status', width: 140, render: (s: string, item) => <StatusTag status={s} label={item.statusLabel} /> },
  ]

  const first = items[0]
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Kiểm tra và phê duyệt
        </Typography.Title>
        {first && (
          // Focused on arrival: Enter opens the oldest entry, then Ctrl+Enter goes through the rest.
          <Button type="primary" icon={<CheckSquareOutlined />} autoFocus onClick={() => open(first)} data-testid="review-start">
            Mở trường hợp chờ lâu nhất (Enter)
          </Button>
        )}
      </div>
      <Tabs activeKey={filters.stage} items={STAGE_TABS} onChange={(key) => isStage(key) && setFilters({ stage: key })} />
      <QueueFilters filters={filters} seen={items} onChange={setFilters} />
      {queue.isError && <Alert type="error" showIcon title={errorMessage(queue.error)} style={{ marginBottom: 12 }} />}
      <Table<ReviewQueueItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={queue.isFetching}
        data-testid="review-queue"
        onRow={(item) => ({ onDoubleClick: () => open(item), style: { cursor: 'pointer' } })}
        locale={{ emptyText: `Không có trường hợp nào ${REVIEW_STAGES[filters.stage].toLowerCase()} (trường hợp do bạn nhập hoặc sửa không hiện ở đây).` }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: queue.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `${formatNumber(total)} trường hợp`,
          onChange: (page, pageSize) => setFilters({ page, pageSize }),
        }}
      />
    </>
  )
}
