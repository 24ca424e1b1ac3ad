/**
 * Runs inside a worker thread (see scoring-pool.ts): looks up and scores batches of entries
 * against the local extracts. Its queries are answered by the thread holding the database.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { QueryProxyDialect } from '../../db/query-proxy'
import { createLocalLookup } from '../population'
import { reconcileEntries } from './engine'
import type { ScoringReply, ScoringRequest } from './scoring-pool'

const { queries } = workerData as { queries: MessagePort }
const lookup = createLocalLookup(new Kysely<Database>({ dialect: new QueryProxyDialect(queries) }))

parentPort?.on('message', (request: ScoringRequest) => {
  reconcileEntries(lookup, request.scope, request.entries, request.settings, request.options).then(
    (result) => parentPort?.postMessage({ id: request.id, result } satisfies ScoringReply),
    (error: unknown) => parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies ScoringReply),
  )
})
