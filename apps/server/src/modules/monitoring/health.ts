/**
 * GET /api/health for load balancers and the operator (issue 17): the database answers, the file
 * store answers, the job queue, and the last good backup's age. 503 when the database or the store
 * does not answer within a few seconds, so a proxy takes the instance out of rotation.
 */
import { sql, type Kysely } from 'kysely'
import type { HealthView } from '@hts/domain'
import type { Database } from '../../db/schema'
import type { BackupsService } from '../backups'
import type { FileStore } from '../files'
import { jobQueueStats } from '../jobs'

const CHECK_TIMEOUT_MS = 3_000
// No file is named by this hash: asking for it proves the store answers without reading anything.
const PROBE_SHA256 = '0'.repeat(64)

async function timed<T>(check: () => Promise<T>): Promise<{ ok: boolean; ms: number; value?: T }> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS)))
    const value = await Promise.race([check(), timeout])
    return { ok: true, ms: Math.round(performance.now() - started), value }
  } catch {
    return { ok: false, ms: Math.round(performance.now() - started) }
  } finally {
    clearTimeout(timer)
  }
}

export async function checkHealth(deps: { db: Kysely<Database>; engine: 'pglite' | 'postgres'; files: FileStore; backups: BackupsService }): Promise<HealthView> {
  const database = await timed(() => sql`select 1`.execute(deps.db))
  const store = await timed(() => deps.files.has(PROBE_SHA256))
  const queue = database.ok ? await timed(() => jobQueueStats(deps.db)) : { ok: false as const, ms: 0, value: undefined }
  const backup = database.ok ? await deps.backups.health() : { lastSuccessAt: null, ageSeconds: null, stale: true, scheduled: false }
  return {
    status: database.ok && store.ok ? 'ok' : 'unavailable',
    engine: deps.engine,
    database: { ok: database.ok, latencyMs: database.ms },
    store: { ok: store.ok, kind: deps.files.kind, latencyMs: store.ms },
    jobs: queue.value ? { queued: queue.value.queued, running: queue.value.running, oldestQueuedSeconds: queue.value.oldestQueuedSeconds } : null,
    backup,
  }
}
