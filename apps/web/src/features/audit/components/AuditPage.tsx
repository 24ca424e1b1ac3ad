import { DownloadOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons'
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, AUDIT_EXPORT_MAX_ROWS, AUDIT_LOOKUP_TYPES } from '@hts/domain'
import { Alert, App, Button, Card, Checkbox, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { download } from '../../reconciliation/api'
import { useUnits } from '../../units/api'
import { useUsers } from '../../users/api'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { FILTER_KEYS, isLookupType, useAuditPage, type AuditEvent, type AuditFilters } from '../api'

const ACTIONS = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label: `${label} (${value})` }))
const ENTITY_TYPES = Object.entries(AUDIT_ENTITY_TYPES).map(([value, label]) => ({
  value,
  label: (AUDIT_LOOKUP_TYPES as readonly string[]).includes(value) ? `${label} — ai đã xem` : label,
}))

function filtersOf(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {}
  for (const key of FILTER_KEYS) {
    const value = params.get(key)
    if (value) filters[key] = value
  }
  return filters
}

/**
 * /nhat-ky: the audit trail for those holding audit.read (the province's officers and inspectors, a
 * commune's leader for the commune). Filters live in the address, so "Ai đã xem trường hợp này" on an
 * entry opens this screen on that entry. Pages follow the server's cursor (no page numbers: the trail
 * is too large to count on every page).
 */
export function AuditPage() {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const [params, setParams] = useSearchParams()
  const filters = filtersOf(params)
  const [cursors, setCursors] = useState<string[]>([])
  const [entityDraft, setEntityDraft] = useState(filters.entityId ?? '')
  const cursor = cursors[cursors.length - 1]
  const page = useAuditPage(filters, cursor)
  const users = useUsers(hasPermission(me, 'user.read'))
  const units = useUnits()

  const set = (patch: Partial<AuditFilters>) => {
    const next = new URLSearchParams()
    for (const [key, value] of Object.entries({ ...filters, ...patch })) if (value) next.set(key, value)
    setParams(next, { replace: true })
    setCursors([])
  }
  const lookup = isLookupType(filters.entityType) && filters.entityId

  return (
    <Card
      title="Nhật ký truy cập"
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() => download('/api/audit/export.xlsx', { ...filters }, 'nhat-ky-truy-cap.xlsx').catch((err) => void message.error(errorMessage(err)))}
        >
          Xuất Excel
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }} aria-label="Bộ lọc nhật ký">
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 240 }} placeholder="Mọi tài khoản" aria-label="Lọc theo tài khoản"
          value={filters.userId} loading={users.isLoading}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
          onChange={(v: string | undefined) => set({ userId: v })} />
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} placeholder="Mọi đơn vị trong phạm vi" aria-label="Lọc theo đơn vị"
          value={filters.unitId} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          onChange={(v: string | undefined) => set({ unitId: v })} />
        <Checkbox checked={filters.includeBelow !== 'false'} disabled={!filters.unitId} onChange={(e) => set({ includeBelow: e.target.checked ? undefined : 'false' })}>
          Gồm đơn vị cấp dưới
        </Checkbox>
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 300 }} placeholder="Mọi thao tác" aria-label="Lọc theo thao tác"
          value={filters.action} options={ACTIONS} onChange={(v: string | undefined) => set({ action: v })} />
        <DatePicker.RangePicker format="DD/MM/YYYY" placeholder={['Từ ngày', 'đến ngày']}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })} />
        <Space.Compact>
          <Select allowClear style={{ width: 240 }} placeholder="Loại đối tượng" aria-label="Loại đối tượng" value={filters.entityType} options={ENTITY_TYPES}
            onChange={(v: string | undefined) => set({ entityType: v, ...(v ? {} : { entityId: undefined }) })} />
          <Input.Search allowClear style={{ width: 320 }} aria-label="Mã đối tượng" placeholder={filters.entityType === 'citizen' ? 'Số định danh (12 chữ số)' : 'Mã đối tượng'}
            value={entityDraft} onChange={(e) => setEntityDraft(e.target.value)} onSearch={(v) => set({ entityId: v.trim() || undefined })} enterButton="Lọc" />
        </Space.Compact>
      </Space>
      {page.data?.entity && (
        <Alert style={{ marginBottom: 12 }} type="info" showIcon
          message={`Ai đã xem hoặc thay đổi: ${page.data.entity.label}`}
          description="Gồm các lần xem trực tiếp, các danh sách, bản xuất có trường hợp này và các lần bị từ chối truy cập, của mọi người dùng." />
      )}
      {page.isError && <Alert style={{ marginBottom: 12 }} type="error" showIcon message={errorMessage(page.error)} />}
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        columns={[
          { title: 'Thời gian', dataIndex: 'occurredAt', width: 140, render: formatDateTime },
          { title: 'Người thực hiện', render: (_, e) => (e.userName ? <span title={e.username ?? undefined}>{e.userName}</span> : <Typography.Text type="secondary">(không rõ)</Typography.Text>) },
          { title: 'Đơn vị', dataIndex: 'unitName' },
          { title: 'Thao tác', render: (_, e) => <Tag color={e.action === 'access.refused' || e.action.startsWith('auth.login_') ? 'red' : undefined}>{e.actionLabel}</Tag> },
          { title: 'Đối tượng', render: (_, e) => (e.entityId ? `${e.entityTypeLabel} ${e.entityId.slice(0, 8)}` : e.entityTypeLabel) },
          { title: 'Nội dung', dataIndex: 'summary' },
          { title: 'Địa chỉ IP', dataIndex: 'ip', width: 120 },
        ]}
      />
      <Space style={{ marginTop: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">
          Mới nhất trước. {lookup ? '' : 'Chỉ gồm thao tác của người dùng thuộc đơn vị trong phạm vi của bạn. '}
          Xuất Excel tối đa {formatNumber(AUDIT_EXPORT_MAX_ROWS)} dòng mới nhất. Việc xem và xuất nhật ký cũng được ghi lại.
        </Typography.Text>
        <Space>
          <Button icon={<LeftOutlined />} disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>Trang trước</Button>
          <Button disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}>
            Trang sau <RightOutlined />
          </Button>
        </Space>
      </Space>
    </Card>
  )
}
