import { DownloadOutlined } from '@ant-design/icons'
import { Table, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { formatDateTime, formatNumber } from '../../../lib/format'
import type { HandoverBatchView } from '../api'

const columns: TableColumnsType<HandoverBatchView> = [
  { title: 'Thời điểm', dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
  { title: 'Người chuyển giao', dataIndex: 'createdByName', render: (name: string | null) => name ?? '—' },
  { title: 'Số trường hợp', dataIndex: 'entryCount', width: 130, align: 'right', render: (n: number) => formatNumber(n) },
  {
    title: 'SHA-256 tệp Excel',
    dataIndex: 'excelSha256',
    width: 170,
    render: (sha: string) => <Typography.Text code copyable={{ text: sha }} title={sha}>{sha.slice(0, 12)}…</Typography.Text>,
  },
  {
    title: 'Gói',
    dataIndex: 'packageUrl',
    width: 150,
    render: (url: string) => <a href={url}><DownloadOutlined /> Tải gói (.zip)</a>,
  },
]

/** The book's batches, newest first; each package is the Excel and manifest exactly as handed over. */
export function HandoverBatchTable({ batches, loading }: { batches: readonly HandoverBatchView[]; loading: boolean }) {
  return (
    <Table<HandoverBatchView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...batches]}
      loading={loading}
      pagination={false}
      data-testid="handover-batches"
      locale={{ emptyText: 'Sổ này chưa có đợt chuyển giao nào.' }}
    />
  )
}
