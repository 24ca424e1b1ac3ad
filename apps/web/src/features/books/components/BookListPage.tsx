import { PlusOutlined } from '@ant-design/icons'
import { BOOK_CONDITIONS, type BookTypeCode } from '@hts/domain'
import { Alert, Button, InputNumber, Select, Space, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useBooks, type BookView } from '../api'
import { bookTypeLabel, bookTypeOptions } from '../bookTypes'
import { UnitHandoverCard } from '../../handover/components/UnitHandoverCard'
import { BookFormDrawer } from './BookFormDrawer'

const CONDITION_COLORS: Record<BookView['condition'], string> = { intact: 'green', damaged: 'orange', lost: 'red' }

export function ConditionTag({ condition }: { condition: BookView['condition'] }) {
  return <Tag color={CONDITION_COLORS[condition]}>{BOOK_CONDITIONS[condition]}</Tag>
}

function readFilters(params: URLSearchParams) {
  const type = params.get('type') ?? undefined
  const year = Number(params.get('year')) || undefined
  const page = Number(params.get('page')) || 1
  const pageSize = Number(params.get('pageSize')) || 20
  return { type: type as BookTypeCode | undefined, year, page, pageSize }
}

export function BookListPage() {
  const me = useCurrentUser()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const filters = readFilters(params)
  const books = useBooks(filters)
  const [drawerOpen, setDrawerOpen] = useState(false)
  const canCreate = hasPermission(me, 'book.create')

  // Filters live in the URL so that "back" from a book returns to the same page of the list.
  const setFilter = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, String(v))
    }
    if (!('page' in patch)) next.delete('page')
    setParams(next, { replace: true })
  }

  const columns: TableColumnsType<BookView> = [
    {
      title: 'Loại sổ',
      dataIndex: 'bookType',
      render: (code: string, b) => <Link to={`/so/${b.id}`}>{bookTypeLabel(code)}</Link>,
    },
    { title: 'Quyển số', dataIndex: 'volume' },
    { title: 'Năm', dataIndex: 'year' },
    { title: 'Cơ quan đăng ký', dataIndex: 'issuingAuthority' },
    { title: 'Đơn vị lưu giữ', dataIndex: 'custodianUnitName' },
    { title: 'Tình trạng', dataIndex: 'condition', render: (c: BookView['condition']) => <ConditionTag condition={c} /> },
    { title: 'Số trường hợp', dataIndex: 'entryCount', align: 'right', render: (n: number) => formatNumber(n) },
  ]

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Sổ hộ tịch
        </Typography.Title>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawerOpen(true)}>
            Thêm sổ
          </Button>
        )}
      </div>
      <Space wrap style={{ margin: '16px 0' }} role="search" aria-label="Lọc danh sách sổ">
        <label htmlFor="filterType">Loại sổ</label>
        <Select
          id="filterType"
          style={{ width: 300 }}
          allowClear
          placeholder="Tất cả loại sổ"
          value={filters.type}
          options={bookTypeOptions()}
          onChange={(v?: string) => setFilter({ type: v })}
        />
        <label htmlFor="filterYear">Năm</label>
        <InputNumber
          id="filterYear"
          placeholder="Tất cả"
          min={1900}
          max={2100}
          controls={false}
          value={filters.year ?? null}
          // Only a whole year filters: typing 2008 should not query 2, 20 and 200 on the way.
          onChange={(v) => (v === null || v >= 1900) && setFilter({ year: v ?? undefined })}
        />
      </Space>
      <UnitHandoverCard />
      {books.isError && <Alert type="error" showIcon title={errorMessage(books.error)} style={{ marginBottom: 16 }} />}
      <Table<BookView>
        rowKey="id"
        columns={columns}
        dataSource={books.data?.items ?? []}
        loading={books.isFetching}
        size="middle"
        onRow={(b) => ({ onDoubleClick: () => navigate(`/so/${b.id}`), style: { cursor: 'pointer' } })}
        locale={{ emptyText: canCreate ? 'Chưa có sổ nào. Bấm “Thêm sổ” để bắt đầu.' : 'Chưa có sổ nào.' }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: books.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `Tổng ${formatNumber(total)} sổ`,
          onChange: (page, pageSize) => setFilter({ page, pageSize }),
        }}
      />
      <BookFormDrawer
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        onSaved={(book) => {
          setDrawerOpen(false)
          navigate(`/so/${book.id}`)
        }}
      />
    </>
  )
}
