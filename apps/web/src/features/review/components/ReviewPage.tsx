import { Button, Result, Spin } from 'antd'
import { useNavigate, useParams, useSearchParams } from 'react-router-dom'
import { errorMessage, HttpError } from '../../../lib/http'
import { useBook } from '../../books/api'
import { useEntry } from '../../entries/api'
import { usePages } from '../../scans/api'
import { filtersFromParams } from '../queueFilters'
import { ReviewScreen } from './ReviewScreen'

/**
 * /kiem-tra/:entryId (a checker working through the queue) and /so/:bookId/truong-hop/:entryId/sua-lai
 * (the keyer fixing a returned entry): the entry, its book and its pages, then the review screen.
 */
export function ReviewPage({ fromQueue }: { fromQueue: boolean }) {
  const { entryId = '' } = useParams()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const entry = useEntry(entryId)
  const bookId = entry.data?.bookId ?? ''
  const book = useBook(bookId || undefined)
  const pages = usePages(bookId)
  const back = fromQueue ? '/kiem-tra' : '/nhap-lieu'

  const error = entry.error ?? book.error ?? pages.error
  if (error) {
    const notFound = error instanceof HttpError && error.status === 404
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? 'Không tìm thấy trường hợp' : 'Không mở được trường hợp'}
        subTitle={errorMessage(error)}
        extra={<Button onClick={() => navigate(back)}>Quay lại</Button>}
      />
    )
  }
  // A cached copy may be stale (its version, its allowed actions): wait for the server's.
  const fresh = entry.data && !(entry.isFetching && !entry.isFetchedAfterMount)
  if (!fresh || !entry.data || !book.data || !pages.data) return <Spin size="large" style={{ display: 'block', margin: 48 }} />
  return <ReviewScreen key={entry.data.id} entry={entry.data} book={book.data} pages={pages.data.items} queue={fromQueue ? filtersFromParams(params) : null} />
}
