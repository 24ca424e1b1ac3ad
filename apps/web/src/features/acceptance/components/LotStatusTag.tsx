import { LOT_STATUSES, type LotStatus } from '@hts/domain'
import { Tag } from 'antd'

// Every status has its colour (a new one fails to compile until it gets one).
const COLORS: Record<LotStatus, string> = { inspecting: 'blue', accepted: 'green', rejected: 'red' }

const isLotStatus = (status: string): status is LotStatus => Object.hasOwn(LOT_STATUSES, status)

export function LotStatusTag({ status, label }: { status: string; label?: string }) {
  const known = isLotStatus(status)
  return (
    <Tag color={known ? COLORS[status] : 'default'} data-testid="lot-status">
      {label ?? (known ? LOT_STATUSES[status] : status)}
    </Tag>
  )
}
