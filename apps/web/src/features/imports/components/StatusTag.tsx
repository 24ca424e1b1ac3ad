import { IMPORT_STATUSES, type ImportStatus } from '@hts/domain'
import { Tag } from 'antd'

const COLORS: Record<ImportStatus, string> = { analysed: 'default', queued: 'blue', running: 'processing', succeeded: 'green', failed: 'red', cancelled: 'orange' }

export function StatusTag({ status }: { status: ImportStatus }) {
  return <Tag color={COLORS[status]}>{IMPORT_STATUSES[status]}</Tag>
}
