/**
 * The judged batches of an import, computed in a worker thread one batch ahead of the caller:
 * while the job writes batch N, batch N+1 is being read and checked on the other core.
 * IMPORT_WORKER=0 runs the same pipeline on the calling thread (debugging).
 */
import { startTsWorker } from '../../lib/ts-worker'
import { fileError } from './file-checks'
import { judgedBatches, type JudgedBatch, type PipelineInit } from './row-pipeline'
import type { WorkerReply } from './row-worker'

export async function* pipelineBatches(init: PipelineInit): AsyncGenerator<JudgedBatch> {
  if (process.env.IMPORT_WORKER === '0') {
    yield* judgedBatches(init)
    return
  }
  const worker = startTsWorker(new URL('./row-worker.ts', import.meta.url), { workerData: init })
  const replies: WorkerReply[] = []
  let wake: (() => void) | undefined
  let crashed: Error | undefined
  worker.on('message', (reply: WorkerReply) => {
    replies.push(reply)
    wake?.()
  })
  worker.on('error', (error) => {
    crashed = error
    wake?.()
  })
  worker.on('exit', (code) => {
    crashed ??= code === 0 ? undefined : new Error(`Tiến trình đọc tệp đã dừng (mã ${code})`)
    wake?.()
  })
  const next = async (): Promise<WorkerReply> => {
    while (replies.length === 0) {
      if (crashed) throw crashed
      await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
    }
    return replies.shift() as WorkerReply
  }
  try {
    worker.postMessage('next')
    for (;;) {
      const reply = await next()
      if (reply.type === 'done') return
      if (reply.type === 'error') throw reply.userFacing ? fileError(reply.message) : new Error(reply.message)
      worker.postMessage('next')
      yield reply.batch
    }
  } finally {
    await worker.terminate()
  }
}
