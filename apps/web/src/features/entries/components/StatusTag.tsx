import { ENTRY_STATUSES, isEntryStatus, type EntryStatus } from '@hts/domain'
import { Tag } from 'antd'

// Partial: statuses added to the workflow later show as plain tags until they get a colour here.
const COLORS: Partial<Record<EntryStatus, string>> = { draft: 'default', keyed: 'green' }

export function StatusTag({ status, label }: { status: string; label?: string }) {
  const known = isEntryStatus(status)
  return <Tag color={(known && COLORS[status]) || 'default'}>{label ?? (known ? ENTRY_STATUSES[status] : status)}</Tag>
}
