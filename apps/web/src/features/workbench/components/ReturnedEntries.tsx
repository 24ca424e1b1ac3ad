import { ENTRY_STATUSES } from '@hts/domain'
import { useQueries } from '@tanstack/react-query'
import { Alert, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import { bookTitle } from '../../books/bookTypes'
import { entryKeys, fetchEntries, type EntryFilters } from '../../entries/api'

const RETURNED: EntryFilters = { status: 'returned', page: 1, pageSize: 100 }

export const fixPath = (bookId: string, entryId: string) => `/so/${bookId}/truong-hop/${entryId}/sua-lai`

interface Props {
  books: ReadonlyArray<{ id: string; bookType: string; volume: string }>
  /** In the workbench: one book, its title left out. */
  showBook?: boolean
}

/** Entries a checker sent back to be fixed, with the reason, each a link to fix it beside its page. */
export function ReturnedEntries({ books, showBook = true }: Props) {
  const lists = useQueries({
    queries: books.map((b) => ({ queryKey: entryKeys.list(b.id, RETURNED), queryFn: () => fetchEntries(b.id, RETURNED) })),
  })
  const rows = books.flatMap((book, i) => (lists[i]?.data?.items ?? []).map((entry) => ({ book, entry })))
  const failed = lists.find((l) => l.isError)
  if (failed) return <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(failed.error)} />
  if (rows.length === 0) return null
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="returned-entries"
      title={`${ENTRY_STATUSES.returned}: ${rows.length} trường hợp`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 220, overflowY: 'auto' }}>
          {rows.map(({ book, entry }) => (
            <li key={entry.id} data-testid="returned-entry">
              <Link to={fixPath(book.id, entry.id)}>
                {showBook ? `${bookTitle(book)}, ` : ''}số {entry.so ?? '?'}
                {entry.subjectName ? ` · ${entry.subjectName}` : ''}
              </Link>
              {': '}
              <Typography.Text>{entry.returnReason ?? 'không ghi lý do'}</Typography.Text>
            </li>
          ))}
        </ul>
      }
    />
  )
}
