import { Button, Result, Spin } from 'antd'
import { useNavigate, useParams } from 'react-router-dom'
import { errorMessage, HttpError } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useBook } from '../../books/api'
import { useEntry } from '../../entries/api'
import { usePages } from '../../scans/api'
import { useLot } from '../api'
import { InspectScreen } from './InspectScreen'
import { lotPath } from './LotsTable'

/** /nghiem-thu/:lotId/mau/:entryId: the lot, the sampled entry, its book and pages, then the inspection screen. */
export function InspectPage() {
  const { lotId = '', entryId = '' } = useParams()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const lot = useLot(lotId)
  const sample = lot.data?.samples.find((s) => s.entryId === entryId)
  const entry = useEntry(sample ? entryId : undefined)
  const book = useBook(sample?.bookId)
  const pages = usePages(sample?.bookId ?? '')

  const error = lot.error ?? entry.error ?? pages.error ?? (lot.data && !sample ? new HttpError(404, 'Trường hợp này không có trong mẫu của lô', {}) : null)
  if (error) {
    const notFound = error instanceof HttpError && error.status === 404
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? 'Không tìm thấy trường hợp trong mẫu' : 'Không mở được trường hợp'}
        subTitle={errorMessage(error)}
        extra={<Button onClick={() => navigate(lotId ? lotPath(lotId) : '/nghiem-thu')}>Về lô nghiệm thu</Button>}
      />
    )
  }
  // The inspector compares the register as it is now: wait for the server's copy, never a cached one.
  const fresh = entry.data && !(entry.isFetching && !entry.isFetchedAfterMount)
  if (!lot.data || !sample || !fresh || !entry.data || !pages.data) return <Spin size="large" style={{ display: 'block', margin: 48 }} />
  const readOnly = lot.data.status !== 'inspecting' || !hasPermission(me, 'acceptance.run')
  return <InspectScreen key={entryId} lot={lot.data} sample={sample} entry={entry.data} book={book.data} pages={pages.data.items} readOnly={readOnly} />
}
