import { z } from 'zod'

/** Pieces every response shape is built from (server `response` schemas, the web's fetchers). */

/**
 * A moment. On the wire it is ISO 8601 text ("2025-03-01T08:30:00.000Z"); the server's presenters may
 * hand over the database's Date, which JSON writes as that text. The web reads text.
 */
export const Timestamp = z.union([z.iso.datetime({ offset: true }), z.date()])

/** A calendar date as the database keeps it: yyyy-mm-dd. */
export const CalendarDate = z.iso.date()

/** A free-form JSON object (job progress, counters, options): its keys belong to the job kind. */
export const JsonObject = z.record(z.string(), z.unknown())

/** One page of a list, with the total over every page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
}

/** A list without paging. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) })
}

/** A background job was queued: follow it at GET /api/jobs/:id. */
/** `:id` in a route's path: one record's id. */
export const IdParams = z.object({ id: z.uuid({ message: 'Mã không hợp lệ' }) })

export const JobStarted = z.object({ jobId: z.uuid() })
export type JobStarted = z.infer<typeof JobStarted>

/** 204: the answer has no body. */
export const NoContent = z.null().describe('Không có nội dung (204)')

/** A Timestamp as ISO text (what the web reads is already text; a presenter's Date is written out). */
export function timestampText(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString()
}
