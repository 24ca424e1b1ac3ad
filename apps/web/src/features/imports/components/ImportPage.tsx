import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { BOOK_TYPE_CODES, type BookTypeCode } from '@hts/domain'
import { Alert, Button, Card, Form, Progress, Select, Space, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { useFileUpload } from '../../../lib/useFileUpload'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { bookTypeLabel, bookTypeOptions } from '../../books/bookTypes'
import { UnitExportCard } from '../../exports/components/UnitExportCard'
import { uploadImport, useImports, useMappings, type ImportListItem } from '../api'
import { StatusTag } from './StatusTag'

const ACCEPT = '.xlsx,.csv,.txt,.xls'

function UploadCard() {
  const navigate = useNavigate()
  const [bookType, setBookType] = useState<BookTypeCode>('KS')
  const [mappingId, setMappingId] = useState<string | undefined>()
  const { input, progress, error, run } = useFileUpload()
  const mappings = useMappings(bookType)

  const onFile = async (file: File | undefined) => {
    if (!file) return
    await run(async (onProgress) => {
      const view = await uploadImport(file, { bookType, mappingId }, onProgress)
      navigate(`/nhap-excel/${view.id}`)
    })
  }

  return (
    <Card title="Nhập tệp Excel hoặc CSV" size="small">
      <Typography.Paragraph type="secondary">
        Tệp được kiểm tra và phân tích trước: chưa có gì được ghi cho đến khi bạn xem kết quả phân tích và bấm “Bắt đầu nhập”.
      </Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label="Loại sổ" htmlFor="importBookType">
          <Select id="importBookType" value={bookType} options={bookTypeOptions()} onChange={(v: BookTypeCode) => (setBookType(v), setMappingId(undefined))} />
        </Form.Item>
        <Form.Item label="Bảng ghép cột đã lưu (cho tệp không theo mẫu Bộ Tư pháp)" htmlFor="importMapping">
          <Select
            id="importMapping"
            allowClear
            placeholder="Không dùng (tự nhận tên cột theo mẫu)"
            value={mappingId}
            onChange={(v?: string) => setMappingId(v)}
            options={(mappings.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          />
        </Form.Item>
        <Button type="primary" icon={<InboxOutlined />} size="large" loading={progress !== null} onClick={() => input.current?.click()}>
          Chọn tệp .xlsx hoặc .csv để phân tích
        </Button>
        <input ref={input} type="file" accept={ACCEPT} aria-label="Chọn tệp để nhập" style={{ display: 'none' }} onChange={(e) => void onFile(e.target.files?.[0])} />
        {progress !== null && <Progress percent={Math.round(progress * 100)} status="active" format={(p) => (p === 100 ? 'Đang phân tích...' : `${p}%`)} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Form>
      <Space wrap style={{ marginTop: 12 }}>
        <Typography.Text>Tải mẫu trống:</Typography.Text>
        {BOOK_TYPE_CODES.map((code) => (
          <a key={code} href={`/api/templates/${code}.xlsx`} download title={bookTypeLabel(code)}>
            <DownloadOutlined /> {code}
          </a>
        ))}
      </Space>
    </Card>
  )
}

function HistoryCard() {
  const navigate = useNavigate()
  const imports = useImports()
  const columns: TableColumnsType<ImportListItem> = [
    { title: 'Tệp', dataIndex: 'fileName' },
    { title: 'Loại sổ', dataIndex: 'bookType', width: 90, render: (t: string) => <Tag>{t}</Tag> },
    { title: 'Người nhập', dataIndex: 'createdByName', width: 180 },
    { title: 'Lúc', dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d) },
    { title: 'Kết quả', width: 220, render: (_, r) => (r.status === 'succeeded' ? `${formatNumber(Number(r.counts.accepted ?? 0))} đã nhận, ${formatNumber(Number(r.counts.rejected ?? 0))} bị loại` : '') },
    { title: 'Trạng thái', width: 170, render: (_, r) => <StatusTag status={r.status} /> },
  ]
  return (
    <Card title="Các lần nhập gần đây" size="small" style={{ marginTop: 16 }}>
      {imports.isError && <Alert type="error" showIcon title={errorMessage(imports.error)} />}
      <Table<ImportListItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={imports.data?.items ?? []}
        loading={imports.isFetching}
        pagination={false}
        onRow={(r) => ({ onClick: () => navigate(`/nhap-excel/${r.id}`), style: { cursor: 'pointer' } })}
        locale={{ emptyText: 'Chưa có lần nhập nào.' }}
      />
    </Card>
  )
}

/** "Nhập, xuất Excel": upload and analyse a file, recent imports, exports by unit. */
export function ImportPage() {
  const me = useCurrentUser()
  return (
    <>
      <Typography.Title level={3}>Nhập, xuất Excel</Typography.Title>
      {hasPermission(me, 'import.run') && <UploadCard />}
      {hasPermission(me, 'import.run') && <HistoryCard />}
      {hasPermission(me, 'export.run') && <UnitExportCard />}
    </>
  )
}
