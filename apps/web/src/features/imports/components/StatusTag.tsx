import { Tag } from 'antd'

const STATUS: Record<string, { color: string; label: string }> = {
  analysed: { color: 'default', label: 'Đã phân tích, chưa nhập' },
  queued: { color: 'blue', label: 'Đang chờ' },
  running: { color: 'processing', label: 'Đang nhập' },
  succeeded: { color: 'green', label: 'Hoàn thành' },
  failed: { color: 'red', label: 'Thất bại (đã hủy phần dở)' },
  cancelled: { color: 'orange', label: 'Đã hủy' },
}

export function StatusTag({ status }: { status: string }) {
  const s = STATUS[status] ?? { color: 'default', label: status }
  return <Tag color={s.color}>{s.label}</Tag>
}
