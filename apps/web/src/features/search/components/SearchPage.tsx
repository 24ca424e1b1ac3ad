import { SEARCH_MATCHES, getBookType, isBookTypeCode, type SearchResult } from '@hts/domain'
import { Alert, Card, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import { StatusTag } from '../../entries/components/StatusTag'
import { entryPath, hasCriteria, pageImageUrl, searchParamsOf, useSearch, type SearchParams } from '../api'
import { SearchFilters } from './SearchFilters'

const MATCH_COLORS = { exact: 'green', folded: 'cyan', partial: 'gold', fuzzy: 'orange', filter: 'default' } as const

const bookLabel = (r: SearchResult) => `${isBookTypeCode(r.bookType) ? getBookType(r.bookType).shortLabel : r.bookType}, quyển ${r.volume}`

const columns: ColumnsType<SearchResult> = [
  {
    title: 'Họ tên', key: 'name',
    render: (_, r) => (
      <Space direction="vertical" size={0}>
        <Link to={entryPath(r)} data-testid="search-result-link">{r.subjectName ?? '(không có tên)'}</Link>
        <Tag color={MATCH_COLORS[r.match]}>{SEARCH_MATCHES[r.match]}</Tag>
      </Space>
    ),
  },
  { title: 'Sổ', key: 'book', render: (_, r) => bookLabel(r) },
  { title: 'Số', dataIndex: 'so', key: 'so', width: 70 },
  { title: 'Ngày đăng ký', dataIndex: 'registrationDate', key: 'registrationDate' },
  { title: 'Ngày sinh', dataIndex: 'birthDate', key: 'birthDate' },
  { title: 'Cha, mẹ', key: 'parents', render: (_, r) => <Space direction="vertical" size={0}>{r.fatherName && <span>Cha: {r.fatherName}</span>}{r.motherName && <span>Mẹ: {r.motherName}</span>}</Space> },
  { title: 'Đơn vị', dataIndex: 'unitName', key: 'unitName' },
  { title: 'Trạng thái', key: 'status', render: (_, r) => <StatusTag status={r.status} /> },
  {
    title: 'Ảnh trang', key: 'page',
    render: (_, r) => (r.pageIds[0] ? <a href={pageImageUrl(r.pageIds[0])} target="_blank" rel="noreferrer" onClick={(e) => e.stopPropagation()}>Xem ảnh</a> : <Typography.Text type="secondary">Chưa có</Typography.Text>),
  },
]

/** Search in every book of the user's scope (issue 12): criteria in the address, results paged, a row opens the entry. */
export function SearchPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const navigate = useNavigate()
  const params = searchParamsOf(searchParams)
  const result = useSearch(params)
  const page = Number(params.page ?? 1)
  const pageSize = Number(params.pageSize ?? 20)
  const go = (next: SearchParams) => setSearchParams(Object.fromEntries(Object.entries(next).filter((e): e is [string, string] => e[1] !== undefined)))

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>Tìm trong sổ hộ tịch</Typography.Title>
      <Card size="small"><SearchFilters params={params} onSearch={(next) => go(next)} /></Card>
      {!hasCriteria(params) && <Alert type="info" showIcon message="Nhập họ tên (có dấu hoặc không dấu, thiếu tên đệm hay gõ sai một chữ vẫn tìm được) hoặc một điều kiện khác rồi bấm Tìm." />}
      {result.error && <Alert type="error" showIcon message={errorMessage(result.error)} />}
      {result.data?.totalCapped && <Alert type="warning" showIcon message={`Có hơn ${result.data.total} kết quả: chỉ hiện ${result.data.total} kết quả gần nhất. Hãy thêm năm, loại sổ hoặc tên cha mẹ.`} />}
      {hasCriteria(params) && (
        <Table<SearchResult>
          rowKey="id"
          size="small"
          loading={result.isFetching}
          columns={columns}
          dataSource={result.data?.items ?? []}
          locale={{ emptyText: 'Không tìm thấy trường hợp nào trong phạm vi đơn vị của bạn' }}
          onRow={(r) => ({ onClick: () => navigate(entryPath(r)), style: { cursor: 'pointer' } })}
          pagination={{
            current: page, pageSize, total: result.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100],
            showTotal: (total) => `${total} kết quả`,
            onChange: (nextPage, nextSize) => go({ ...params, page: String(nextPage), pageSize: String(nextSize) }),
          }}
        />
      )}
    </Space>
  )
}
