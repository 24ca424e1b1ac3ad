import { useQuery } from '@tanstack/react-query'
import { BookOcrView, PageOcrView, type BookOcrUpdate } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type { BookOcrView, PageOcrView } from '@hts/domain'

export const ocrKeys = {
  book: (bookId: string) => ['ocr', 'book', bookId] as const,
  page: (pageId: string) => ['ocr', 'page', pageId] as const,
}

const bookPath = (id: string) => `/api/books/${encodeURIComponent(id)}/ocr`
const pagePath = (id: string) => `/api/pages/${encodeURIComponent(id)}/ocr`

/** The book's OCR setting, pages read and measured accuracy. */
export function useBookOcr(bookId: string) {
  return useQuery({
    queryKey: ocrKeys.book(bookId),
    queryFn: () => requestParsed(BookOcrView, bookPath(bookId)),
    staleTime: 30_000,
    // A server without OCR (or a refused read) leaves the workbench as it was: no retries.
    retry: false,
  })
}

export const updateBookOcr = (bookId: string, body: BookOcrUpdate) => requestParsed(BookOcrView, bookPath(bookId), { method: 'PUT', body })

/** A page's read: polled every 2 s while the page is being read, then kept (a read does not change). */
export function usePageOcr(pageId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ocrKeys.page(pageId ?? ''),
    queryFn: () => requestParsed(PageOcrView, pagePath(pageId ?? '')),
    enabled: enabled && Boolean(pageId),
    staleTime: 5 * 60_000,
    retry: false,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 2000 : false),
  })
}

/** Reads the page again (after a rescan or a failed read). */
export const rereadPage = (pageId: string) => requestParsed(PageOcrView, pagePath(pageId), { method: 'POST' })
