import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ImportList, ImportView, ImportWarningPage, JobView, SavedMappingList, type BookTypeCode, type ImportAnalysis } from '@hts/domain'
import { HttpError, postFormWithProgress, requestParsed, uploadErrorOf } from '../../lib/http'

export type { AnalysisColumn, ImportListItem, ImportRoute, ImportRowWarnings, ImportView, SavedMapping } from '@hts/domain'
export type Analysis = ImportAnalysis

export const RUNNING = new Set(['queued', 'running'])
export const importKeys = {
  all: ['imports'] as const,
  one: (id: string) => ['imports', id] as const,
  warnings: (id: string, page: number, pageSize: number) => ['imports', id, 'warnings', page, pageSize] as const,
  mappings: (type: string) => ['import-mappings', type] as const,
}

export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: importKeys.one(id ?? ''),
    queryFn: () => requestParsed(ImportView, `/api/imports/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    // While the job runs the page follows its progress.
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? 1000 : false),
  })
}

/** One page of the rows taken with warnings (the server keeps them all; a large import has many pages). */
export function useImportWarnings(id: string, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.warnings(id, page, pageSize),
    queryFn: () => requestParsed(ImportWarningPage, `/api/imports/${encodeURIComponent(id)}/warnings`, { query: { page, pageSize } }),
    enabled,
    placeholderData: (previous) => previous,
  })
}

export function useImports() {
  return useQuery({ queryKey: importKeys.all, queryFn: () => requestParsed(ImportList, '/api/imports', { query: { limit: 30 } }) })
}

export function useMappings(bookType: string) {
  return useQuery({
    queryKey: importKeys.mappings(bookType),
    queryFn: () => requestParsed(SavedMappingList, '/api/import-mappings', { query: { bookType } }),
  })
}

export interface UploadQuery {
  bookType: BookTypeCode
  mappingId?: string | undefined
  bookId?: string | undefined
}

/** Multipart upload through XMLHttpRequest (fetch has no upload progress); resolves with the analysis. */
export async function uploadFile(url: string, file: File, onProgress: (fraction: number) => void): Promise<unknown> {
  const form = new FormData()
  form.append('file', file, file.name)
  const { status, body } = await postFormWithProgress(url, form, onProgress, 'Không kết nối được máy chủ. Kiểm tra mạng rồi tải lên lại.')
  if (status >= 200 && status < 300) return body
  throw uploadErrorOf(status, body)
}

export async function uploadImport(file: File, query: UploadQuery, onProgress: (fraction: number) => void): Promise<ImportView> {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''))
  const body = await uploadFile(`/api/imports?${params.toString()}`, file, onProgress)
  const parsed = ImportView.safeParse(body)
  if (!parsed.success) throw new HttpError(0, 'Máy chủ trả về dữ liệu không đúng định dạng. Vui lòng báo cho quản trị hệ thống.', {})
  return parsed.data
}

export interface AnalyseInput {
  mapping?: Record<string, string | null>
  mappingId?: string
  target?: { year?: number | null }
}

export function useAnalyse(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: AnalyseInput) => requestParsed(ImportView, `/api/imports/${encodeURIComponent(id)}/analyse`, { method: 'POST', body: input }),
    onSuccess: (view) => client.setQueryData(importKeys.one(id), view),
  })
}

export interface StartInput {
  allowIncomplete: boolean
  missingBooks?: 'create' | 'reject'
  saveMappingAs?: string
}

export function useStartImport(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: StartInput) => requestParsed(ImportView, `/api/imports/${encodeURIComponent(id)}/start`, { method: 'POST', body: input }),
    onSuccess: (view) => {
      client.setQueryData(importKeys.one(id), view)
      return client.invalidateQueries({ queryKey: importKeys.all })
    },
  })
}

export function useCancelJob(importId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (jobId: string) => requestParsed(JobView, `/api/jobs/${encodeURIComponent(jobId)}/cancel`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: importKeys.one(importId) }),
  })
}

/** Counters the job keeps in its progress (and the import in its counts when done). */
export function countersOf(view: ImportView) {
  const source = (view.status === 'succeeded' ? view.counts : view.progress) ?? {}
  const n = (key: string) => Number((source as Record<string, unknown>)[key] ?? 0)
  // Books: the job's progress lists the ids created (and, at the end, removed); the import's counts, once
  // done or undone, say how many are kept, which is what the officer is told.
  const settled = view.status === 'succeeded' || view.counts.rolledBack === true
  const books: Record<string, unknown> = settled ? view.counts : (view.progress ?? {})
  const howMany = (key: string) => {
    const value = books[key]
    return Array.isArray(value) ? value.length : Number(value ?? 0)
  }
  return {
    rowsTotal: n('rowsTotal') || (view.analysis?.rowCount ?? 0),
    rowsRead: n('rowsRead'),
    accepted: n('accepted'),
    drafts: n('drafts'),
    rejected: n('rejected'),
    skipped: n('skipped'),
    booksCreated: settled ? howMany('booksCreated') : howMany('booksCreated') - howMany('booksRemoved'),
    booksRemoved: howMany('booksRemoved'),
    warningRows: n('warningRows'),
    // Background checks for the same entry keyed before, one per book that took rows (after the end).
    duplicateScans: view.status === 'succeeded' ? howMany('duplicateScans') : 0,
    notes: ((source as Record<string, unknown>).notes ?? {}) as Record<string, number>,
  }
}
