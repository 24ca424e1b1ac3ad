import { DownloadOutlined } from '@ant-design/icons'
import { FOLLOWUP_KINDS, FOLLOWUP_STATUS_GROUPS, FOLLOWUP_STATUSES } from '@hts/domain'
import { App, Button, Card, DatePicker, Input, Select, Space, Table, Tag } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useCurrentUser } from '../../auth/currentUser'
import { formatDateTime } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { download } from '../api'
import { useBulkTransition, useFollowups, type Followup, type FollowupFilters } from '../followups-api'
import { hasPermission } from '../../auth/api'
import { FollowupDrawer } from './FollowupDrawer'

// The two groups (open, resolved), then each status, with the domain's labels.
const STATUSES = [...Object.entries(FOLLOWUP_STATUS_GROUPS), ...Object.entries(FOLLOWUP_STATUSES)].map(([value, label]) => ({ value, label }))
const KINDS = Object.entries(FOLLOWUP_KINDS).map(([value, label]) => ({ value, label }))
const MOVES = Object.entries(FOLLOWUP_STATUSES).filter(([value]) => value !== 'new').map(([value, label]) => ({ value, label }))

/** The separate follow-up list (danh sách theo dõi riêng) of mismatches, with filters and export. */
export function FollowupPage() {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const [filters, setFilters] = useState<FollowupFilters>({ status: 'open', page: 1, pageSize: 20 })
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null)
  const [open, setOpen] = useState<string>()
  const [selected, setSelected] = useState<string[]>([])
  const [move, setMove] = useState<string>()
  const list = useFollowups(filters)
  const bulk = useBulkTransition()
  const canManage = hasPermission(me, 'followup.manage')
  const moveSelected = () => {
    if (!move) return
    bulk.mutate({ ids: selected, status: move }, {
      onSuccess: (r) => {
        setSelected([])
        void message.success(`Đã chuyển ${r.moved.length} trường hợp${r.skipped.length > 0 ? `; ${r.skipped.length} trường hợp không chuyển được (${r.skipped[0]?.reason})` : ''}`)
      },
      onError: (err) => void message.error(errorMessage(err)),
    })
  }
  const set = (patch: Partial<FollowupFilters>) => setFilters({ ...filters, ...patch, page: 1 })
  const exportQuery = Object.fromEntries(Object.entries({ ...filters, page: undefined, pageSize: undefined }).map(([k, v]) => [k, v === undefined ? undefined : String(v)]))

  return (
    <Card
      title="Danh sách theo dõi riêng"
      extra={<Button icon={<DownloadOutlined />} onClick={() => download('/api/followups/export.xlsx', exportQuery, 'danh-sach-theo-doi-rieng.xlsx').catch((err) => void message.error(errorMessage(err)))}>Xuất Excel</Button>}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 260 }} placeholder="Mọi trạng thái" value={filters.status} options={STATUSES} onChange={(v: string | undefined) => set({ status: v })} />
        <Select allowClear style={{ width: 180 }} placeholder="Mọi người phụ trách" value={filters.assigneeId}
          options={[{ value: me.id, label: 'Tôi phụ trách' }, { value: 'none', label: 'Chưa giao ai' }]} onChange={(v: string | undefined) => set({ assigneeId: v })} />
        <Select allowClear style={{ width: 260 }} placeholder="Mọi loại sai lệch" value={filters.kind} options={KINDS} onChange={(v: string | undefined) => (setSelected([]), set({ kind: v }))} aria-label="Loại sai lệch" />
        <Input.Search allowClear style={{ width: 240 }} placeholder="Họ tên hoặc số định danh" onSearch={(q) => set({ q: q || undefined })} />
        <DatePicker.RangePicker format="DD/MM/YYYY" value={range} placeholder={['Lập từ ngày', 'đến ngày']}
          onChange={(v) => (setRange(v), set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') }))} />
      </Space>
      {canManage && (
        <Space wrap style={{ marginBottom: 12 }}>
          <span>Đã chọn {selected.length} trường hợp{filters.kind ? ` (${FOLLOWUP_KINDS[filters.kind as keyof typeof FOLLOWUP_KINDS] ?? filters.kind})` : ''}</span>
          <Select style={{ width: 300 }} placeholder="Chuyển các trường hợp đã chọn sang" value={move} options={MOVES} onChange={(v: string) => setMove(v)} />
          <Button type="primary" disabled={selected.length === 0 || !move} loading={bulk.isPending} onClick={moveSelected}>Chuyển trạng thái</Button>
        </Space>
      )}
      <Table<Followup>
        rowKey="id"
        rowSelection={canManage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, onChange: (page) => setFilters({ ...filters, page }), showSizeChanger: false }}
        columns={[
          { title: 'Họ tên', dataIndex: 'subjectName' },
          { title: 'Sổ, số', render: (_, r) => `${r.book} · số ${r.so ?? ''}` },
          { title: 'Số định danh', dataIndex: 'personalId' },
          { title: 'Loại sai lệch', render: (_, r) => <Tag data-kind={r.kind}>{r.kindLabel}</Tag> },
          { title: 'Khác nhau', render: (_, r) => r.differences.map((d) => d.label).join(', ') },
          { title: 'Trạng thái', render: (_, r) => <Tag color={r.status.startsWith('resolved') ? 'green' : r.status === 'new' ? 'blue' : 'orange'}>{r.statusLabel}</Tag> },
          { title: 'Người phụ trách', dataIndex: 'assigneeName' },
          { title: 'Cập nhật', dataIndex: 'updatedAt', render: formatDateTime },
        ]}
      />
      <FollowupDrawer id={open} onClose={() => setOpen(undefined)} />
    </Card>
  )
}
