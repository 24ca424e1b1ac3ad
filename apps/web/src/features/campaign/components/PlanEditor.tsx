import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { PlanUpdate, type PlanLine } from '@hts/domain'
import { formatDate, formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { bookTypeLabel } from '../../books/bookTypes'
import { useUpdatePlan, type PlanView } from '../api'
import { PlanActions } from './PlanActions'
import { PlanStatusTag } from './PlanStatusTag'

interface Draft {
  lines: PlanLine[]
  accountIds: string[]
  others: string[]
  dates: [Dayjs | null, Dayjs | null] | null
  entriesPerDay: number | null
  note: string
}

function draftOf(plan: PlanView): Draft {
  return {
    lines: plan.lines.map(({ bookType, booksPlanned, entriesPlanned }) => ({ bookType, booksPlanned, entriesPlanned })),
    accountIds: plan.team.flatMap((m) => (m.userId ? [m.userId] : [])),
    others: plan.team.flatMap((m) => (m.userId ? [] : [m.name])),
    dates: plan.startsOn || plan.endsOn ? [plan.startsOn ? dayjs(plan.startsOn) : null, plan.endsOn ? dayjs(plan.endsOn) : null] : null,
    entriesPerDay: plan.entriesPerDay,
    note: plan.note ?? '',
  }
}

/** A unit's plan: editable by the unit while a draft or returned; read-only otherwise, with the actions the server allows. */
export function PlanEditor({ plan }: { plan: PlanView }) {
  const { message } = App.useApp()
  const update = useUpdatePlan(plan.id)
  const [draft, setDraft] = useState<Draft>(() => draftOf(plan))
  const [dirty, setDirty] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    setDraft(draftOf(plan))
    setDirty(false)
  }, [plan])
  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }))
    setDirty(true)
  }
  const setLine = (index: number, key: 'booksPlanned' | 'entriesPlanned', value: number | null) =>
    change({ lines: draft.lines.map((l, i) => (i === index ? { ...l, [key]: value ?? 0 } : l)) })

  const save = () => {
    const parsed = PlanUpdate.safeParse({
      lines: draft.lines, team: [...draft.accountIds.map((userId) => ({ userId })), ...draft.others.filter((n) => n.trim()).map((name) => ({ name: name.trim() }))],
      startsOn: draft.dates?.[0]?.format('YYYY-MM-DD') ?? null, endsOn: draft.dates?.[1]?.format('YYYY-MM-DD') ?? null,
      entriesPerDay: draft.entriesPerDay, note: draft.note.trim() || null, version: plan.version,
    })
    if (!parsed.success) return setProblem(parsed.error.issues.map((i) => i.message).join('; '))
    setProblem(null)
    update.mutate(parsed.data, { onSuccess: () => void message.success('Đã lưu kế hoạch'), onError: (err) => setProblem(errorMessage(err)) })
  }

  const total = draft.lines.reduce((n, l) => n + l.entriesPlanned, 0)
  const edit = plan.canEdit
  return (
    <Card title={<Space>Kế hoạch của {plan.unitName} <PlanStatusTag status={plan.status} label={plan.statusLabel} /></Space>} data-testid="plan-editor"
      extra={<Space>{edit && <Button type="primary" onClick={save} loading={update.isPending} disabled={!dirty} data-testid="plan-save">Lưu</Button>}<PlanActions plan={plan} dirty={dirty} /></Space>}>
      {plan.returnReason && plan.status === 'returned' && <Alert type="warning" showIcon title={`Cấp trên trả lại: ${plan.returnReason}`} style={{ marginBottom: 12 }} />}
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="plan-error" />}
      <Typography.Title level={5}>Số sổ và số trường hợp phải số hóa</Typography.Title>
      <Typography.Paragraph type="secondary">Điền sẵn từ kiểm kê sổ (sổ còn, không tính sổ bị mất) và số trường hợp đã có trong hệ thống; sửa theo thực tế.</Typography.Paragraph>
      <Table<PlanLine> rowKey="bookType" size="small" pagination={false} dataSource={draft.lines} data-testid="plan-lines"
        summary={() => <Table.Summary.Row><Table.Summary.Cell index={0}><strong>Tổng cộng</strong></Table.Summary.Cell><Table.Summary.Cell index={1} /><Table.Summary.Cell index={2} align="right"><strong>{formatNumber(total)}</strong></Table.Summary.Cell></Table.Summary.Row>}
        columns={[
          { title: 'Loại sổ', render: (_, l) => bookTypeLabel(l.bookType) },
          { title: 'Số sổ', align: 'right', render: (_, l, i) => (edit ? <InputNumber min={0} value={l.booksPlanned} onChange={(v) => setLine(i, 'booksPlanned', v)} aria-label={`Số sổ ${l.bookType}`} /> : formatNumber(l.booksPlanned)) },
          { title: 'Số trường hợp', align: 'right', render: (_, l, i) => (edit ? <InputNumber min={0} value={l.entriesPlanned} onChange={(v) => setLine(i, 'entriesPlanned', v)} aria-label={`Số trường hợp ${l.bookType}`} data-testid={`plan-entries-${l.bookType}`} /> : formatNumber(l.entriesPlanned)) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>Nhân lực và thời gian</Typography.Title>
      {edit ? (
        <Form layout="vertical">
          <Form.Item label="Người tham gia có tài khoản">
            <Select mode="multiple" value={draft.accountIds} onChange={(accountIds: string[]) => change({ accountIds })} options={plan.teamCandidates.map((c) => ({ value: c.userId, label: c.name }))} placeholder="Chọn tài khoản của đơn vị" data-testid="plan-team-accounts" />
          </Form.Item>
          <Form.Item label="Người tham gia chưa có tài khoản">
            <Space orientation="vertical" style={{ width: '100%' }}>
              {draft.others.map((name, i) => (
                <Space.Compact key={i} style={{ width: '100%' }}>
                  <Input value={name} maxLength={200} placeholder="Họ và tên" aria-label={`Người tham gia ${i + 1}`} onChange={(e) => change({ others: draft.others.map((n, j) => (j === i ? e.target.value : n)) })} />
                  <Button icon={<DeleteOutlined />} aria-label="Bỏ người này" onClick={() => change({ others: draft.others.filter((_, j) => j !== i) })} />
                </Space.Compact>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => change({ others: [...draft.others, ''] })} data-testid="plan-team-add">Thêm người</Button>
            </Space>
          </Form.Item>
          <Form.Item label="Từ ngày — đến ngày">
            <DatePicker.RangePicker format="DD/MM/YYYY" value={draft.dates} onChange={(dates) => change({ dates: dates ? [dates[0], dates[1]] : null })} />
          </Form.Item>
          <Form.Item label="Định mức (trường hợp/người/ngày, không bắt buộc)">
            <InputNumber min={1} max={10_000} value={draft.entriesPerDay} onChange={(entriesPerDay) => change({ entriesPerDay })} />
          </Form.Item>
          <Form.Item label="Ghi chú">
            <Input.TextArea rows={2} maxLength={4000} value={draft.note} onChange={(e) => change({ note: e.target.value })} />
          </Form.Item>
        </Form>
      ) : (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="Người tham gia">{plan.team.length ? plan.team.map((m) => m.name).join(', ') : '—'}</Descriptions.Item>
          <Descriptions.Item label="Thời gian">{plan.startsOn || plan.endsOn ? `${formatDate(plan.startsOn)} — ${formatDate(plan.endsOn)}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="Định mức">{plan.entriesPerDay ? `${formatNumber(plan.entriesPerDay)} trường hợp/người/ngày` : '—'}</Descriptions.Item>
          {plan.note && <Descriptions.Item label="Ghi chú">{plan.note}</Descriptions.Item>}
        </Descriptions>
      )}
    </Card>
  )
}
