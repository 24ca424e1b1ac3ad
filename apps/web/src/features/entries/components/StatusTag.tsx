import { ENTRY_STATUSES, isEntryStatus, type EntryStatus } from '@hts/domain'
import { Tag } from 'antd'

// Every status has its colour (a new one fails to compile until it gets one): returned stands out,
// the further along the review an entry is, the greener.
const COLORS: Record<EntryStatus, string> = {
  draft: 'default',
  keyed: 'blue',
  returned: 'volcano',
  checked: 'cyan',
  approved: 'green',
  handed_over: 'purple',
  withdrawn: 'default',
}

export function StatusTag({ status, label }: { status: string; label?: string }) {
  const known = isEntryStatus(status)
  return <Tag color={known ? COLORS[status] : 'default'}>{label ?? (known ? ENTRY_STATUSES[status] : status)}</Tag>
}
