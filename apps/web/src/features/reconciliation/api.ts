import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  ConfirmMatchesResponse, DecisionResponse, ExtractList, ExtractStarted, JobView, MatchSettingsView, PopulationUploadView, ReconciliationResultPage,
  ReconciliationResultView, ReopenResponse, type DecidedOutcome, type ExtractView,
} from '@hts/domain'
import { HttpError, requestParsed } from '../../lib/http'

/* ---------- population extracts ---------- */

export type Extract = ExtractView
export type Upload = PopulationUploadView
export type Job = JobView

export function useExtracts() {
  return useQuery({ queryKey: ['population', 'extracts'], queryFn: () => requestParsed(ExtractList, '/api/population/extracts') })
}

/** Multipart upload (the JSON helper does not send files). */
export async function uploadPopulationFile(file: File): Promise<Upload> {
  const form = new FormData()
  form.append('file', file, file.name)
  const res = await fetch('/api/population/uploads', { method: 'POST', body: form, credentials: 'same-origin' })
  const body = (await res.json().catch(() => ({}))) as { message?: string }
  if (!res.ok) throw new HttpError(res.status, body.message ?? 'Tải tệp lên không thành công', body)
  return PopulationUploadView.parse(body)
}

export function useCreateExtract() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { uploadId: string; unitId: string; source: string; extractDate: string; mapping: Record<string, number> }) =>
      requestParsed(ExtractStarted, '/api/population/extracts', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['population'] }),
  })
}

/** A background job, polled every second until it ends. */
export function useJob(id: string | undefined) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => requestParsed(JobView, `/api/jobs/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && ['succeeded', 'failed', 'cancelled'].includes(query.state.data.status) ? false : 1000),
  })
}

/* ---------- reconciliation results ---------- */

export type Result = ReconciliationResultView

export interface ResultFilters {
  bookId?: string
  outcome?: string
  decision?: string
  page: number
  pageSize: number
}

export function useResults(filters: ResultFilters) {
  return useQuery({
    queryKey: ['reconciliation', 'results', filters],
    queryFn: () => requestParsed(ReconciliationResultPage, '/api/reconciliation/results', { query: { ...filters } }),
    enabled: Boolean(filters.bookId),
    placeholderData: keepPreviousData,
  })
}

export function useStartBatch() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (bookId: string) => requestParsed(JobView, '/api/reconciliation/batches', { method: 'POST', body: { bookId } }),
    onSuccess: (job) => queryClient.setQueryData(['jobs', job.id], job),
  })
}

export function useDecide() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; outcome: DecidedOutcome; candidateIndex?: number; note?: string; version: number; entryVersion?: number }) =>
      requestParsed(DecisionResponse, `/api/reconciliation/results/${encodeURIComponent(id)}/decision`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reconciliation'] }),
  })
}

/** One result, kept fresh after decisions (they invalidate ['reconciliation']). */
export function useResult(id: string | undefined) {
  return useQuery({
    queryKey: ['reconciliation', 'result', id],
    queryFn: () => requestParsed(ReconciliationResultView, `/api/reconciliation/results/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  })
}

/** Reconciles one saved entry now (from the keying workbench) and returns the proposal. */
export function useReconcileEntry() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (entryId: string) => requestParsed(ReconciliationResultView, `/api/entries/${encodeURIComponent(entryId)}/reconcile`, { method: 'POST', body: {} }),
    onSuccess: (result) => {
      queryClient.setQueryData(['reconciliation', 'result', result.id], result)
      void queryClient.invalidateQueries({ queryKey: ['reconciliation', 'results'] })
    },
  })
}

/** Undoes a decision taken by mistake; the message says what was undone and what was kept. */
export function useReopen() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; reason: string; version: number }) =>
      requestParsed(ReopenResponse, `/api/reconciliation/results/${encodeURIComponent(id)}/reopen`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reconciliation'] }),
  })
}

export function useConfirmMatches() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (bookId: string) =>
      requestParsed(ConfirmMatchesResponse, `/api/books/${encodeURIComponent(bookId)}/reconciliation/confirm-matches`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reconciliation'] }),
  })
}

export type Settings = MatchSettingsView

export function useSettings() {
  return useQuery({ queryKey: ['reconciliation', 'settings'], queryFn: () => requestParsed(MatchSettingsView, '/api/reconciliation/settings') })
}

export function useSaveSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: Omit<Settings, 'unitId'>) => requestParsed(MatchSettingsView, '/api/reconciliation/settings', { method: 'PUT', body: input }),
    onSuccess: (data) => queryClient.setQueryData(['reconciliation', 'settings'], data),
  })
}

/** Downloads a file from the API (Excel exports) under the name the server gives. */
export async function download(path: string, query: Record<string, string | undefined>, fallbackName: string): Promise<void> {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])))
  const res = await fetch(`${path}${params.size > 0 ? `?${params}` : ''}`, { credentials: 'same-origin' })
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string }
    throw new HttpError(res.status, body.message ?? 'Không tải được tệp', body)
  }
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1]
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name ? decodeURIComponent(name) : fallbackName
  a.click()
  URL.revokeObjectURL(url)
}

