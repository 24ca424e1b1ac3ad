import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { JobView, PageItems, PageList, PageView, ReprocessResponse, UploadResponse } from '@hts/domain'
import { postFormWithProgress, requestParsed, uploadErrorOf } from '../../lib/http'

export type { FileResult, PageList, PageView, UploadResponse } from '@hts/domain'

export const scanKeys = {
  pages: (bookId: string) => ['scans', 'pages', bookId] as const,
  job: (jobId: string) => ['jobs', jobId] as const,
}

/** The book's pages in book order; refetched every 2 s while some are still being rendered. */
export function usePages(bookId: string) {
  return useQuery({
    queryKey: scanKeys.pages(bookId),
    queryFn: () => requestParsed(PageList, `/api/books/${encodeURIComponent(bookId)}/pages`),
    enabled: Boolean(bookId),
    refetchInterval: (query) => ((query.state.data?.counts.pending ?? 0) > 0 ? 2000 : false),
  })
}

export function useInvalidatePages(bookId: string) {
  const queryClient = useQueryClient()
  return useCallback(() => queryClient.invalidateQueries({ queryKey: scanKeys.pages(bookId) }), [queryClient, bookId])
}

/** Rendering progress of an upload (job scans.process) until it finishes. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: scanKeys.job(jobId ?? ''),
    queryFn: () => requestParsed(JobView, `/api/jobs/${encodeURIComponent(jobId ?? '')}`),
    enabled: Boolean(jobId),
    refetchInterval: (query) => (['succeeded', 'failed', 'cancelled'].includes(query.state.data?.status ?? '') ? false : 1000),
  })
}

export const patchPage = (page: PageView, patch: { kind?: PageView['kind']; rotation?: number }) =>
  requestParsed(PageView, `/api/pages/${encodeURIComponent(page.id)}`, { method: 'PATCH', body: { ...patch, version: page.version } })

export const reorderPages = (bookId: string, pageIds: string[]) =>
  requestParsed(PageItems, `/api/books/${encodeURIComponent(bookId)}/pages/order`, { method: 'PUT', body: { pageIds } })

export const reprocessPages = (bookId: string) => requestParsed(ReprocessResponse, `/api/books/${encodeURIComponent(bookId)}/pages/reprocess`, { method: 'POST' })

/**
 * Multipart upload through XMLHttpRequest: fetch has no upload progress. `onProgress` gets the
 * share of bytes sent (0..1). Resolves with the per-file results, also when every file was refused (422).
 */
export async function uploadScans(bookId: string, files: readonly File[], onProgress: (fraction: number) => void): Promise<UploadResponse> {
  const form = new FormData()
  for (const file of files) form.append('files', file, file.name)
  const { status, body } = await postFormWithProgress(
    `/api/books/${encodeURIComponent(bookId)}/scans`,
    form,
    onProgress,
    'Không kết nối được máy chủ. Kiểm tra mạng rồi tải lên lại (tệp đã nhận sẽ không bị thêm hai lần).',
  )
  const parsed = UploadResponse.safeParse(body)
  if ((status === 200 || status === 201 || status === 422) && parsed.success) return parsed.data
  throw uploadErrorOf(status, body)
}
