import { useMutation } from '@tanstack/react-query'
import { JobStarted, JobView, ScanZipResult } from '@hts/domain'
import { requestParsed } from '../../lib/http'
import { useJob } from '../../lib/useJob'
import { uploadFile } from '../imports/api'

export type ExportJob = JobView

export const useExportJob = useJob

export interface UnitExportInput {
  unitId?: string
  bookType?: string
  year?: number
}

export function useStartUnitExport() {
  return useMutation({
    mutationFn: (input: UnitExportInput) => requestParsed(JobStarted, '/api/exports/unit', { method: 'POST', body: input }),
  })
}

export const cancelJob = (jobId: string) => requestParsed(JobView, `/api/jobs/${encodeURIComponent(jobId)}/cancel`, { method: 'POST' })

export type AttachResult = ScanZipResult

export async function attachScanZip(bookId: string, file: File, onProgress: (fraction: number) => void): Promise<AttachResult> {
  return ScanZipResult.parse(await uploadFile(`/api/books/${encodeURIComponent(bookId)}/scans-zip`, file, onProgress))
}

/** Query string of the officers' entry list export. */
export function entryListUrl(filter: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') params.set(k, String(v))
  return `/api/exports/entries.xlsx?${params.toString()}`
}
