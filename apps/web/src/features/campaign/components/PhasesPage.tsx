import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { errorMessage } from '../../../lib/http'
import { formatDate, formatVnd } from '../../../lib/format'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { usePhases, type PhaseView } from '../api'
import { PhaseFormDrawer } from './PhaseFormDrawer'

const month = (ym: string) => `${ym.slice(5, 7)}/${ym.slice(0, 4)}`

/** /chien-dich: the phases of the province's campaign; the province officer defines and edits them. */
export function PhasesPage() {
  const me = useCurrentUser()
  const phases = usePhases()
  const [editing, setEditing] = useState<PhaseView | null | undefined>(undefined)
  const canManage = hasPermission(me, 'campaign.manage')

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Chiến dịch số hóa: các giai đoạn</Typography.Title>
        {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="phase-create">Giai đoạn mới</Button>}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        Mỗi giai đoạn gồm các trường hợp đăng ký trong một khoảng thời gian, của các loại sổ và đơn vị đã chọn; các xã lập kế hoạch theo giai đoạn.
      </Typography.Paragraph>
      {phases.isError && <Alert type="error" showIcon title={errorMessage(phases.error)} style={{ marginBottom: 12 }} />}
      <Table<PhaseView>
        rowKey="id"
        loading={phases.isLoading}
        dataSource={phases.data ?? []}
        pagination={false}
        locale={{ emptyText: 'Chưa có giai đoạn nào' }}
        data-testid="phases-table"
        columns={[
          { title: 'Giai đoạn', dataIndex: 'name' },
          { title: 'Đăng ký từ — đến', render: (_, p) => `${month(p.windowFrom)} — ${month(p.windowTo)}` },
          { title: 'Loại sổ', render: (_, p) => p.bookTypes.map((t) => <Tag key={t}>{t}</Tag>) },
          { title: 'Đơn vị', render: (_, p) => (p.unitIds === null ? 'Tất cả' : p.unitNames.join(', ')) },
          { title: 'Bắt đầu', render: (_, p) => formatDate(p.startsOn) },
          { title: 'Hạn hoàn thành', render: (_, p) => formatDate(p.deadline) },
          { title: 'Đơn giá', align: 'right', render: (_, p) => formatVnd(p.unitPriceVnd) },
          { title: 'AQL', align: 'right', render: (_, p) => `${String(p.aql).replace('.', ',')} %` },
          ...(canManage ? [{ title: '', key: 'edit', render: (_: unknown, p: PhaseView) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={`Sửa ${p.name}`}>Sửa</Button> }] : []),
        ]}
      />
      <PhaseFormDrawer open={editing !== undefined} phase={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  )
}
