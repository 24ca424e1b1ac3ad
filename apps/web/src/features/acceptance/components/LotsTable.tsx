import { Table, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { Link } from 'react-router-dom'
import { formatDateTime, formatNumber, formatVnd } from '../../../lib/format'
import type { LotView } from '../api'
import { formatAql } from '../marks'
import { LotStatusTag } from './LotStatusTag'
import { RecordLinks } from './RecordLinks'

export const lotPath = (lotId: string) => `/nghiem-thu/${lotId}`

const years = (lot: LotView) =>
  lot.yearFrom === null && lot.yearTo === null ? '' : `năm ${lot.yearFrom ?? '…'}–${lot.yearTo ?? '…'}`

interface Props {
  lots: readonly LotView[]
  total: number
  page: number
  pageSize: number
  loading: boolean
  onPage: (page: number, pageSize: number) => void
}

/** The lots in the user's scope, newest first (the server's order). */
export function LotsTable({ lots, total, page, pageSize, loading, onPage }: Props) {
  const columns: TableColumnsType<LotView> = [
    { title: 'Đơn vị', dataIndex: 'unitName', width: 180 },
    {
      title: 'Giai đoạn',
      key: 'phase',
      render: (_: unknown, lot) => (
        <>
          <Link to={lotPath(lot.id)}>{lot.phase}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {[lot.bookId ? 'một sổ' : '', years(lot), lot.previousLotId ? 'lấy mẫu lại' : '', formatDateTime(lot.createdAt)].filter(Boolean).join(' · ')}
          </Typography.Text>
        </>
      ),
    },
    { title: 'Cỡ lô', dataIndex: 'lotSize', width: 80, align: 'right', render: (n: number) => formatNumber(n) },
    { title: 'Cỡ mẫu', key: 'sample', width: 90, align: 'right', render: (_: unknown, lot) => `${formatNumber(lot.sampleSize)} (${lot.codeLetter})` },
    { title: 'AQL', dataIndex: 'aql', width: 80, align: 'right', render: (aql: number) => formatAql(aql) },
    { title: 'Ac/Re', key: 'acre', width: 70, align: 'center', render: (_: unknown, lot) => `${lot.acceptanceNumber}/${lot.rejectionNumber}` },
    { title: 'Kết quả', dataIndex: 'status', width: 200, render: (s: string, lot) => <LotStatusTag status={s} label={lot.statusLabel} /> },
    { title: 'Đã kiểm tra', key: 'inspected', width: 100, align: 'right', render: (_: unknown, lot) => `${formatNumber(lot.inspectedCount)}/${formatNumber(lot.sampleSize)}` },
    { title: 'Thành tiền', dataIndex: 'amount', width: 130, align: 'right', render: (n: number) => formatVnd(n) },
    {
      title: 'Biên bản',
      key: 'record',
      width: 250,
      render: (_: unknown, lot) => (lot.status === 'inspecting' ? <Typography.Text type="secondary">Sau khi kết luận</Typography.Text> : <RecordLinks lotId={lot.id} size="small" />),
    },
  ]

  return (
    <Table<LotView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...lots]}
      loading={loading}
      data-testid="lots-table"
      scroll={{ x: 1200 }}
      locale={{ emptyText: 'Chưa có lô nghiệm thu nào.' }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (n) => `${formatNumber(n)} lô`,
        onChange: onPage,
      }}
    />
  )
}
