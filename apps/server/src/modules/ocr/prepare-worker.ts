/**
 * Runs in a worker thread (engine.ts prepareOffThread): prepares one page image for Tesseract off the
 * server's main thread. workerData is the image; the reply carries the PNG Tesseract reads.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { prepareImage } from './prepare-image'

export type PrepareReply = { ok: true; png: Uint8Array } | { ok: false; message: string }

prepareImage(Buffer.from(workerData as Uint8Array)).then(
  (png) => parentPort?.postMessage({ ok: true, png } satisfies PrepareReply),
  (error: unknown) => parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies PrepareReply),
)
