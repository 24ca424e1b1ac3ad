/**
 * The OCR engine: Tesseract (tesseract.js, the Vietnamese model from @tesseract.js-data/vie, both
 * installed with npm; nothing is downloaded at run time). One worker per process, started on the
 * first page and kept warm (loading the model takes longer than reading a page), terminated when the
 * server closes. tesseract.js runs the recognition in a worker thread, so the event loop (and every
 * request) goes on while a page is read; the job runner reads one page at a time.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { startTsWorker } from '../../lib/ts-worker'
import { createWorker, type Worker } from 'tesseract.js'
import type { OcrLine } from '@hts/domain'
import type { PrepareReply } from './prepare-worker'

export { prepareImage } from './prepare-image'

export interface OcrReading {
  lines: OcrLine[]
  /** Milliseconds of preparing and recognising the image. */
  ms: number
}

export interface OcrEngine {
  /** Name and version stored with each page read ("tesseract.js 7 vie"). */
  readonly name: string
  read(image: Buffer): Promise<OcrReading>
  close(): Promise<void>
}

/** prepareImage in a worker thread of its own (one per page: its start is small beside the page's read). */
function prepareOffThread(image: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = startTsWorker(new URL('./prepare-worker.ts', import.meta.url), { workerData: image })
    let settled = false
    worker.once('message', (reply: PrepareReply) => {
      settled = true
      if (reply.ok) resolve(Buffer.from(reply.png))
      else reject(new Error(reply.message))
      void worker.terminate()
    })
    worker.once('error', (error) => {
      settled = true
      reject(error)
    })
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`Tiến trình chuẩn bị ảnh đã dừng (mã ${code})`))
    })
  })
}

/** Where @tesseract.js-data/vie keeps its model (resolved through node's resolver, no download). */
function vieLangPath(): string {
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0')
}

export function createTesseractEngine(): OcrEngine {
  let worker: Promise<Worker> | undefined
  let cacheDir: string | undefined

  function warm(): Promise<Worker> {
    if (!worker) {
      // tesseract.js writes an unzipped copy of the model here; a temporary directory of our own.
      cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-ocr-'))
      worker = createWorker('vie', 1, { langPath: vieLangPath(), gzip: true, cachePath: cacheDir, cacheMethod: 'write' }).then(async (w) => {
        // The prepared image carries no resolution; a printed page at TARGET_LONG_SIDE is about 300 dpi.
        await w.setParameters({ user_defined_dpi: '300' })
        return w
      })
      // A failed start is retried on the next page instead of failing every page after it.
      worker.catch(() => (worker = undefined))
    }
    return worker
  }

  return {
    name: 'tesseract.js 7 vie',
    async read(image) {
      // The first page waits for the worker and its model; that start is not the page's time.
      const ready = await warm()
      const started = performance.now()
      const prepared = await prepareOffThread(image)
      const { data } = await ready.recognize(prepared, {}, { blocks: true, text: false })
      const lines: OcrLine[] = (data.blocks ?? []).flatMap((block) =>
        block.paragraphs.flatMap((paragraph) =>
          paragraph.lines.map((line) => ({
            words: line.words.map((word) => ({ text: word.text, confidence: word.confidence, bbox: word.bbox })),
          }))))
      return { lines, ms: Math.round(performance.now() - started) }
    },
    async close() {
      const running = worker
      worker = undefined
      if (running) await (await running.catch(() => undefined))?.terminate()
      if (cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true })
      cacheDir = undefined
    },
  }
}
