import { Alert, App, Button, Drawer, Empty, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useCreatePlan, usePhases, usePlan, usePlanSummaries, type PlanSummary } from '../api'
import { PhaseSelect, usePhaseParam } from './PhaseSelect'
import { PlanEditor } from './PlanEditor'
import { PlanStatusTag } from './PlanStatusTag'

/** The unit's own plan for the phase: created pre-filled from its inventory, then edited and submitted. */
function OwnPlan({ phaseId, summary }: { phaseId: string; summary: PlanSummary | undefined }) {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const create = useCreatePlan()
  const plan = usePlan(summary?.planId)
  if (!summary) return <Alert type="info" showIcon title="Giai đoạn này không gồm đơn vị của bạn." />
  if (!summary.planId) {
    return (
      <Empty description="Đơn vị chưa lập kế hoạch cho giai đoạn này.">
        <Button type="primary" loading={create.isPending} data-testid="plan-create"
          onClick={() => create.mutate({ phaseId, unitId: me.unit.id }, { onError: (err) => void message.error(errorMessage(err)) })}>
          Lập kế hoạch (điền sẵn từ kiểm kê sổ)
        </Button>
      </Empty>
    )
  }
  if (plan.isError) return <Alert type="error" showIcon title={errorMessage(plan.error)} />
  return plan.data ? <PlanEditor plan={plan.data} /> : null
}

/** The plans of the units below: status, entries planned; opening one shows it with approve / return. */
function UnitPlans({ items, loading }: { items: PlanSummary[]; loading: boolean }) {
  const [open, setOpen] = useState<string | null>(null)
  const plan = usePlan(open)
  return (
    <>
      <Table<PlanSummary> rowKey="unitId" size="small" loading={loading} dataSource={items} pagination={false} data-testid="unit-plans"
        columns={[
          { title: 'Đơn vị', dataIndex: 'unitName' },
          { title: 'Trạng thái', render: (_, s) => <PlanStatusTag status={s.status} label={s.statusLabel} /> },
          { title: 'Số trường hợp theo kế hoạch', align: 'right', render: (_, s) => (s.planId ? formatNumber(s.entriesPlanned) : '—') },
          { title: 'Cập nhật', render: (_, s) => formatDateTime(s.updatedAt) },
          { title: '', render: (_, s) => s.planId && <Button size="small" onClick={() => setOpen(s.planId)} data-testid={`open-plan-${s.unitName}`}>Xem{s.status === 'submitted' ? ', duyệt' : ''}</Button> },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={760} title="Kế hoạch của đơn vị" destroyOnHidden>
        {plan.isError && <Alert type="error" showIcon title={errorMessage(plan.error)} />}
        {plan.data && <PlanEditor plan={plan.data} />}
      </Drawer>
    </>
  )
}

/** /ke-hoach: the unit's plan per phase; for the levels above, the units' plans to approve or return. */
export function PlansPage() {
  const me = useCurrentUser()
  const phases = usePhases()
  const [phaseId, setPhaseId] = usePhaseParam()
  const summaries = usePlanSummaries(phaseId)
  const own = summaries.data?.find((s) => s.unitId === me.unit.id)
  const below = (summaries.data ?? []).filter((s) => s.unitId !== me.unit.id)
  const writes = hasPermission(me, 'plan.edit') && me.unit.level === 'commune'

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Kế hoạch số hóa</Typography.Title>
        <PhaseSelect value={phaseId} onChange={setPhaseId} />
      </Space>
      {phases.data?.length === 0 && <Alert type="info" showIcon title="Sở Tư pháp chưa định nghĩa giai đoạn nào của chiến dịch." />}
      {summaries.isError && <Alert type="error" showIcon title={errorMessage(summaries.error)} style={{ marginBottom: 12 }} />}
      {phaseId && writes && summaries.isSuccess && <OwnPlan phaseId={phaseId} summary={own} />}
      {phaseId && !writes && (
        <>
          <Typography.Title level={5}>Kế hoạch của các đơn vị</Typography.Title>
          <UnitPlans items={below} loading={summaries.isLoading} />
        </>
      )}
    </>
  )
}
