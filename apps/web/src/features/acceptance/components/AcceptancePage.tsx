import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useUnits } from '../../units/api'
import { useLots, type LotDetail, type LotFilters } from '../api'
import { LotFormDrawer } from './LotFormDrawer'
import { lotPath, LotsTable } from './LotsTable'

/** /nghiem-thu: the acceptance lots of the units the user sees; inspectors draw new lots here. */
export function AcceptancePage() {
  const me = useCurrentUser()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const units = useUnits()
  const [filters, setFilters] = useState<LotFilters>({ page: 1, pageSize: 50 })
  const [creating, setCreating] = useState(false)
  const lots = useLots(filters)
  const canRun = hasPermission(me, 'acceptance.run')

  const onCreated = (lot: LotDetail) => {
    setCreating(false)
    void message.success(`Đã lập lô: ${lot.lotSize} trường hợp, lấy mẫu ${lot.sampleSize}`)
    navigate(lotPath(lot.id))
  }

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Nghiệm thu
        </Typography.Title>
        {canRun && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lot-create">
            Lập lô nghiệm thu
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        Một lô là các trường hợp đã phê duyệt của một đơn vị (hoặc một sổ) trong một giai đoạn. Cỡ mẫu và số chấp nhận theo ISO 2859-1,
        lấy mẫu một lần, mức kiểm tra chung II; mẫu được rút ngẫu nhiên có ghi hạt giống và giữ cố định.
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="Mọi đơn vị"
          style={{ minWidth: 260 }}
          aria-label="Lọc theo đơn vị"
          loading={units.isLoading}
          value={filters.unitId}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          onChange={(unitId?: string) => setFilters((f) => ({ ...f, unitId, page: 1 }))}
        />
      </Space>
      {lots.isError && <Alert type="error" showIcon title={errorMessage(lots.error)} style={{ marginBottom: 12 }} />}
      <LotsTable
        lots={lots.data?.items ?? []}
        total={lots.data?.total ?? 0}
        page={filters.page}
        pageSize={filters.pageSize}
        loading={lots.isFetching}
        onPage={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
      />
      {canRun && <LotFormDrawer open={creating} onClose={() => setCreating(false)} onCreated={onCreated} />}
    </>
  )
}
