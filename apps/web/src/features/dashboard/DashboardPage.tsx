import { ENTRY_STATUSES, MATCH_OUTCOMES, isEntryStatus, type DashboardUnitRow } from '@hts/domain'
import { Alert, Card, Checkbox, Col, Empty, Progress, Row, Segmented, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd'
import { lazy, Suspense, useState } from 'react'
import { formatDate, formatNumber, formatVnd } from '../../lib/format'
import { errorMessage } from '../../lib/http'
import { useCurrentUser } from '../auth/currentUser'
import { PhaseSelect, usePhaseParam } from '../campaign/components/PhaseSelect'
import { useUnits } from '../units/api'
import { useDashboard, type DashboardView } from './api'

// The chart library is large: its own chunk, loaded after the figures are on screen.
const ThroughputChart = lazy(() => import('./ThroughputChart').then((m) => ({ default: m.ThroughputChart })))

const BIG = { fontSize: 40, fontWeight: 600 } as const
const percent = (done: number, of: number | null) => (of && of > 0 ? Math.min(100, Math.round((done / of) * 1000) / 10) : 0)
const statusLabel = (s: string) => (isEntryStatus(s) ? ENTRY_STATUSES[s] : s)
const outcomeLabel = (o: string) => (o in MATCH_OUTCOMES ? MATCH_OUTCOMES[o as keyof typeof MATCH_OUTCOMES] : o)

/** No completed day of work measured yet: neutral, not "never finishes". */
const NO_PACE_YET = 'Chưa đủ số liệu để dự báo'

function ForecastText({ forecast }: { forecast: DashboardUnitRow['forecast'] }) {
  if (!forecast) return <Typography.Text type="secondary">Chưa có kế hoạch</Typography.Text>
  if (forecast.insufficientData) return <Tag style={{ fontSize: 15 }}>{NO_PACE_YET}</Tag>
  if (forecast.finishOn === null) return <Tag color="red" style={{ fontSize: 15 }}>Chưa nhập được, không kịp hạn</Tag>
  return forecast.late
    ? <Tag color="red" style={{ fontSize: 15 }}>{formatDate(forecast.finishOn)} · trễ {forecast.workingDaysLate} ngày làm việc</Tag>
    : <Tag color="green" style={{ fontSize: 15 }}>{formatDate(forecast.finishOn)} · kịp hạn</Tag>
}

function Headline({ view }: { view: DashboardView }) {
  const { totals, forecast, cost } = view
  const target = totals.planned ?? totals.total
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12} xl={6}>
        <Card><Statistic title="Đã số hóa (đã nhập trở lên)" value={totals.done} formatter={(v) => formatNumber(Number(v))} valueStyle={BIG}
          suffix={<span style={{ fontSize: 20 }}>/ {formatNumber(target)}</span>} />
        <Progress percent={percent(totals.done, target)} strokeWidth={14} /></Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card><Statistic title="Tốc độ đo được (trường hợp / ngày làm việc, 2–4 tuần qua)" value={forecast.perDay} formatter={(v) => formatNumber(Number(v))} valueStyle={BIG} />
          {forecast.planned?.workingDays != null && <Typography.Text type="secondary">Theo kế hoạch: {formatNumber(forecast.planned.entries)} ÷ ({forecast.planned.units} đơn vị × {formatNumber(forecast.planned.entriesPerUnitPerDay)}/ngày) ≈ {forecast.planned.workingDays} ngày làm việc</Typography.Text>}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card><Statistic title={`Dự kiến xong (hạn ${formatDate(forecast.deadline) || '—'})`} value={forecast.own?.finishOn ? formatDate(forecast.own.finishOn) : '—'}
          valueStyle={{ ...BIG, color: forecast.own?.insufficientData ? undefined : forecast.own?.late ? '#cf1322' : '#389e0d' }} />
          {forecast.own?.late && <Typography.Text type="danger">Không kịp hạn ở tốc độ hiện nay</Typography.Text>}
          {forecast.own?.insufficientData && <Typography.Text type="secondary">{NO_PACE_YET}</Typography.Text>}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card><Statistic title="Chi phí đến nay" value={cost ? formatVnd(cost.toDate) : '—'} valueStyle={{ ...BIG, fontSize: 30 }} />
          {cost && <Typography.Text type="secondary">Còn lại {formatVnd(cost.remaining)} ({formatVnd(cost.unitPriceVnd)}/trường hợp)</Typography.Text>}
        </Card>
      </Col>
    </Row>
  )
}

