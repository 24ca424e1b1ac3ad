import { useMutation, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { request, requestParsed } from '../../lib/http'
import { uploadFile } from '../imports/api'

const JobSchema = z.object({
  id: z.string(),
  status: z.string(),
  progress: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
})
export type ExportJob = z.infer<typeof JobSchema>

export function useExportJob(jobId: string | null) {
  return useQuery({
    queryKey: ['exports', 'job', jobId ?? ''],
    queryFn: () => requestParsed(JobSchema, `/api/jobs/${encodeURIComponent(jobId ?? '')}`),
    enabled: Boolean(jobId),
    refetchInterval: (query) => (['succeeded', 'failed', 'cancelled'].includes(query.state.data?.status ?? '') ? false : 1000),
  })
}

export interface UnitExportInput {
  unitId?: string
  bookType?: string
  year?: number
}

export function useStartUnitExport() {
  return useMutation({
    mutationFn: (input: UnitExportInput) => requestParsed(z.object({ jobId: z.string() }), '/api/exports/unit', { method: 'POST', body: input }),
  })
}

export const cancelJob = (jobId: string) => request(`/api/jobs/${encodeURIComponent(jobId)}/cancel`, { method: 'POST' })

const AttachSchema = z.object({
  attached: z.number(),
  unmatched: z.array(z.object({ name: z.string(), reason: z.string() })),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  jobIds: z.array(z.string()),
})
export type AttachResult = z.infer<typeof AttachSchema>

export async function attachScanZip(bookId: string, file: File, onProgress: (fraction: number) => void): Promise<AttachResult> {
  return AttachSchema.parse(await uploadFile(`/api/books/${encodeURIComponent(bookId)}/scans-zip`, file, onProgress))
}

/** Query string of the officers' entry list export. */
export function entryListUrl(filter: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') params.set(k, String(v))
  return `/api/exports/entries.xlsx?${params.toString()}`
}
