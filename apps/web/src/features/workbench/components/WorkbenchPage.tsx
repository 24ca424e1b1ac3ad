import { useQuery } from '@tanstack/react-query'
import { Button, Result, Spin } from 'antd'
import { useNavigate, useParams, useSearchParams } from 'react-router-dom'
import { errorMessage, HttpError } from '../../../lib/http'
import { useCurrentUser } from '../../auth/currentUser'
import { useBook } from '../../books/api'
import { usePages } from '../../scans/api'
import type { PageView } from '../../scans/api'
import { printedPageNumber } from '../pages'
import { resolveStart, type StartState } from '../start'
import { Workbench } from './Workbench'

/** /so/:bookId/nhap: loads the book, its pages and where the keyer is, then the workbench. */
export function WorkbenchPage() {
  const { bookId = '' } = useParams()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const book = useBook(bookId)
  const pages = usePages(bookId)
  // Decided once per visit: later changes are the workbench's own.
  const start = useQuery({ queryKey: ['workbench', 'start', me.id, bookId], queryFn: () => resolveStart(me.id, bookId), staleTime: Infinity, gcTime: 0, retry: 1 })

  const error = book.error ?? start.error ?? pages.error
  if (error) {
    const notFound = error instanceof HttpError && error.status === 404
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? 'Không tìm thấy sổ' : 'Không mở được màn hình nhập liệu'}
        subTitle={errorMessage(error)}
        extra={<Button onClick={() => navigate(notFound ? '/so' : `/so/${bookId}`)}>Quay lại</Button>}
      />
    )
  }
  if (!book.data || !start.data || !pages.data) return <Spin size="large" style={{ display: 'block', margin: 48 }} />
  if (book.data.condition === 'lost') {
    return <Result status="warning" title="Sổ đã bị mất" subTitle="Không có trang nào để nhập." extra={<Button onClick={() => navigate(`/so/${bookId}`)}>Quay lại sổ</Button>} />
  }
  return <Workbench key={bookId} book={book.data} pages={pages.data.items} start={atPage(start.data, pages.data.items, params.get('trang'))} />
}

/**
 * The page to show first: the one asked for (?trang=position, from the book screen), else where the
 * keyer was. A fresh entry takes that page's number as its trang số when it has none or a page was asked for.
 */
function atPage(start: StartState, pages: readonly PageView[], trang: string | null): StartState {
  const requested = trang ? pages.find((p) => p.position === Number(trang)) : undefined
  const pageId = requested?.id ?? start.pageId ?? pages.find((p) => p.kind === 'page')?.id ?? pages[0]?.id ?? null
  if (start.initial.seq > 0) return { ...start, pageId }
  const printed = printedPageNumber(pages, pageId)
  const own = start.initial.fields
  const fields = printed && (requested || !own.trangSo) ? { ...own, trangSo: String(printed) } : own
  return { ...start, pageId, initial: { ...start.initial, fields } }
}