function UnitsTable({ view }: { view: DashboardView }) {
  return (
    <Table<DashboardUnitRow> rowKey="unitId" size="middle" pagination={false} dataSource={view.units} data-testid="dashboard-units" style={{ fontSize: 16 }}
      columns={[
        { title: 'Đơn vị', dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
        { title: 'Tiến độ so với kế hoạch', width: '35%', render: (_, r) => <Progress percent={percent(r.done, r.planned ?? r.total)} strokeWidth={16} format={(p) => `${p ?? 0}%`} /> },
        { title: 'Đã số hóa / kế hoạch', align: 'right', render: (_, r) => `${formatNumber(r.done)} / ${r.planned === null ? `${formatNumber(r.total)} (chưa có kế hoạch)` : formatNumber(r.planned)}` },
        { title: 'Trường hợp/ngày', align: 'right', render: (_, r) => formatNumber(r.perDay) },
        { title: 'Dự kiến xong', render: (_, r) => <ForecastText forecast={r.forecast} /> },
      ]}
    />
  )
}

function RiskList({ view }: { view: DashboardView }) {
  if (view.risk.length === 0) return <Empty description="Chưa có đơn vị nào có kế hoạch cho giai đoạn này" />
  return (
    <Table rowKey="unitId" size="middle" pagination={false} dataSource={view.risk.map((r, i) => ({ ...r, rank: i + 1 }))} data-testid="dashboard-risk"
      columns={[
        { title: '#', dataIndex: 'rank', width: 50 },
        { title: 'Đơn vị', dataIndex: 'name', render: (name: string, r) => <Typography.Text strong type={r.late ? 'danger' : undefined} style={{ fontSize: 17 }}>{name}</Typography.Text> },
        { title: 'Còn phải nhập', align: 'right', render: (_, r) => formatNumber(r.remaining) },
        { title: 'Trường hợp/ngày', align: 'right', render: (_, r) => formatNumber(r.perDay) },
        { title: 'Dự kiến xong', render: (_, r) => <ForecastText forecast={{ workingDaysNeeded: null, finishOn: r.finishOn, late: r.late, workingDaysLate: r.workingDaysLate, insufficientData: r.insufficientData }} /> },
      ]}
    />
  )
}

function Details({ view }: { view: DashboardView }) {
  const { backlog, reconciliation, acceptance } = view
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Card title="Tồn đọng kiểm tra">
          <Space size="large" wrap>
            <Statistic title="Chờ kiểm tra" value={backlog.waitingCheck} formatter={(v) => formatNumber(Number(v))} />
            <Statistic title="Chờ phê duyệt" value={backlog.waitingApproval} formatter={(v) => formatNumber(Number(v))} />
            <Statistic title="Bị trả lại" value={backlog.returned} formatter={(v) => formatNumber(Number(v))} />
            <Statistic title="Đang nhập dở" value={backlog.drafts} formatter={(v) => formatNumber(Number(v))} />
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title="Đối chiếu dân cư">
          <Space size="large" wrap>
            {Object.entries(reconciliation.byOutcome).map(([o, n]) => <Statistic key={o} title={outcomeLabel(o)} value={n} formatter={(v) => formatNumber(Number(v))} />)}
            <Statistic title="Hồ sơ theo dõi đang mở" value={reconciliation.openCases} formatter={(v) => formatNumber(Number(v))} />
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title="Nghiệm thu">
          <Space size="large" wrap>
            <Statistic title="Lô đạt" value={acceptance.accepted} />
            <Statistic title="Lô không đạt" value={acceptance.rejected} />
            <Statistic title="Đang kiểm tra" value={acceptance.inspecting} />
            <Statistic title="Tỷ lệ lỗi đo được" value={acceptance.errorRate === null ? '—' : `${(acceptance.errorRate * 100).toFixed(2)} %`} />
          </Space>
        </Card>
      </Col>
    </Row>
  )
}

