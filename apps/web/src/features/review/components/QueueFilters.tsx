import { REVIEW_FLAGS, type ReviewFlag } from '@hts/domain'
import { Select, Space } from 'antd'
import { useMemo } from 'react'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useBooks } from '../../books/api'
import { bookTitle } from '../../books/bookTypes'
import { useUsers } from '../../users/api'
import type { ReviewFilters, ReviewQueueItem } from '../api'

const FLAG_OPTIONS = Object.entries(REVIEW_FLAGS).map(([value, label]) => ({ value: value as ReviewFlag, label }))

interface Props {
  filters: ReviewFilters
  /** Entries shown so far: their keyers are offered when the user may not list accounts. */
  seen: readonly ReviewQueueItem[]
  onChange: (patch: Partial<Pick<ReviewFilters, 'bookId' | 'keyedBy' | 'flag'>>) => void
}

/** Book, keyer and "needs attention" filters of the check queue. */
export function QueueFilters({ filters, seen, onChange }: Props) {
  const me = useCurrentUser()
  const books = useBooks({ page: 1, pageSize: 500 })
  const users = useUsers(hasPermission(me, 'user.read'))

  const bookOptions = useMemo(() => (books.data?.items ?? []).map((b) => ({ value: b.id, label: `${bookTitle(b)} · ${b.custodianUnitName}` })), [books.data])
  const keyerOptions = useMemo(() => {
    const names = new Map<string, string>()
    for (const u of users.data ?? []) if (u.id !== me.id) names.set(u.id, u.fullName)
    for (const i of seen) if (i.keyedBy && i.keyedByName) names.set(i.keyedBy, i.keyedByName)
    return [...names].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi'))
  }, [users.data, seen, me.id])

  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select
        aria-label="Lọc theo sổ"
        placeholder="Mọi sổ"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 360 }}
        loading={books.isLoading}
        value={filters.bookId}
        options={bookOptions}
        onChange={(v?: string) => onChange({ bookId: v })}
      />
      <Select
        aria-label="Lọc theo người nhập"
        placeholder="Mọi người nhập"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 240 }}
        value={filters.keyedBy}
        options={keyerOptions}
        onChange={(v?: string) => onChange({ keyedBy: v })}
      />
      <Select
        aria-label="Chỉ những trường hợp cần chú ý"
        placeholder="Mọi trường hợp"
        allowClear
        style={{ width: 240 }}
        value={filters.flag}
        options={FLAG_OPTIONS}
        onChange={(v?: ReviewFlag) => onChange({ flag: v })}
      />
    </Space>
  )
}
