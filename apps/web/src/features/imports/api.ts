import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { BookTypeCode } from '@hts/domain'
import { z } from 'zod'
import { HttpError, postFormWithProgress, request, requestParsed, uploadErrorOf } from '../../lib/http'

const ColumnSchema = z.object({
  index: z.number(),
  header: z.string(),
  key: z.string().nullable(),
  status: z.enum(['matched', 'mapped', 'ignored', 'unknown', 'duplicate']),
  suggestions: z.array(z.object({ key: z.string(), label: z.string(), score: z.number() })),
  label: z.string().nullable(),
  encoding: z.enum(['tcvn3', 'vni']).nullable(),
  legacyValues: z.number(),
})
export type AnalysisColumn = z.infer<typeof ColumnSchema>

const RouteSchema = z.object({
  key: z.string(),
  label: z.string(),
  number: z.string(),
  year: z.number(),
  yearFrom: z.enum(['volume', 'target', 'registration']),
  rows: z.number(),
  bookId: z.string().nullable(),
})
export type ImportRoute = z.infer<typeof RouteSchema>

const AnalysisSchema = z.object({
  sheetName: z.string().nullable(),
  csv: z.object({ encoding: z.string(), delimiter: z.string() }).nullable(),
  headerRowNumber: z.number(),
  headers: z.array(z.string()),
  layout: z.string(),
  columns: z.array(ColumnSchema),
  missingRequired: z.array(z.object({ key: z.string(), label: z.string() })),
  missingOptionalCount: z.number(),
  rowCount: z.number(),
  emptyRows: z.number(),
  notes: z.record(z.string(), z.number()),
  notesSampledRows: z.number().optional(),
  preview: z.array(z.object({ rowNumber: z.number(), fields: z.record(z.string(), z.string()) })),
  routes: z.array(RouteSchema),
  unroutable: z.object({ rows: z.number(), examples: z.array(z.object({ rowNumber: z.number(), message: z.string() })) }),
})
export type Analysis = z.infer<typeof AnalysisSchema>

export const ImportViewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  fileFormat: z.string(),
  fileSize: z.coerce.number(),
  bookType: z.string(),
  unitId: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  jobId: z.string().nullable(),
  progress: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  counts: z.record(z.string(), z.unknown()),
  options: z.record(z.string(), z.unknown()),
  mapping: z.record(z.string(), z.string().nullable()),
  analysis: AnalysisSchema.nullable(),
  previousImports: z.array(z.object({ id: z.string(), createdAt: z.string(), status: z.string().nullable(), createdByName: z.string().nullable() })),
  rejectedCount: z.number(),
  expiresAt: z.string().nullable().optional(),
})
export type ImportView = z.infer<typeof ImportViewSchema>

const ImportListSchema = z.object({
  items: z.array(z.object({
    id: z.string(),
    fileName: z.string(),
    bookType: z.string(),
    createdAt: z.string(),
    createdByName: z.string().nullable(),
    status: z.string(),
    counts: z.record(z.string(), z.unknown()),
  })),
})
export type ImportListItem = z.infer<typeof ImportListSchema>['items'][number]

const MappingSchema = z.object({ id: z.string(), name: z.string(), bookType: z.string(), mapping: z.record(z.string(), z.string().nullable()) })
export type SavedMapping = z.infer<typeof MappingSchema>

export const RUNNING = new Set(['queued', 'running'])
export const importKeys = { all: ['imports'] as const, one: (id: string) => ['imports', id] as const, mappings: (type: string) => ['import-mappings', type] as const }

export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: importKeys.one(id ?? ''),
    queryFn: () => requestParsed(ImportViewSchema, `/api/imports/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    // While the job runs the page follows its progress.
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? 1000 : false),
  })
}

export function useImports() {
  return useQuery({ queryKey: importKeys.all, queryFn: () => requestParsed(ImportListSchema, '/api/imports', { query: { limit: 30 } }) })
}

export function useMappings(bookType: string) {
  return useQuery({
    queryKey: importKeys.mappings(bookType),
    queryFn: () => requestParsed(z.object({ items: z.array(MappingSchema) }), '/api/import-mappings', { query: { bookType } }),
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
  const parsed = ImportViewSchema.safeParse(body)
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
    mutationFn: (input: AnalyseInput) => requestParsed(ImportViewSchema, `/api/imports/${encodeURIComponent(id)}/analyse`, { method: 'POST', body: input }),
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
    mutationFn: (input: StartInput) => requestParsed(ImportViewSchema, `/api/imports/${encodeURIComponent(id)}/start`, { method: 'POST', body: input }),
    onSuccess: (view) => {
      client.setQueryData(importKeys.one(id), view)
      return client.invalidateQueries({ queryKey: importKeys.all })
    },
  })
}

export function useCancelJob(importId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (jobId: string) => request(`/api/jobs/${encodeURIComponent(jobId)}/cancel`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: importKeys.one(importId) }),
  })
}

/** Counters the job keeps in its progress (and the import in its counts when done). */
export function countersOf(view: ImportView) {
  const source = (view.status === 'succeeded' ? view.counts : view.progress) ?? {}
  const n = (key: string) => Number((source as Record<string, unknown>)[key] ?? 0)
  return {
    rowsTotal: n('rowsTotal') || (view.analysis?.rowCount ?? 0),
    rowsRead: n('rowsRead'),
    accepted: n('accepted'),
    drafts: n('drafts'),
    rejected: n('rejected'),
    skipped: n('skipped'),
    booksCreated: Array.isArray((source as Record<string, unknown>).booksCreated) ? ((source as Record<string, unknown>).booksCreated as unknown[]).length : n('booksCreated'),
    notes: ((source as Record<string, unknown>).notes ?? {}) as Record<string, number>,
  }
}