/** /tien-do: where a unit and every unit below it stand against the plan, the pace, the forecast, the cost; made for a projector. */
export function DashboardPage() {
  const me = useCurrentUser()
  const units = useUnits()
  const [unitId, setUnitId] = useState<string>(me.unit.id)
  const [phaseId, setPhaseId] = usePhaseParam()
  const [byHistoric, setByHistoric] = useState(false)
  const [by, setBy] = useState<'week' | 'day'>('week')
  const dashboard = useDashboard(unitId, phaseId, byHistoric)
  const view = dashboard.data

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap', marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>Tiến độ số hóa{view ? ` — ${view.unit.name}` : ''}</Typography.Title>
        <Space wrap>
          {me.unit.level !== 'commune' && (
            <Select showSearch={{ optionFilterProp: 'label' }} style={{ minWidth: 240 }} aria-label="Đơn vị" value={unitId} onChange={setUnitId} loading={units.isLoading}
              options={(units.data ?? []).filter((u) => u.current).map((u) => ({ value: u.id, label: u.name }))} />
          )}
          <PhaseSelect value={phaseId} onChange={setPhaseId} />
          {me.unit.level !== 'commune' && <Checkbox checked={byHistoric} onChange={(e) => setByHistoric(e.target.checked)}>Theo huyện cũ</Checkbox>}
        </Space>
      </Space>
      {dashboard.isError && <Alert type="error" showIcon title={errorMessage(dashboard.error)} style={{ marginBottom: 12 }} />}
      {dashboard.isLoading && <Spin size="large" />}
      {view && (
        <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="dashboard">
          {view.phase && <Typography.Text type="secondary" style={{ fontSize: 16 }}>
            {view.phase.name}: sổ đăng ký từ {view.phase.windowFrom} đến {view.phase.windowTo}, hạn {formatDate(view.phase.deadline)} · số liệu đến {formatDate(view.today)}
          </Typography.Text>}
          <Headline view={view} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}><Card title="Tiến độ từng đơn vị"><UnitsTable view={view} /></Card></Col>
            <Col xs={24} xl={10}><Card title="Đơn vị có nguy cơ trễ hạn (nhiều nguy cơ nhất trước)"><RiskList view={view} /></Card></Col>
          </Row>
          <Card title="Số trường hợp mỗi tuần / mỗi ngày" extra={<Segmented value={by} onChange={(v) => setBy(v === 'day' ? 'day' : 'week')} options={[{ value: 'week', label: 'Theo tuần' }, { value: 'day', label: 'Theo ngày' }]} />}>
            <Suspense fallback={<Spin />}>
              <ThroughputChart points={by === 'week' ? view.throughput.weekly : view.throughput.daily} by={by} />
            </Suspense>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title="Theo loại sổ">
                <Table rowKey="bookType" size="middle" pagination={false} dataSource={view.byType}
                  columns={[
                    { title: 'Loại sổ', dataIndex: 'label' },
                    { title: 'Tiến độ', width: '35%', render: (_, t) => <Progress percent={percent(t.done, t.planned ?? t.total)} /> },
                    { title: 'Đã số hóa / kế hoạch', align: 'right', render: (_, t) => `${formatNumber(t.done)} / ${formatNumber(t.planned ?? t.total)}` },
                    { title: 'Theo trạng thái', render: (_, t) => Object.entries(t.byStatus).map(([s, n]) => <Tag key={s}>{statusLabel(s)}: {formatNumber(n)}</Tag>) },
                  ]} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title="Người nhập (4 tuần qua)">
                {view.throughput.keyers === null ? <Typography.Text type="secondary">Chỉ người được xem tài khoản của đơn vị mới thấy tên người nhập.</Typography.Text> : (
                  <Table rowKey={(k) => k.userId ?? 'system'} size="middle" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={view.throughput.keyers}
                    columns={[
                      { title: 'Người', dataIndex: 'name' },
                      { title: 'Nhập xong', align: 'right', render: (_, k) => formatNumber(k.keyed) },
                      { title: 'Kiểm tra', align: 'right', render: (_, k) => formatNumber(k.checked) },
                      { title: 'Phê duyệt', align: 'right', render: (_, k) => formatNumber(k.approved) },
                    ]} />
                )}
              </Card>
            </Col>
          </Row>
          <Details view={view} />
          {view.historic && (
            <Card title="Sổ của các xã đã sáp nhập, theo huyện cũ (trước 2025)">
              <Table rowKey="unitId" size="middle" pagination={false} dataSource={view.historic} locale={{ emptyText: 'Không có sổ nào của xã đã sáp nhập' }}
                columns={[
                  { title: 'Huyện cũ', dataIndex: 'name' },
                  { title: 'Trường hợp', align: 'right', render: (_, h) => formatNumber(h.total) },
                  { title: 'Đã số hóa', align: 'right', render: (_, h) => formatNumber(h.done) },
                  { title: 'Tiến độ', width: '35%', render: (_, h) => <Progress percent={percent(h.done, h.total)} /> },
                ]} />
            </Card>
          )}
        </Space>
      )}
    </>
  )
}
