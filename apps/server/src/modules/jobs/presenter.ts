import type { JobView } from '@hts/domain'
import { jsonObject, jsonObjectOrNull } from '../../http/wire'
import type { presentJob } from './service'

/** A presented job with its jsonb columns (params, progress, result) narrowed to the objects the API declares. */
export function asJobView(job: ReturnType<typeof presentJob>): JobView {
  return { ...job, params: jsonObject(job.params), progress: jsonObject(job.progress), result: jsonObjectOrNull(job.result) }
}
