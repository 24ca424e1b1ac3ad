import { FileExcelOutlined, FilePdfOutlined, SendOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Popconfirm, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { reportWeekOf, vietnamDay } from '@hts/domain'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import { formatDate, formatNumber, formatVnd } from '../../../lib/format'
import { useCurrentUser } from '../../auth/currentUser'
import { useUnits } from '../../units/api'
import {
  formatVietnamTime, useSaveWeeklyReport, useSubmitWeeklyReport, useWeeklyReport, weeklyReportFileUrl, weeklyReportLink,
  type WeeklyReportTexts, type WeeklyReportUnitStatus, type WeeklyReportView,
} from '../api'

const TEXT_FIELDS: ReadonlyArray<{ key: keyof WeeklyReportTexts; label: string; placeholder: string }> = [
  { key: 'situation', label: 'I. Tình hình triển khai', placeholder: 'Việc đã làm trong tuần: tổ số hóa, sổ đang nhập, phối hợp…' },
  { key: 'difficulties', label: 'III. Khó khăn, vướng mắc', placeholder: 'Ví dụ: sổ rách, máy quét hỏng, thiếu người…' },
  { key: 'proposals', label: 'IV. Đề xuất, kiến nghị', placeholder: 'Đề xuất với cấp trên' },
  { key: 'budget', label: 'Kinh phí', placeholder: 'Tình hình kinh phí, giải ngân' },
]

function StateTag({ state, label, late }: { state: string; label: string; late: boolean }) {
  const color = state === 'submitted' ? 'green' : late ? 'red' : 'default'
  return <Tag color={color}>{state === 'missing' && late ? `${label} (quá hạn)` : label}</Tag>
}

/** The texts: editable while the report is the unit's own draft, read-only otherwise. */
function TextsForm({ report }: { report: WeeklyReportView }) {
  const { message } = App.useApp()
  const save = useSaveWeeklyReport()
  const [texts, setTexts] = useState<WeeklyReportTexts>(report.texts)
  if (!report.canEdit) {
    return (
      <Descriptions column={1} bordered size="small">
        {TEXT_FIELDS.map((f) => <Descriptions.Item key={f.key} label={f.label}><span style={{ whiteSpace: 'pre-wrap' }}>{report.texts[f.key] || '—'}</span></Descriptions.Item>)}
      </Descriptions>
    )
  }
  const onSave = () => save.mutate({ unitId: report.unit.id, week: report.weekStart, version: report.version, ...texts }, {
    onSuccess: () => void message.success('Đã lưu báo cáo'),
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Form layout="vertical" onFinish={onSave}>
      {TEXT_FIELDS.map((f) => (
        <Form.Item key={f.key} label={f.label} htmlFor={`report-${f.key}`}>
          <Input.TextArea id={`report-${f.key}`} rows={f.key === 'budget' ? 2 : 4} maxLength={8000} placeholder={f.placeholder} value={texts[f.key]}
            onChange={(e) => setTexts((t) => ({ ...t, [f.key]: e.target.value }))} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="report-save">Lưu nội dung</Button>
    </Form>
  )
}

function Figures({ report }: { report: WeeklyReportView }) {
  const f = report.figures
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space size="large" wrap>
        <Statistic title="Nhập xong trong tuần" value={f.week.keyed} formatter={(v) => formatNumber(Number(v))} />
        <Statistic title="Kiểm tra / phê duyệt trong tuần" value={`${formatNumber(f.week.checked)} / ${formatNumber(f.week.approved)}`} />
        <Statistic title="Số người tham gia" value={f.staff} />
        <Statistic title="Năng suất (trường hợp/ngày)" value={f.perDay} />
        <Statistic title="Dự kiến hoàn thành" value={f.forecast ? (f.forecast.finishOn ? formatDate(f.forecast.finishOn) : f.forecast.insufficientData ? 'Chưa đủ số liệu' : 'Chưa tính được') : '—'}
          styles={{ content: { color: f.forecast?.late ? '#cf1322' : undefined } }} />
        {f.cost && <Statistic title="Kinh phí đã thực hiện" value={formatVnd(f.cost.toDate)} />}
      </Space>
      <Table rowKey="bookType" size="small" pagination={false} bordered data-testid="report-figures"
        dataSource={[...f.byType, { bookType: '', label: 'Tổng cộng', ...f.totals, week: f.week }]}
        columns={[
          { title: 'Loại sổ', render: (_, t) => (t.bookType ? t.label : <strong>{t.label}</strong>) },
          { title: 'Kế hoạch', align: 'right', render: (_, t) => (t.planned === null ? '—' : formatNumber(t.planned)) },
          // A report submitted before the week was counted by type has no per-type week: a dash.
          { title: 'Nhập xong trong tuần', align: 'right', render: (_, t) => (t.week ? formatNumber(t.week.keyed) : '—') },
          { title: 'Đã số hóa (lũy kế)', align: 'right', render: (_, t) => formatNumber(t.done) },
          { title: 'Đã có trong CSDL', align: 'right', render: (_, t) => formatNumber(t.inDatabase) },
          { title: 'Còn phải làm', align: 'right', render: (_, t) => (t.remaining === null ? '—' : formatNumber(t.remaining)) },
        ]} />
      <Table rowKey="day" size="small" pagination={false} dataSource={f.daily} title={() => 'Trong tuần, theo ngày'}
        columns={[
          { title: 'Ngày', render: (_, d) => formatDate(d.day) },
          { title: 'Nhập xong', align: 'right', render: (_, d) => formatNumber(d.keyed) },
          { title: 'Kiểm tra', align: 'right', render: (_, d) => formatNumber(d.checked) },
          { title: 'Phê duyệt', align: 'right', render: (_, d) => formatNumber(d.approved) },
          { title: 'Trả lại', align: 'right', render: (_, d) => formatNumber(d.returned) },
        ]} />
      <Typography.Text type="secondary">
        {report.status === 'submitted' ? 'Số liệu giữ nguyên như lúc nộp' : `Số liệu tính đến ${formatVietnamTime(f.computedAt)}`}{f.phase ? ` · ${f.phase.name}, hạn ${formatDate(f.phase.deadline)}` : ''}
      </Typography.Text>
    </Space>
  )
}

function UnitsBelow({ report }: { report: WeeklyReportView }) {
  const submitted = report.units.filter((u) => u.state !== 'missing').length
  return (
    <Card title={`Các đơn vị cấp dưới: ${submitted}/${report.units.length} đã nộp`}>
      <Table<WeeklyReportUnitStatus> rowKey="unitId" size="middle" pagination={false} data-testid="report-units" dataSource={report.units}
        onRow={(u) => ({ style: u.late ? { background: '#fff1f0' } : undefined })}
        columns={[
          { title: 'Đơn vị', dataIndex: 'name' },
          { title: 'Tình trạng', render: (_, u) => <StateTag state={u.state} label={u.stateLabel} late={u.late} /> },
          { title: 'Hạn nộp', render: (_, u) => formatVietnamTime(u.dueAt) },
          { title: 'Nộp lúc', render: (_, u) => formatVietnamTime(u.submittedAt) },
          { title: 'Khó khăn, đề xuất', render: (_, u) => (u.texts ? [u.texts.difficulties, u.texts.proposals].filter(Boolean).join(' · ') : '') },
          { title: '', render: (_, u) => <Link to={weeklyReportLink(u.unitId, report.weekStart)}>Xem báo cáo</Link> },
        ]} />
    </Card>
  )
}

/** /bao-cao-tuan: the unit's weekly report (figures, texts, submission) and, above the commune, who has submitted. */
export function WeeklyReportPage() {
  const me = useCurrentUser()
  const units = useUnits()
  const { message } = App.useApp()
  const [params, setParams] = useSearchParams()
  const unitId = params.get('don-vi') ?? me.unit.id
  // The week's Monday, as the server names the report: the cache key its answers are written under.
  const week = reportWeekOf(params.get('tuan') ?? vietnamDay(new Date()))
  const report = useWeeklyReport(unitId, week)
  const submit = useSubmitWeeklyReport()
  const view = report.data
  const setParam = (key: string, value: string) => setParams((p) => { p.set(key, value); return p })

  const onSubmit = () => {
    if (!view) return
    submit.mutate({ unitId: view.unit.id, week: view.weekStart, version: view.version }, {
      onSuccess: () => void message.success('Đã nộp báo cáo tuần'),
      onError: (err) => void message.error(errorMessage(err)),
    })
  }

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap', marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>Báo cáo tuần{view ? ` — ${view.unit.name}` : ''}</Typography.Title>
        <Space wrap>
          {me.unit.level !== 'commune' && (
            <Select showSearch={{ optionFilterProp: 'label' }} style={{ minWidth: 240 }} aria-label="Đơn vị" value={unitId} onChange={(id: string) => setParam('don-vi', id)} loading={units.isLoading}
              options={(units.data ?? []).filter((u) => u.current).map((u) => ({ value: u.id, label: u.name }))} />
          )}
          <DatePicker picker="week" aria-label="Tuần" allowClear={false} value={dayjs(week)} data-testid="report-week"
            disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')} onChange={(d: Dayjs | null) => d && setParam('tuan', d.format('YYYY-MM-DD'))} />
        </Space>
      </Space>
      {report.isError && <Alert type="error" showIcon title={errorMessage(report.error)} style={{ marginBottom: 12 }} />}
      {report.isLoading && <Spin size="large" />}
      {view && (
        <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="weekly-report">
          <Card>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <Space direction="vertical" size={2}>
                <Typography.Text strong>Tuần {formatDate(view.weekStart)} – {formatDate(view.weekEnd)}</Typography.Text>
                <Space wrap>
                  <StateTag state={view.state} label={view.stateLabel} late={view.late} />
                  <Typography.Text type="secondary">
                    Hạn nộp {formatVietnamTime(view.dueAt)}
                    {view.submittedAt ? ` · nộp lúc ${formatVietnamTime(view.submittedAt)}${view.submittedBy ? ` (${view.submittedBy})` : ''}` : view.status === 'draft' ? ' · bản nháp đã lưu' : ''}
                  </Typography.Text>
                </Space>
              </Space>
              <Space wrap>
                <Button icon={<FilePdfOutlined />} href={weeklyReportFileUrl(view.unit.id, view.weekStart, 'pdf')} download data-testid="report-pdf">Tải PDF</Button>
                <Button icon={<FileExcelOutlined />} href={weeklyReportFileUrl(view.unit.id, view.weekStart, 'xlsx')} download data-testid="report-xlsx">Tải Excel</Button>
                {view.canSubmit && (
                  <Popconfirm title="Nộp báo cáo tuần?" description="Sau khi nộp, số liệu và nội dung được giữ nguyên, không sửa được nữa." okText="Nộp" cancelText="Chưa" onConfirm={onSubmit}>
                    <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} data-testid="report-submit">Nộp báo cáo</Button>
                  </Popconfirm>
                )}
              </Space>
            </Space>
          </Card>
          {view.units.length > 0 && <UnitsBelow report={view} />}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}><Card title="II. Kết quả"><Figures report={view} /></Card></Col>
            <Col xs={24} xl={10}>
              <Card title="Nội dung báo cáo">
                <TextsForm key={`${view.unit.id}|${view.weekStart}|${view.version}`} report={view} />
              </Card>
            </Col>
          </Row>
        </Space>
      )}
    </>
  )
}
