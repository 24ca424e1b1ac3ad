import { Button, Result, Spin } from 'antd'
import { useNavigate, useParams } from 'react-router-dom'
import { errorMessage, HttpError } from '../../../lib/http'
import { useBook } from '../../books/api'
import { useEntry } from '../api'
import { EntryEditor } from './EntryEditor'
import { EntryRecordPanels } from './EntryRecordPanels'

function LoadError({ error, onBack }: { error: unknown; onBack: () => void }) {
  const notFound = error instanceof HttpError && error.status === 404
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? 'Không tìm thấy' : 'Không tải được dữ liệu'}
      subTitle={errorMessage(error)}
      extra={<Button onClick={onBack}>Quay lại</Button>}
    />
  )
}

/** /so/:bookId/truong-hop/moi and /so/:bookId/truong-hop/:entryId: loads the book (and entry), then the editor. */
export function EntryFormPage() {
  const { bookId = '', entryId } = useParams()
  const navigate = useNavigate()
  const book = useBook(bookId)
  const entry = useEntry(entryId)

  if (book.isError) return <LoadError error={book.error} onBack={() => navigate('/so')} />
  if (entry.isError) return <LoadError error={entry.error} onBack={() => navigate(`/so/${bookId}`)} />
  // A cached copy older than the query's staleTime is refetched first: the form copies it into its own state.
  const entryReady = !entryId || (entry.data && !(entry.isFetching && !entry.isFetchedAfterMount))
  if (!book.data || !entryReady) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin size="large" />
      </div>
    )
  }
  if (entry.data && entry.data.bookId !== book.data.id) {
    return <LoadError error={new HttpError(404, 'Trường hợp này không thuộc sổ đang mở.', {})} onBack={() => navigate(`/so/${bookId}`)} />
  }
  return (
    <>
      <EntryEditor key={entry.data?.id ?? 'new'} book={book.data} entry={entry.data ?? null} />
      {entry.data && <EntryRecordPanels entry={entry.data} />}
    </>
  )
}
