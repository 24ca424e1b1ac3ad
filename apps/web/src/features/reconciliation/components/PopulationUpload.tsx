import { InboxOutlined } from '@ant-design/icons'
import { Alert, App, Button, DatePicker, Form, Input, Progress, Select, Space, Table, Typography, Upload } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useCurrentUser } from '../../auth/currentUser'
import { useUnits } from '../../units/api'
import { errorMessage } from '../../../lib/http'
import { uploadPopulationFile, useCreateExtract, useJob, type Upload as UploadView } from '../api'

/** Upload → check the column mapping on sample rows → load (background job with progress). */
export function PopulationUpload({ onDone }: { onDone: () => void }) {
  const me = useCurrentUser()
  const units = useUnits()
  const { message } = App.useApp()
  const [upload, setUpload] = useState<UploadView>()
  const [uploading, setUploading] = useState(false)
  const [mapping, setMapping] = useState<Record<string, number | undefined>>({})
  const [jobId, setJobId] = useState<string>()
  const create = useCreateExtract()
  const job = useJob(jobId)
  const [form] = Form.useForm<{ unitId: string; source: string; extractDate: dayjs.Dayjs }>()

  const onFile = async (file: File) => {
    setUploading(true)
    try {
      const result = await uploadPopulationFile(file)
      setUpload(result)
      setMapping(result.suggestedMapping)
    } catch (err) {
      void message.error(errorMessage(err))
    } finally {
      setUploading(false)
    }
    return false
  }

  const start = async () => {
    if (!upload) return
    const values = await form.validateFields()
    const chosen = Object.fromEntries(Object.entries(mapping).filter((e): e is [string, number] => e[1] !== undefined))
    create.mutate(
      { uploadId: upload.uploadId, unitId: values.unitId, source: values.source, extractDate: values.extractDate.format('YYYY-MM-DD'), mapping: chosen },
      { onSuccess: (r) => setJobId(r.jobId), onError: (err) => void message.error(errorMessage(err)) },
    )
  }

  if (jobId) {
    const data = job.data
    const progress = data?.progress ?? {}
    const finished = data && ['succeeded', 'failed', 'cancelled'].includes(data.status)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {data?.statusLabel ?? 'Đang chờ'}: đã đọc {String(progress.read ?? 0)} dòng, đã nạp {String(progress.loaded ?? 0)}, không nạp được {String(progress.rejected ?? 0)}
        </Typography.Text>
        <Progress percent={data?.status === 'succeeded' ? 100 : data?.status === 'running' ? 50 : 5} status={data?.status === 'failed' ? 'exception' : finished ? 'success' : 'active'} showInfo={false} />
        {data?.status === 'failed' && <Alert type="error" message={data.error ?? 'Nạp không thành công'} />}
        {finished && <Button onClick={onDone}>Đóng</Button>}
      </Space>
    )
  }

  if (!upload) {
    return (
      <Upload.Dragger accept=".xlsx,.csv" showUploadList={false} beforeUpload={onFile} disabled={uploading}>
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p>Kéo thả hoặc bấm để chọn tệp dữ liệu dân cư (.xlsx hoặc .csv) do công an cung cấp</p>
        {uploading && <p>Đang tải lên...</p>}
      </Upload.Dragger>
    )
  }

  const options = upload.headers.map((h, i) => ({ value: i, label: `Cột ${i + 1}: ${h || '(trống)'}` }))
  const missing = upload.fields.filter((f) => f.required && mapping[f.key] === undefined)
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text>Tệp <b>{upload.fileName}</b>: kiểm tra cột nào ứng với thông tin nào (đã gợi ý theo tiêu đề cột), rồi bấm Nạp dữ liệu.</Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={upload.fields}
        columns={[
          { title: 'Thông tin', dataIndex: 'label', render: (label: string, f) => (f.required ? <b>{label} *</b> : label) },
          {
            title: 'Cột trong tệp',
            render: (_, f) => (
              <Select allowClear style={{ width: 260 }} placeholder="(không có)" options={options} value={mapping[f.key]} onChange={(v: number | undefined) => setMapping({ ...mapping, [f.key]: v })} />
            ),
          },
          { title: 'Ví dụ (dòng đầu)', render: (_, f) => (mapping[f.key] === undefined ? '' : (upload.sampleRows[0]?.[mapping[f.key] as number] ?? '')) },
        ]}
      />
      {missing.length > 0 && <Alert type="warning" message={`Chưa chọn cột cho: ${missing.map((f) => f.label).join(', ')}`} />}
      <Form form={form} layout="inline" initialValues={{ unitId: me.unit.id, extractDate: dayjs() }}>
        <Form.Item name="unitId" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
          <Select style={{ width: 220 }} options={(units.data ?? []).filter((u) => u.current !== false).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="source" label="Nguồn" rules={[{ required: true, message: 'Ghi nguồn dữ liệu' }]}>
          <Input placeholder="Công an xã ..." style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="extractDate" label="Ngày trích xuất" rules={[{ required: true, message: 'Chọn ngày' }]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </Form>
      <Space>
        <Button type="primary" onClick={start} loading={create.isPending} disabled={missing.length > 0}>Nạp dữ liệu</Button>
        <Button onClick={() => setUpload(undefined)}>Chọn tệp khác</Button>
      </Space>
    </Space>
  )
}
