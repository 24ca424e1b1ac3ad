import { CloudUploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Table, Tag, Tooltip, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { BACKUP_STALE_HOURS } from '@hts/domain'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { useBackups, useStartBackup, type BackupView } from '../api'

const STATUS_COLORS: Record<BackupView['status'], string> = { running: 'processing', succeeded: 'green', failed: 'red', pruned: 'default' }

function formatSize(bytes: number | null): string {
  if (bytes === null) return ''
  if (bytes < 1024 * 1024) return `${formatNumber(Math.ceil(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
}

const formatDuration = (ms: number | null) => (ms === null ? '' : ms < 60_000 ? `${(ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây` : `${Math.round(ms / 60_000)} phút`)

/** "Sao lưu": the server's backups, newest first, the last good one highlighted; an administrator can take one now. */
export function BackupsPage() {
  const me = useCurrentUser()
  const backups = useBackups()
  const start = useStartBackup()
  const { message } = App.useApp()
  const items = backups.data?.items ?? []
  const lastGood = items.find((b) => b.status === 'succeeded')
  const ageHours = lastGood?.finishedAt ? (Date.now() - new Date(lastGood.finishedAt).getTime()) / 3600_000 : undefined

  const onStart = () =>
    start.mutate(undefined, {
      onSuccess: () => void message.success('Đã bắt đầu sao lưu; danh sách tự cập nhật khi xong'),
      onError: (err) => void message.error(errorMessage(err)),
    })

  const columns: TableColumnsType<BackupView> = [
    {
      title: 'Bắt đầu lúc',
      dataIndex: 'startedAt',
      render: (v: string, b) => (
        <>
          {formatDateTime(v)} {b.id === lastGood?.id && <Tag color="green">Bản tốt gần nhất</Tag>}
        </>
      ),
    },
    { title: 'Loại', dataIndex: 'kindLabel' },
    {
      title: 'Trạng thái',
      key: 'status',
      render: (_, b) => (
        <Tooltip title={b.error ?? undefined}>
          <Tag color={STATUS_COLORS[b.status]}>{b.statusLabel}</Tag>
        </Tooltip>
      ),
    },
    { title: 'Kích thước', dataIndex: 'sizeBytes', align: 'right', render: formatSize },
    { title: 'Thời gian chạy', dataIndex: 'durationMs', align: 'right', render: formatDuration },
    { title: 'Tệp (mới chép)', key: 'files', align: 'right', render: (_, b) => (b.files === null ? '' : `${formatNumber(b.files)} (${formatNumber(b.filesCopied ?? 0)})`) },
    { title: 'Người yêu cầu', dataIndex: 'startedBy', render: (v: string | null, b) => v ?? (b.kind === 'cli' ? 'Lệnh trên máy chủ' : 'Máy chủ tự động') },
    {
      title: 'Bản ngoài máy',
      key: 'offsite',
      render: (_, b) =>
        b.offsite === null || b.status !== 'succeeded' ? '' : b.offsite.error ? <Typography.Text type="danger">{b.offsite.error}</Typography.Text>
        : b.offsite.copiedAt ? <Tag color="green">Đã chép {formatDateTime(b.offsite.copiedAt)}</Tag> : <Tag>Chưa chép</Tag>,
    },
    { title: 'Tệp sao lưu', dataIndex: 'path', render: (v: string | null, b) => (b.status === 'failed' ? <Typography.Text type="danger">{b.error}</Typography.Text> : <Typography.Text code copyable={v ? { text: v } : false}>{v ? v.split('/').pop() : ''}</Typography.Text>) },
  ]

  return (
    <>
      <Typography.Title level={3}>Sao lưu dữ liệu</Typography.Title>
      {lastGood ? (
        <Alert
          type={ageHours !== undefined && ageHours > BACKUP_STALE_HOURS ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          message={`Bản sao lưu tốt gần nhất: ${formatDateTime(lastGood.finishedAt)} (${lastGood.kindLabel.toLowerCase()}, ${formatSize(lastGood.sizeBytes)}, đã đọc lại và kiểm tra)`}
          description={lastGood.path ? <>Khôi phục trên máy chủ (đã dừng): <Typography.Text code copyable>{`npm run restore -- ${lastGood.path}`}</Typography.Text></> : undefined}
        />
      ) : (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="Chưa có bản sao lưu tốt nào" />
      )}
      {hasPermission(me, 'backup.run') && (
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={onStart} loading={start.isPending} disabled={items.some((b) => b.status === 'running')} style={{ marginBottom: 16 }}>
          Sao lưu ngay
        </Button>
      )}
      <Table<BackupView>
        rowKey="id"
        size="small"
        loading={backups.isLoading}
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 50 }}
        onRow={(b) => (b.id === lastGood?.id ? { style: { background: '#f6ffed' } } : {})}
      />
    </>
  )
}
