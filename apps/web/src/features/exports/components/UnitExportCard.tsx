import { DownloadOutlined, ExportOutlined } from '@ant-design/icons'
import { UNIT_LEVELS, type BookTypeCode } from '@hts/domain'
import { Alert, Button, Card, Form, Input, InputNumber, Progress, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { errorMessage } from '../../../lib/http'
import { bookTypeOptions } from '../../books/bookTypes'
import { useUnits } from '../../units/api'
import { entryListUrl, useExportJob, useStartUnitExport } from '../api'

/**
 * Exports for officers: every book of a unit as MOJ packages (a background job with progress, then
 * one zip), and any filtered list of entries as an Excel sheet for their own use.
 */
export function UnitExportCard() {
  const units = useUnits()
  const [unitId, setUnitId] = useState<string | undefined>()
  const [bookType, setBookType] = useState<BookTypeCode | undefined>()
  const [year, setYear] = useState<number | undefined>()
  const [q, setQ] = useState('')
  const [jobId, setJobId] = useState<string | null>(null)
  const start = useStartUnitExport()
  const job = useExportJob(jobId)
  const p = job.data?.progress ?? {}
  const total = Number(p.booksTotal ?? 0)
  const done = Number(p.booksDone ?? 0)

  const unitOptions = (units.data ?? []).filter((u) => u.current !== false).map((u) => ({ value: u.id, label: `${UNIT_LEVELS[u.level] ?? ''} ${u.name}`.trim() }))
  return (
    <Card title="Xuất dữ liệu" size="small" style={{ marginTop: 16 }}>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label="Đơn vị" htmlFor="exportUnit">
          <Select id="exportUnit" allowClear placeholder="Đơn vị của tôi" style={{ width: 240 }} options={unitOptions} value={unitId} onChange={(v?: string) => setUnitId(v)} />
        </Form.Item>
        <Form.Item label="Loại sổ" htmlFor="exportType">
          <Select id="exportType" allowClear placeholder="Mọi loại" style={{ width: 260 }} options={bookTypeOptions()} value={bookType} onChange={(v?: BookTypeCode) => setBookType(v)} />
        </Form.Item>
        <Form.Item label="Năm" htmlFor="exportYear">
          <InputNumber id="exportYear" min={1800} max={2100} value={year} onChange={(v) => setYear(v ?? undefined)} />
        </Form.Item>
      </Form>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
        <Space wrap>
          <Button
            icon={<ExportOutlined />}
            loading={start.isPending}
            disabled={Boolean(jobId) && job.data?.status !== 'succeeded' && job.data?.status !== 'failed' && job.data?.status !== 'cancelled'}
            onClick={() => start.mutate({ ...(unitId ? { unitId } : {}), ...(bookType ? { bookType } : {}), ...(year ? { year } : {}) }, { onSuccess: (r) => setJobId(r.jobId) })}
          >
            Xuất gói bàn giao của mọi sổ (mẫu Bộ Tư pháp, một tệp zip)
          </Button>
          <Input placeholder="Lọc theo tên hoặc số" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220 }} aria-label="Lọc danh sách theo tên hoặc số" />
          <Button icon={<DownloadOutlined />} href={entryListUrl({ unitId, bookType, year, q: q.trim() })}>
            Tải danh sách trường hợp (Excel)
          </Button>
        </Space>
        {start.isError && <Alert type="error" showIcon title={errorMessage(start.error)} />}
        {jobId && job.data && (
          <>
            <Progress percent={job.data.status === 'succeeded' ? 100 : total ? Math.round((done / total) * 100) : 0} status={job.data.status === 'failed' ? 'exception' : job.data.status === 'succeeded' ? 'success' : 'active'} format={() => `${done}/${total || '?'} sổ`} />
            {p.phase === 'zip' && job.data.status === 'running' && <Typography.Text>Đã xuất xong các sổ, đang đóng gói tệp zip...</Typography.Text>}
            {Number(p.attempt ?? 1) > 1 && (
              <Alert type="info" showIcon title={`Máy chủ đã khởi động lại trong khi xuất: tác vụ tự chạy tiếp, giữ lại ${String(p.reusedBooks ?? 0)} sổ đã xuất xong trước đó.`} />
            )}
            {job.data.status === 'failed' && <Alert type="error" showIcon title={job.data.error ?? 'Xuất không thành công'} />}
            {job.data.status === 'succeeded' && (
              <Button type="primary" icon={<DownloadOutlined />} href={`/api/exports/${jobId}/download`}>
                Tải tệp zip ({String(job.data.result?.books ?? 0)} sổ, {String(job.data.result?.entries ?? 0)} trường hợp)
              </Button>
            )}
          </>
        )}
        <Typography.Text type="secondary">Danh sách trường hợp dùng nội bộ, không phải tệp gửi Bộ Tư pháp. Mọi lần xuất đều được ghi nhật ký.</Typography.Text>
      </Space>
    </Card>
  )
}
