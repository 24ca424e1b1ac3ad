import { useQuery } from '@tanstack/react-query'
import { JobView } from '@hts/domain'
import { requestParsed } from './http'

const FINISHED = ['succeeded', 'failed', 'cancelled']

/** A background job followed every second until it finishes. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: ['jobs', jobId ?? ''],
    queryFn: () => requestParsed(JobView, `/api/jobs/${encodeURIComponent(jobId ?? '')}`),
    enabled: Boolean(jobId),
    refetchInterval: (query) => (FINISHED.includes(query.state.data?.status ?? '') ? false : 1000),
  })
}
