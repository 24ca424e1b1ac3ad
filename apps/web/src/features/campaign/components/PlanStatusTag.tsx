import { Tag } from 'antd'
import type { PlanStatus } from '@hts/domain'

const COLORS: Record<PlanStatus, string> = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'error' }

export function PlanStatusTag({ status, label }: { status: PlanStatus | null; label: string }) {
  return <Tag color={status ? COLORS[status] : 'warning'} data-testid="plan-status">{label}</Tag>
}
