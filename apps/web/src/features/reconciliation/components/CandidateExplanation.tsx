import { Collapse, Space, Table, Tag, Typography } from 'antd'
import { MATCH_FIELDS, levelLabel, type MatchField } from '@hts/domain'
import type { Result } from '../api'

type Candidate = Result['candidates'][number]
type Field = Candidate['fields'][number]

const pct = (p: number) => `${(p * 100).toFixed(p >= 0.999 || p < 0.01 ? 2 : 1)}%`

/** One candidate beside the book: each field's values, how they compare and how much it counted. */
export function CandidateExplanation({ candidate, proposed }: { candidate: Candidate; proposed: boolean }) {
  const p = candidate.person
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {proposed && <Tag color="blue">Đề xuất</Tag>}
        <Typography.Text strong>{p?.fullName ?? '(không còn trong dữ liệu dân cư)'}</Typography.Text>
        <Typography.Text>Số định danh: {candidate.personalId ?? '(chưa có)'}</Typography.Text>
        {p?.residence && <Typography.Text type="secondary">Thường trú: {p.residence}</Typography.Text>}
        <Typography.Text>Xác suất là cùng người: <b>{pct(candidate.probability)}</b> (tổng điểm {candidate.weight.toFixed(1)})</Typography.Text>
        {candidate.stale && <Tag color="orange">Dữ liệu dân cư đã được thay: đối chiếu lại</Tag>}
      </Space>
      <Table<Field>
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={candidate.fields}
        columns={[
          { title: 'Thông tin', dataIndex: 'fieldLabel', width: 150 },
          { title: 'Trong sổ', dataIndex: 'book', render: (v: string | null) => v ?? <Typography.Text type="secondary">(trống)</Typography.Text> },
          { title: 'Trong CSDL dân cư', dataIndex: 'population', render: (v: string | null) => v ?? <Typography.Text type="secondary">(trống)</Typography.Text> },
          {
            title: 'So sánh',
            render: (_, f) => (
              <Space orientation="vertical" size={0}>
                {/* An agreement is never shown as a penalty: the colour says how the values compare, the points column how much. */}
                <Tag color={f.level === 'missing' ? 'default' : f.differs ? 'red' : f.weight < 0 ? 'orange' : 'green'}>{f.label}</Tag>
                {f.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.note}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: 'Điểm',
            dataIndex: 'weight',
            align: 'right',
            width: 80,
            render: (w: number) => <Typography.Text type={w > 0 ? 'success' : w < 0 ? 'danger' : 'secondary'}>{w > 0 ? '+' : ''}{w.toFixed(1)}</Typography.Text>,
          },
          { title: 'Mức ảnh hưởng', dataIndex: 'weightText', width: 190, render: (t: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t}</Typography.Text> },
        ]}
      />
    </Space>
  )
}

const MODEL_FIELD: Record<string, MatchField> = { name: 'name', mother: 'mother', father: 'father', dateFull: 'birthDate', datePartial: 'birthDate', sex: 'sex', personalId: 'personalId', place: 'birthplace' }

/** Which weights scored the proposal: learned on the run's data (with the learned shares), or the defaults. */
export function LearnedWeights({ model }: { model: Result['model'] }) {
  const m = model.m
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{model.description}</Typography.Text>
      {m && (
        <Collapse size="small" items={[{
          key: 'm',
          label: 'Tỷ lệ học được: trong các cặp đúng là cùng người, bao nhiêu phần trăm có mức so sánh này',
          children: Object.entries(m).map(([field, table]) => {
            const matchField = MODEL_FIELD[field]
            if (!matchField) return null
            return (
              <div key={field}>
                <b>{MATCH_FIELDS[matchField]}{field === 'datePartial' ? ' (một bên chỉ ghi tháng/năm hoặc năm)' : ''}:</b>{' '}
                {Object.entries(table).map(([level, share]) => `${levelLabel(matchField, level)} ${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`).join('; ')}
              </div>
            )
          }),
        }]} />
      )}
    </Space>
  )
}
