import type { Worker } from 'node:worker_threads'
import { startTsWorker } from '../../lib/ts-worker'
import type { PdfRequest, PdfResponse } from './pdf-worker'

type Pending = { resolve(response: PdfResponse): void; reject(error: Error): void }
type Request = PdfRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

const IDLE_MS = 30_000

/**
 * One worker thread that opens PDFs with pdf.js and renders their pages; started on first use and
 * stopped after a quiet spell.
 */
export function createPdfRenderer() {
  let worker: Worker | undefined
  let nextId = 1
  let idleTimer: NodeJS.Timeout | undefined
  const pending = new Map<number, Pending>()

  function failAll(error: Error): void {
    for (const p of pending.values()) p.reject(error)
    pending.clear()
    worker = undefined
  }

  function start(): Worker {
    const w = startTsWorker(new URL('./pdf-worker.ts', import.meta.url))
    w.on('message', (response: PdfResponse) => {
      const waiting = pending.get(response.id)
      pending.delete(response.id)
      waiting?.resolve(response)
      if (pending.size === 0) {
        // Idle: do not keep the process alive for the worker alone.
        w.unref()
        scheduleIdle()
      }
    })
    w.on('error', (error) => failAll(error))
    w.on('exit', (code) => failAll(new Error(`Tiến trình đọc PDF đã dừng (mã ${code})`)))
    w.unref()
    return w
  }

  function scheduleIdle(): void {
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => void stop(), IDLE_MS)
    idleTimer.unref()
  }

  async function call(request: Request): Promise<PdfResponse> {
    clearTimeout(idleTimer)
    worker ??= start()
    const id = nextId++
    const w = worker
    w.ref()
    return new Promise<PdfResponse>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      w.postMessage({ ...request, id })
    })
  }

  async function stop(): Promise<void> {
    clearTimeout(idleTimer)
    const w = worker
    worker = undefined
    if (w) await w.terminate()
  }

  return {
    /** Number of pages, or the reason pdf.js could not open the file. */
    async inspect(path: string): Promise<{ pages: number } | { error: string }> {
      const response = await call({ op: 'inspect', path })
      return response.ok ? { pages: response.pages ?? 0 } : { error: response.error }
    },
    async render(path: string, page: number): Promise<{ data: Buffer; width: number; height: number }> {
      const response = await call({ op: 'render', path, page })
      if (!response.ok) throw new Error(response.error)
      if (!response.image || !response.width || !response.height) throw new Error('pdf.js returned no image')
      return { data: Buffer.from(response.image), width: response.width, height: response.height }
    },
    /** Frees the open document (only if it is `path`, when given). */
    async close(path?: string): Promise<void> {
      if (worker) await call({ op: 'close', path })
    },
    stop,
  }
}
export type PdfRenderer = ReturnType<typeof createPdfRenderer>
