import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'

export interface JobQueueStats {
  /** Per kind: jobs waiting and running now. */
  byKind: { kind: string; queued: number; running: number }[]
  queued: number
  running: number
  /** How long the oldest waiting job has waited, seconds (null when none waits). */
  oldestQueuedSeconds: number | null
}

/** The queue as health and /metrics report it: one grouped read over the unfinished jobs (index jobs_queue of 0002). */
export async function jobQueueStats(db: Kysely<Database>): Promise<JobQueueStats> {
  const rows = await sql<{ kind: string; queued: number; running: number; oldest: number | null }>`
    select kind,
           count(*) filter (where status = 'queued')::int as queued,
           count(*) filter (where status = 'running')::int as running,
           extract(epoch from now() - min(created_at) filter (where status = 'queued'))::float8 as oldest
    from jobs where status in ('queued', 'running') group by kind order by kind`.execute(db)
  const oldest = rows.rows.map((r) => r.oldest).filter((o): o is number => o !== null)
  return {
    byKind: rows.rows.map(({ kind, queued, running }) => ({ kind, queued, running })),
    queued: rows.rows.reduce((n, r) => n + r.queued, 0),
    running: rows.rows.reduce((n, r) => n + r.running, 0),
    oldestQueuedSeconds: oldest.length ? Math.round(Math.max(...oldest)) : null,
  }
}
