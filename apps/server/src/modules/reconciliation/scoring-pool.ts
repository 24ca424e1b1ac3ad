/**
 * Batches of a reconciliation job are looked up and scored in worker threads: scoring is most of
 * the CPU a job needs (measured: 2/3 of the Node process's time against 1M people), and on one
 * thread it also waits behind PGlite's queries. The workers' queries come back to this thread
 * (db/query-proxy.ts), which keeps the only database connection(s) and writes the results.
 *
 * RECONCILE_WORKERS sets the number of workers (default: one per core, at most 4); 0 scores on the
 * calling thread.
 */
import { availableParallelism } from 'node:os'
import { MessageChannel, type Worker } from 'node:worker_threads'
import type { Kysely } from 'kysely'
import type { MatchSettings } from '@hts/domain'
import { serveQueries } from '../../db/query-proxy'
import { startTsWorker } from '../../lib/ts-worker'
import type { EngineOptions, EntryForMatch, reconcileEntries } from './engine'

export type ScoringResult = Awaited<ReturnType<typeof reconcileEntries>>
export interface ScoringRequest {
  id: number
  scope: readonly string[]
  entries: readonly EntryForMatch[]
  settings: MatchSettings
  options?: EngineOptions
}
export type ScoringReply = { id: number; result: ScoringResult } | { id: number; error: string }

export interface ScoringPool {
  reconcile(scope: readonly string[], entries: readonly EntryForMatch[], settings: MatchSettings, options?: EngineOptions): Promise<ScoringResult>
  close(): Promise<void>
}

export function scoringWorkers(): number {
  const configured = process.env.RECONCILE_WORKERS
  if (configured !== undefined && configured !== '') return Math.max(0, Math.floor(Number(configured)) || 0)
  return Math.min(4, availableParallelism())
}

interface PoolWorker {
  worker: Worker
  pending: Map<number, { resolve(result: ScoringResult): void; reject(error: Error): void }>
  close(): void
}

/** Workers start as batches arrive (up to `size`) and stop with close(). */
export function createScoringPool<DB>(db: Kysely<DB>, size: number): ScoringPool {
  const workers: PoolWorker[] = []
  let nextId = 1

  function start(): PoolWorker {
    const channel = new MessageChannel()
    serveQueries(db, channel.port1)
    const worker = startTsWorker(new URL('./scoring-worker.ts', import.meta.url), { workerData: { queries: channel.port2 }, transferList: [channel.port2] })
    const entry: PoolWorker = { worker, pending: new Map(), close: () => channel.port1.close() }
    const fail = (error: Error) => {
      for (const p of entry.pending.values()) p.reject(error)
      entry.pending.clear()
      entry.close()
      const index = workers.indexOf(entry)
      if (index >= 0) workers.splice(index, 1)
    }
    worker.on('message', (reply: ScoringReply) => {
      const waiting = entry.pending.get(reply.id)
      entry.pending.delete(reply.id)
      if ('error' in reply) waiting?.reject(new Error(reply.error))
      else waiting?.resolve(reply.result)
    })
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`Tiến trình đối chiếu đã dừng (mã ${code})`)))
    workers.push(entry)
    return entry
  }

  /** The least busy worker, or a new one while some are busy and the pool is not full. */
  function pick(): PoolWorker {
    const least = workers.reduce<PoolWorker | undefined>((best, w) => (!best || w.pending.size < best.pending.size ? w : best), undefined)
    if (least && (least.pending.size === 0 || workers.length >= size)) return least
    return start()
  }

  return {
    reconcile(scope, entries, settings, options) {
      const target = pick()
      const id = nextId++
      return new Promise<ScoringResult>((resolve, reject) => {
        target.pending.set(id, { resolve, reject })
        target.worker.postMessage({ id, scope, entries, settings, ...(options ? { options } : {}) } satisfies ScoringRequest)
      })
    },
    async close() {
      const all = workers.splice(0)
      for (const w of all) w.close()
      await Promise.all(all.map((w) => w.worker.terminate()))
    },
  }
}
