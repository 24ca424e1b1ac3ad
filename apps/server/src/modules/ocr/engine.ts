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
import sharp from 'sharp'
import { createWorker, type Worker } from 'tesseract.js'
import type { OcrLine } from '@hts/domain'

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

/** Pages are stored at 1600 px on their long side (scans/renditions.ts): printed text is then ~15 px high, small for Tesseract, which reads best at 25-35 px. */
const TARGET_LONG_SIDE = 2800

/** Greyscale, stretched contrast, enlarged to the size Tesseract reads best: what a scanner's "text" mode would give. */
export async function prepareImage(image: Buffer): Promise<Buffer> {
  const meta = await sharp(image).metadata()
  const long = Math.max(meta.width, meta.height)
  const pipeline = sharp(image).greyscale().normalise()
  const resized = long > 0 && long < TARGET_LONG_SIDE ? pipeline.resize({ width: Math.round((meta.width * TARGET_LONG_SIDE) / long), kernel: 'lanczos3' }) : pipeline
  return resized.png({ compressionLevel: 1 }).toBuffer()
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
      worker = createWorker('vie', 1, { langPath: vieLangPath(), gzip: true, cachePath: cacheDir, cacheMethod: 'write' })
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
      const prepared = await prepareImage(image)
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
