import type { JobView } from '@hts/domain'

/** Narrowing of jsonb values (typed `unknown` by the database layer) into the shapes the API declares. */

export function jsonObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {}
}

export function jsonObjectOrNull(value: unknown): Record<string, unknown> | null {
  return value === null || value === undefined ? null : jsonObject(value)
}

/** A column mapping: header or field → catalog key (or null: skipped). */
export function stringMapping(value: unknown): Record<string, string | null> {
  return Object.fromEntries(Object.entries(jsonObject(value)).filter((e): e is [string, string | null] => typeof e[1] === 'string' || e[1] === null))
}

type JobWithJson = Omit<JobView, 'params' | 'progress' | 'result'> & { params: unknown; progress: unknown; result: unknown }

/** A presented job (jobs module) with its jsonb columns narrowed to the objects the API declares. */
export function asJobView(job: JobWithJson): JobView {
  return { ...job, params: jsonObject(job.params), progress: jsonObject(job.progress), result: jsonObjectOrNull(job.result) }
}
