/**
 * Runs inside a worker thread (see pipeline.ts): reads and judges the rows of an import, one batch
 * per "next" message, so the main thread only writes to the database.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { judgedBatches, type PipelineInit } from './row-pipeline'

export type WorkerReply =
  | { type: 'batch'; batch: import('./row-pipeline').JudgedBatch }
  | { type: 'done' }
  | { type: 'error'; message: string; userFacing: boolean }

const batches = judgedBatches(workerData as PipelineInit)
parentPort?.on('message', (message: string) => {
  if (message !== 'next') return
  batches.next().then(
    (step) => parentPort?.postMessage(step.done ? { type: 'done' } : { type: 'batch', batch: step.value } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        userFacing: error instanceof Error && 'statusCode' in error,
      } satisfies WorkerReply),
  )
})
