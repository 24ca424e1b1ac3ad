import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import { ENTRY_STATUSES } from '@hts/domain'
import { Alert, Button, Card, Descriptions, Input, Result, Select, Space, Spin, Table, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom'
import { formatDate, formatNumber } from '../../../lib/format'
import { errorMessage, HttpError } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useEntries, type EntrySummary } from '../../entries/api'
import { StatusTag } from '../../entries/components/StatusTag'
import { useBook, type BookView } from '../api'
import { bookTypeLabel } from '../bookTypes'
import { BookScansCard } from '../../scans/components/BookScansCard'
import { BookOcrCard } from '../../ocr/components/BookOcrCard'
import { AssignmentsCard } from '../../workbench/components/AssignmentsCard'
import { BookFormDrawer } from './BookFormDrawer'
import { BookExportButtons } from '../../exports/components/BookExportButtons'
import { ReconcileBookActions } from '../../reconciliation/components/ReconcileBookActions'
import { BookReviewCard } from '../../review/components/BookReviewCard'
import { HandoverCard } from '../../handover/components/HandoverCard'
import { ConditionTag } from './BookListPage'
import { DoubleKeyingSwitch } from './DoubleKeyingSwitch'

function BookHeader({ book }: { book: BookView }) {
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
      <Descriptions.Item label="Cơ quan đăng ký">{book.issuingAuthority}</Descriptions.Item>
      <Descriptions.Item label="Đơn vị lưu giữ">{book.custodianUnitName}</Descriptions.Item>
      <Descriptions.Item label="Năm mở sổ">{book.year}</Descriptions.Item>
      <Descriptions.Item label="Mở ngày">{formatDate(book.openedOn) || '—'}</Descriptions.Item>
      <Descriptions.Item label="Khóa ngày">{formatDate(book.closedOn) || '—'}</Descriptions.Item>
      <Descriptions.Item label="Số trang / khổ giấy">
        {book.pageCount ?? '—'} / {book.paperSize ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label="Tình trạng">
        <ConditionTag condition={book.condition} /> {book.conditionNote}
      </Descriptions.Item>
      <Descriptions.Item label="Số trường hợp đã nhập">{formatNumber(book.entryCount)}</Descriptions.Item>
      <Descriptions.Item label="Nhập kép">
        <DoubleKeyingSwitch book={book} />
      </Descriptions.Item>
    </Descriptions>
  )
}

const STATUS_OPTIONS = Object.entries(ENTRY_STATUSES).map(([value, label]) => ({ value, label }))

export function BookDetailPage() {
  const { bookId = '' } = useParams()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const book = useBook(bookId)
  const [params, setParams] = useSearchParams()
  const page = Number(params.get('page')) || 1
  const pageSize = Number(params.get('pageSize')) || 50
  const q = params.get('q') ?? ''
  const status = params.get('status') ?? undefined
  const entries = useEntries(bookId, { page, pageSize, q: q || undefined, status })
  const [search, setSearch] = useState(q)
  const [editing, setEditing] = useState(false)

  const setQuery = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, String(v))
    }
    if (!('page' in patch)) next.delete('page')
    setParams(next, { replace: true })
  }

  if (book.isError) {
    const notFound = book.error instanceof HttpError && book.error.status === 404
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? 'Không tìm thấy sổ' : 'Không tải được sổ'}
        subTitle={errorMessage(book.error)}
        extra={<Button onClick={() => navigate('/so')}>Về danh sách sổ</Button>}
      />
    )
  }
  if (!book.data) return <Spin size="large" style={{ display: 'block', margin: 48 }} />
  const b = book.data
  const openEntry = (e: EntrySummary) => navigate(`/so/${b.id}/truong-hop/${e.id}`)

  const columns: TableColumnsType<EntrySummary> = [
    { title: 'Số', dataIndex: 'so', width: 90, render: (so: number | null, e) => <Link to={`/so/${b.id}/truong-hop/${e.id}`}>{so ?? '—'}</Link> },
    { title: 'Trang', dataIndex: 'trangSo', width: 90 },
    { title: 'Ngày đăng ký', dataIndex: 'registrationDate', width: 140 },
    { title: 'Người được đăng ký', dataIndex: 'subjectName' },
    { title: 'Trạng thái', dataIndex: 'status', width: 160, render: (s: string, e) => <StatusTag status={s} label={e.statusLabel ?? undefined} /> },
  ]

  return (
    <>
      <Link to="/so">
        <ArrowLeftOutlined /> Danh sách sổ
      </Link>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 12, margin: '8px 0 16px' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {bookTypeLabel(b.bookType)}, quyển {b.volume}
        </Typography.Title>
        <Space wrap>
          <BookExportButtons bookId={b.id} />
          <ReconcileBookActions bookId={b.id} />
          {hasPermission(me, 'book.update') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              Sửa thông tin sổ
            </Button>
          )}
          {hasPermission(me, 'entry.create') && b.condition !== 'lost' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/so/${b.id}/truong-hop/moi`)}>
              Nhập trường hợp mới
            </Button>
          )}
        </Space>
      </div>
      <BookHeader book={b} />
      {b.condition !== 'lost' && <BookScansCard bookId={b.id} />}
      {b.condition !== 'lost' && <BookOcrCard bookId={b.id} />}
      <AssignmentsCard bookId={b.id} />
      <BookReviewCard bookId={b.id} onStatus={(s) => setQuery({ status: s })} />
      <HandoverCard bookId={b.id} />
      <Card size="small" style={{ marginTop: 16 }} title="Các trường hợp trong sổ">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            id="entrySearch"
            aria-label="Tìm theo tên hoặc số"
            placeholder="Tìm theo tên, số..."
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setQuery({ q: v.trim() })}
            style={{ width: 320 }}
          />
          <Select
            aria-label="Lọc theo trạng thái"
            allowClear
            placeholder="Mọi trạng thái"
            style={{ width: 200 }}
            value={status}
            options={STATUS_OPTIONS}
            onChange={(v?: string) => setQuery({ status: v })}
          />
        </Space>
        {entries.isError && <Alert type="error" showIcon title={errorMessage(entries.error)} style={{ marginBottom: 12 }} />}
        <Table<EntrySummary>
          rowKey="id"
          columns={columns}
          dataSource={entries.data?.items ?? []}
          loading={entries.isFetching}
          size="small"
          data-testid="entry-table"
          onRow={(e) => ({ onDoubleClick: () => openEntry(e), style: { cursor: 'pointer' } })}
          locale={{ emptyText: q ? 'Không có trường hợp nào khớp với tìm kiếm.' : 'Sổ này chưa có trường hợp nào được nhập.' }}
          pagination={{
            current: page,
            pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => `Tổng ${formatNumber(total)} trường hợp`,
            onChange: (p, ps) => setQuery({ page: p, pageSize: ps }),
          }}
        />
      </Card>
      <BookFormDrawer open={editing} book={b} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
    </>
  )
}
