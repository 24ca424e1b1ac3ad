import { DownloadOutlined, LoadingOutlined, ReloadOutlined } from '@ant-design/icons'
import { App, Button, Space, Table, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { useRebuildPdfs, type HandoverBatchView } from '../api'

/** The package link once its PDFs are built; meanwhile how far they are, or the failure and a way to retry. */
function PackageCell({ batch }: { batch: HandoverBatchView }) {
  const rebuild = useRebuildPdfs()
  const { message } = App.useApp()
  const { pdfs } = batch
  if (pdfs.status === 'building') {
    return <Typography.Text type="secondary"><LoadingOutlined /> {pdfs.statusLabel} {formatNumber(pdfs.done)}/{formatNumber(pdfs.expected)}</Typography.Text>
  }
  if (pdfs.status === 'failed') {
    return (
      <Space direction="vertical" size={0}>
        <Typography.Text type="danger">{pdfs.statusLabel}: {pdfs.error}</Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} loading={rebuild.isPending}
          onClick={() => rebuild.mutate(batch.id, { onError: (error) => void message.error(error.message) })}>
          Tạo lại tệp PDF
        </Button>
      </Space>
    )
  }
  return (
    <Space direction="vertical" size={0}>
      <a href={batch.packageUrl}><DownloadOutlined /> Tải gói (.zip)</a>
      <Typography.Text type="secondary">{pdfs.status === 'ready' ? `Excel + ${formatNumber(pdfs.expected)} tệp PDF` : 'Excel (chưa có bản quét)'}</Typography.Text>
    </Space>
  )
}

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
    key: 'package',
    width: 220,
    render: (_: unknown, batch: HandoverBatchView) => <PackageCell batch={batch} />,
  },
]

/** The book's batches, newest first; each package is the Excel, the entry PDFs and the manifest exactly as handed over. */
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
