import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { HttpError, requestParsed } from '../../lib/http'

/* ---------- population extracts ---------- */

export const ExtractSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().nullish(),
  source: z.string(),
  extractDate: z.string(),
  fileName: z.string().nullish(),
  status: z.enum(['loading', 'active', 'replaced', 'failed']),
  statusLabel: z.string(),
  rowCount: z.number(),
  rejectedCount: z.number(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
  jobId: z.string().nullish(),
  createdByName: z.string().nullish(),
  createdAt: z.string(),
})
export type Extract = z.infer<typeof ExtractSchema>

export const UploadSchema = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  format: z.string(),
  size: z.number(),
  headers: z.array(z.string()),
  headerRow: z.number(),
  sampleRows: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), z.number()),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
})
export type Upload = z.infer<typeof UploadSchema>

export const JobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  statusLabel: z.string(),
  progress: z.record(z.string(), z.unknown()).nullish(),
  result: z.record(z.string(), z.unknown()).nullish(),
  error: z.string().nullish(),
})
export type Job = z.infer<typeof JobSchema>

export function useExtracts() {
  return useQuery({ queryKey: ['population', 'extracts'], queryFn: () => requestParsed(z.object({ items: z.array(ExtractSchema) }), '/api/population/extracts') })
}

/** Multipart upload (the JSON helper does not send files). */
export async function uploadPopulationFile(file: File): Promise<Upload> {
  const form = new FormData()
  form.append('file', file, file.name)
  const res = await fetch('/api/population/uploads', { method: 'POST', body: form, credentials: 'same-origin' })
  const body = (await res.json().catch(() => ({}))) as { message?: string }
  if (!res.ok) throw new HttpError(res.status, body.message ?? 'Tải tệp lên không thành công', body)
  return UploadSchema.parse(body)
}

export function useCreateExtract() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { uploadId: string; unitId: string; source: string; extractDate: string; mapping: Record<string, number> }) =>
      requestParsed(z.object({ jobId: z.string(), extract: ExtractSchema }), '/api/population/extracts', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['population'] }),
  })
}

/** A background job, polled every second until it ends. */
export function useJob(id: string | undefined) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => requestParsed(JobSchema, `/api/jobs/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && ['succeeded', 'failed', 'cancelled'].includes(query.state.data.status) ? false : 1000),
  })
}

/* ---------- reconciliation results ---------- */

const FieldSchema = z.object({
  field: z.string(),
  fieldLabel: z.string(),
  level: z.string(),
  label: z.string(),
  weight: z.number(),
  differs: z.boolean(),
  note: z.string().nullish(),
  book: z.string().nullish(),
  population: z.string().nullish(),
})
const PersonSchema = z.object({
  id: z.string(),
  personalId: z.string().nullish(),
  fullName: z.string(),
  birthDate: z.string().nullish(),
  sex: z.string().nullish(),
  birthplace: z.string().nullish(),
  motherName: z.string().nullish(),
  fatherName: z.string().nullish(),
  residence: z.string().nullish(),
})
export const ResultSchema = z.object({
  id: z.string(),
  entryId: z.string(),
  bookId: z.string(),
  so: z.number().nullish(),
  subjectName: z.string().nullish(),
  outcome: z.enum(['match', 'mismatch', 'not_found', 'ambiguous', 'not_checked']),
  outcomeLabel: z.string(),
  probability: z.number().nullish(),
  message: z.string().nullish(),
  chosenIndex: z.number().nullish(),
  differences: z.array(z.object({ field: z.string(), label: z.string() })),
  candidates: z.array(z.object({
    index: z.number(),
    probability: z.number(),
    weight: z.number(),
    person: PersonSchema.nullish(),
    personalId: z.string().nullish(),
    stale: z.boolean(),
    fields: z.array(FieldSchema),
  })),
  decision: z.enum(['pending', 'confirmed', 'overridden']),
  decisionLabel: z.string(),
  finalOutcome: z.string().nullish(),
  finalOutcomeLabel: z.string().nullish(),
  linkedPersonalId: z.string().nullish(),
  decidedByName: z.string().nullish(),
  decisionNote: z.string().nullish(),
  version: z.number(),
  /** The entry's version the book values come from: sent back with a decision. */
  entryVersion: z.number().nullish(),
})
export type Result = z.infer<typeof ResultSchema>

const ResultPage = z.object({
  items: z.array(ResultSchema),
  total: z.number(),
  counts: z.array(z.object({ outcome: z.string(), decision: z.string(), n: z.number() })),
})

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
    queryFn: () => requestParsed(ResultPage, '/api/reconciliation/results', { query: { ...filters } }),
    enabled: Boolean(filters.bookId),
    placeholderData: keepPreviousData,
  })
}

export function useStartBatch() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (bookId: string) => requestParsed(JobSchema, '/api/reconciliation/batches', { method: 'POST', body: { bookId } }),
    onSuccess: (job) => queryClient.setQueryData(['jobs', job.id], job),
  })
}

const DecisionResponse = z.object({ result: ResultSchema, warnings: z.array(z.object({ code: z.string(), message: z.string() })), followupId: z.string().nullish() })

export function useDecide() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; outcome: 'match' | 'mismatch' | 'not_found'; candidateIndex?: number; note?: string; version: number; entryVersion?: number }) =>
      requestParsed(DecisionResponse, `/api/reconciliation/results/${encodeURIComponent(id)}/decision`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reconciliation'] }),
  })
}

/** One result, kept fresh after decisions (they invalidate ['reconciliation']). */
export function useResult(id: string | undefined) {
  return useQuery({
    queryKey: ['reconciliation', 'result', id],
    queryFn: () => requestParsed(ResultSchema, `/api/reconciliation/results/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  })
}

/** Reconciles one saved entry now (from the keying workbench) and returns the proposal. */
export function useReconcileEntry() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (entryId: string) => requestParsed(ResultSchema, `/api/entries/${encodeURIComponent(entryId)}/reconcile`, { method: 'POST', body: {} }),
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
      requestParsed(z.object({ result: ResultSchema, message: z.string() }), `/api/reconciliation/results/${encodeURIComponent(id)}/reopen`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reconciliation'] }),
  })
}

export function useConfirmMatches() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (bookId: string) =>
      requestParsed(z.object({ confirmed: z.number(), failed: z.array(z.object({ id: z.string(), message: z.string() })) }), `/api/books/${encodeURIComponent(bookId)}/reconciliation/confirm-matches`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reconciliation'] }),
  })
}

export const SettingsSchema = z.object({ linkProbability: z.number(), reviewProbability: z.number(), priorInPopulation: z.number(), unitId: z.string().nullish() })
export type Settings = z.infer<typeof SettingsSchema>

export function useSettings() {
  return useQuery({ queryKey: ['reconciliation', 'settings'], queryFn: () => requestParsed(SettingsSchema, '/api/reconciliation/settings') })
}

export function useSaveSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: Omit<Settings, 'unitId'>) => requestParsed(SettingsSchema, '/api/reconciliation/settings', { method: 'PUT', body: input }),
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

