import { Table, Tag, Tooltip } from 'antd'
import type { TableColumnsType } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { bookTypeLabel } from '../../books/bookTypes'
import type { LotSampleView } from '../api'
import { sampleOutcome } from '../marks'

export const samplePath = (lotId: string, entryId: string) => `/nghiem-thu/${lotId}/mau/${entryId}`

function Outcome({ sample }: { sample: LotSampleView }) {
  switch (sampleOutcome(sample)) {
    case 'pending':
      return <Tag>Chưa kiểm tra</Tag>
    case 'right':
      return <Tag color="green">Đúng</Tag>
    case 'wrong':
      return (
        <Tooltip title={sample.errors.map((e) => `${e.label}: ghi "${e.found}", đúng là "${e.correct}"`).join('; ')}>
          <Tag color="red" tabIndex={-1}>Sai {sample.errors.length} ô: {sample.errors.map((e) => e.label).join(', ')}</Tag>
        </Tooltip>
      )
  }
}

/** The frozen sample in its drawn order; a row opens the entry beside its page. */
export function SampleTable({ lotId, samples }: { lotId: string; samples: readonly LotSampleView[] }) {
  const navigate = useNavigate()
  const columns: TableColumnsType<LotSampleView> = [
    { title: 'STT', dataIndex: 'position', width: 60, align: 'right' },
    { title: 'Loại sổ', dataIndex: 'bookType', width: 150, render: (code: string) => bookTypeLabel(code) },
    { title: 'Số', dataIndex: 'so', width: 70, render: (so: number | null, s) => <Link to={samplePath(lotId, s.entryId)}>{so ?? '—'}</Link> },
    { title: 'Người được đăng ký', dataIndex: 'subjectName' },
    { title: 'Người nhập', dataIndex: 'keyedByName', width: 180 },
    { title: 'Kết quả', key: 'outcome', render: (_: unknown, s) => <Outcome sample={s} /> },
  ]
  return (
    <Table<LotSampleView>
      rowKey="entryId"
      size="small"
      columns={columns}
      dataSource={[...samples].sort((a, b) => a.position - b.position)}
      data-testid="sample-table"
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      onRow={(s) => ({ onDoubleClick: () => navigate(samplePath(lotId, s.entryId)), style: { cursor: 'pointer' } })}
    />
  )
}
