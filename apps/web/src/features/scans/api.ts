import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { z } from 'zod'
import { postFormWithProgress, request, requestParsed, uploadErrorOf } from '../../lib/http'

export const PageViewSchema = z.object({
  id: z.string(),
  bookId: z.string(),
  position: z.number(),
  status: z.enum(['pending', 'ready', 'failed']),
  statusLabel: z.string(),
  error: z.string().nullable(),
  kind: z.enum(['page', 'blank', 'cover']),
  kindLabel: z.string(),
  rotation: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  imageUrl: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  fileName: z.string().nullable(),
  sourcePage: z.number(),
  entryCount: z.number(),
  entries: z.array(z.object({ id: z.string(), so: z.number().nullable(), status: z.string(), ordinal: z.number() })),
  version: z.number(),
})
export type PageView = z.infer<typeof PageViewSchema>

const PageListSchema = z.object({
  items: z.array(PageViewSchema),
  total: z.number(),
  counts: z.object({ pending: z.number(), ready: z.number(), failed: z.number(), withEntries: z.number() }),
})
export type PageList = z.infer<typeof PageListSchema>

export const FileResultSchema = z.object({
  fileName: z.string(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  message: z.string().nullable(),
  size: z.number(),
  mimeType: z.string().nullable(),
  pageCount: z.number().nullable(),
  firstPosition: z.number().nullable(),
  lastPosition: z.number().nullable(),
})
export type FileResult = z.infer<typeof FileResultSchema>

const UploadResponseSchema = z.object({
  jobId: z.string().nullable(),
  pagesAdded: z.number(),
  results: z.array(FileResultSchema),
  message: z.string().optional(),
})
export type UploadResponse = z.infer<typeof UploadResponseSchema>

const JobSchema = z.object({
  id: z.string(),
  status: z.string(),
  statusLabel: z.string().nullish(),
  progress: z.record(z.string(), z.unknown()).nullish(),
  error: z.string().nullish(),
})

export const scanKeys = {
  pages: (bookId: string) => ['scans', 'pages', bookId] as const,
  job: (jobId: string) => ['jobs', jobId] as const,
}

/** The book's pages in book order; refetched every 2 s while some are still being rendered. */
export function usePages(bookId: string) {
  return useQuery({
    queryKey: scanKeys.pages(bookId),
    queryFn: () => requestParsed(PageListSchema, `/api/books/${encodeURIComponent(bookId)}/pages`),
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
    queryFn: () => requestParsed(JobSchema, `/api/jobs/${encodeURIComponent(jobId ?? '')}`),
    enabled: Boolean(jobId),
    refetchInterval: (query) => (['succeeded', 'failed', 'cancelled'].includes(query.state.data?.status ?? '') ? false : 1000),
  })
}

export const patchPage = (page: PageView, patch: { kind?: PageView['kind']; rotation?: number }) =>
  requestParsed(PageViewSchema, `/api/pages/${encodeURIComponent(page.id)}`, { method: 'PATCH', body: { ...patch, version: page.version } })

export const reorderPages = (bookId: string, pageIds: string[]) =>
  request(`/api/books/${encodeURIComponent(bookId)}/pages/order`, { method: 'PUT', body: { pageIds } })

export const reprocessPages = (bookId: string) => request(`/api/books/${encodeURIComponent(bookId)}/pages/reprocess`, { method: 'POST' })

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
  const parsed = UploadResponseSchema.safeParse(body)
  if ((status === 200 || status === 201 || status === 422) && parsed.success) return parsed.data
  throw uploadErrorOf(status, body)
}
