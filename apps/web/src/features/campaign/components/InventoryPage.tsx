import { EditOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons'
import { APPENDIX_HEADINGS, type AppendixRowView, type InventoryType } from '@hts/domain'
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { useCurrentUser } from '../../auth/currentUser'
import { useUnits } from '../../units/api'
import { appendixUrl, useInventory, type InventoryBook } from '../api'
import { ConditionEditor } from './ConditionEditor'
import { PhaseSelect, usePhaseParam } from './PhaseSelect'

const CONDITION_COLORS: Record<string, string> = { intact: 'green', damaged: 'orange', lost: 'red' }
const progress = (e: InventoryBook['entries']) => `${formatNumber(e.keyed)} / ${formatNumber(e.checked)} / ${formatNumber(e.approved)} / ${formatNumber(e.handedOver)}`
const PROGRESS_TITLE = 'Đã nhập / kiểm tra / phê duyệt / chuyển giao'

function AppendixTable({ rows, unitId, phaseId }: { rows: AppendixRowView[]; unitId: string; phaseId: string }) {
  const [stt, type, total, inDb, toKey, note] = APPENDIX_HEADINGS
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 24 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>Phụ lục kế hoạch</Typography.Title>
        <Space>
          <Button icon={<FileExcelOutlined />} href={appendixUrl(unitId, phaseId, 'xlsx')} download data-testid="appendix-xlsx">Tải Excel</Button>
          <Button icon={<FilePdfOutlined />} href={appendixUrl(unitId, phaseId, 'pdf')} download data-testid="appendix-pdf">Tải PDF</Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">
        Tổng số lấy theo kế hoạch của đơn vị (nếu có), nếu chưa có thì theo số đã kiểm kê; đã có trong CSDL là các trường hợp đã phê duyệt hoặc đã chuyển giao.
      </Typography.Paragraph>
      <Table<AppendixRowView> rowKey={(r) => r.bookType ?? 'total'} size="small" pagination={false} dataSource={rows} bordered data-testid="appendix-table"
        columns={[
          { title: stt, render: (_, r) => r.stt ?? '' },
          { title: type, render: (_, r) => (r.stt === null ? <strong>{r.label}</strong> : r.label) },
          { title: total, align: 'right', render: (_, r) => formatNumber(r.total) },
          { title: inDb, align: 'right', render: (_, r) => formatNumber(r.inDatabase) },
          { title: toKey, align: 'right', render: (_, r) => formatNumber(r.toKey) },
          { title: note, dataIndex: 'note' },
        ]}
      />
    </>
  )
}

/** /kiem-ke: the book inventory of a unit (by type and by book, condition editable), and for a phase the appendix table. */
export function InventoryPage() {
  const me = useCurrentUser()
  const units = useUnits()
  const [unitId, setUnitId] = useState<string>(me.unit.id)
  const [phaseId, setPhaseId] = usePhaseParam()
  const inventory = useInventory(unitId, phaseId)
  const [editing, setEditing] = useState<InventoryBook | null>(null)
  const data = inventory.data

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Kiểm kê sổ hộ tịch</Typography.Title>
        <Space wrap>
          {me.unit.level !== 'commune' && (
            <Select showSearch={{ optionFilterProp: 'label' }} style={{ minWidth: 240 }} aria-label="Đơn vị" value={unitId} onChange={setUnitId} loading={units.isLoading}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.current ? u.name : `${u.name} (trước 2025)` }))} />
          )}
          <PhaseSelect value={phaseId} onChange={setPhaseId} allowClear />
        </Space>
      </Space>
      {inventory.isError && <Alert type="error" showIcon title={errorMessage(inventory.error)} style={{ marginBottom: 12 }} />}
      <Table<InventoryType> rowKey="bookType" size="small" pagination={false} loading={inventory.isLoading} dataSource={data?.byType ?? []} data-testid="inventory-types"
        locale={{ emptyText: 'Chưa có sổ nào' }}
        columns={[
          { title: 'Loại sổ', dataIndex: 'label' },
          { title: 'Số sổ', align: 'right', render: (_, t) => formatNumber(t.books) },
          { title: 'Hư hỏng / mất', align: 'right', render: (_, t) => `${formatNumber(t.damaged)} / ${formatNumber(t.lost)}` },
          { title: 'Năm', render: (_, t) => (t.firstYear ? `${t.firstYear} – ${t.lastYear}` : '—') },
          { title: 'Số trang / đã quét', align: 'right', render: (_, t) => `${formatNumber(t.pageCount)} / ${formatNumber(t.scannedPages)}` },
          { title: 'Trường hợp', align: 'right', render: (_, t) => formatNumber(t.entries.total) },
          { title: PROGRESS_TITLE, align: 'right', render: (_, t) => progress(t.entries) },
        ]}
      />
      <Typography.Title level={4} style={{ marginTop: 24 }}>Từng quyển sổ</Typography.Title>
      <Table<InventoryBook> rowKey="id" size="small" loading={inventory.isLoading} dataSource={data?.books ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="inventory-books"
        columns={[
          { title: 'Loại sổ', dataIndex: 'typeLabel' },
          { title: 'Quyển', dataIndex: 'volume' },
          { title: 'Năm', dataIndex: 'year' },
          ...(me.unit.level !== 'commune' ? [{ title: 'Đơn vị lưu giữ', dataIndex: 'unitName' }] : []),
          { title: 'Tình trạng', render: (_, b) => <Space size={4} wrap><Tag color={CONDITION_COLORS[b.condition]}>{b.conditionLabel}</Tag>{b.conditionNote}</Space> },
          { title: 'Số trang / đã quét', align: 'right', render: (_, b) => `${b.pageCount === null ? '—' : formatNumber(b.pageCount)} / ${formatNumber(b.scannedPages)}` },
          { title: PROGRESS_TITLE, align: 'right', render: (_, b) => progress(b.entries) },
          { title: '', render: (_, b) => b.canEditCondition && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(b)} aria-label={`Sửa tình trạng quyển ${b.volume}`}>Tình trạng</Button> },
        ]}
      />
      {data?.appendix && phaseId && <AppendixTable rows={data.appendix} unitId={unitId} phaseId={phaseId} />}
      <ConditionEditor book={editing} onClose={() => setEditing(null)} />
    </>
  )
}
