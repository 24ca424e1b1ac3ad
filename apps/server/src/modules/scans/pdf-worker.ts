/**
 * Runs inside a worker thread (see pdf-renderer.ts): pdf.js parses and paints on the calling thread,
 * which would stall every HTTP request for hundreds of milliseconds per page on the main thread.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { parentPort } from 'node:worker_threads'
import sharp from 'sharp'
import { IMAGE_LONG_SIDE, IMAGE_JPEG_OPTIONS } from './renditions'

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>
/** What page.render paints on: declared as the DOM's canvas, in Node the @napi-rs/canvas one pdf.js's own factory makes. */
type RenderCanvas = NonNullable<Parameters<Awaited<ReturnType<PdfDocument['getPage']>>['render']>[0]['canvas']>

export type PdfRequest =
  | { id: number; op: 'inspect'; path: string }
  | { id: number; op: 'render'; path: string; page: number }
  | { id: number; op: 'close'; path?: string | undefined }
export type PdfResponse =
  | { id: number; ok: true; pages?: number; image?: Uint8Array; width?: number; height?: number }
  | { id: number; ok: false; error: string }

interface CanvasEntry {
  canvas: RenderCanvas
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }
}

/** pdf.js declares its canvas factory as `Object`; in Node it makes @napi-rs/canvas canvases, which its render() takes. */
function isCanvasFactory(value: unknown): value is { create(w: number, h: number): CanvasEntry } {
  return typeof value === 'object' && value !== null && 'create' in value && typeof value.create === 'function'
}

const require = createRequire(import.meta.url)
const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'))
let pdfjs: PdfJs | undefined
let open: { path: string; doc: PdfDocument } | undefined

async function load(filePath: string): Promise<PdfDocument> {
  if (open?.path === filePath) return open.doc
  await open?.doc.destroy()
  open = undefined
  pdfjs ??= await import('pdfjs-dist/legacy/build/pdf.mjs')
  await fs.promises.access(filePath)
  const doc = await pdfjs.getDocument({
    // Read by byte ranges, on demand: a 300 MB register never sits whole in memory.
    url: pathToFileURL(filePath),
    disableStream: true,
    disableAutoFetch: true,
    standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
    cMapUrl: `${pdfjsDir}/cmaps/`,
    wasmUrl: `${pdfjsDir}/wasm/`,
    iccUrl: `${pdfjsDir}/iccs/`,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise
  open = { path: filePath, doc }
  return doc
}

/** Paints one page at IMAGE_LONG_SIDE pixels on its long side and encodes it as JPEG. */
async function render(filePath: string, pageNumber: number) {
  const doc = await load(filePath)
  const page = await doc.getPage(pageNumber)
  try {
    const unit = page.getViewport({ scale: 1 })
    const viewport = page.getViewport({ scale: IMAGE_LONG_SIDE / Math.max(unit.width, unit.height) })
    const width = Math.max(1, Math.round(viewport.width))
    const height = Math.max(1, Math.round(viewport.height))
    // pdf.js ships its own @napi-rs/canvas: use its factory so that Path2D and canvas come from one build.
    const factory = doc.canvasFactory
    if (!isCanvasFactory(factory)) throw new Error('pdf.js không có bộ tạo canvas cho Node')
    const { canvas, context } = factory.create(width, height)
    await page.render({ canvas, viewport, background: 'white' }).promise
    const pixels = context.getImageData(0, 0, width, height).data
    const image = await sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), { raw: { width, height, channels: 4 } })
      .flatten({ background: '#ffffff' })
      .jpeg(IMAGE_JPEG_OPTIONS)
      .toBuffer()
    return { image: new Uint8Array(image), width, height }
  } finally {
    page.cleanup()
  }
}

async function handle(request: PdfRequest): Promise<PdfResponse> {
  try {
    switch (request.op) {
      case 'inspect':
        return { id: request.id, ok: true, pages: (await load(request.path)).numPages }
      case 'render':
        return { id: request.id, ok: true, ...(await render(request.path, request.page)) }
      case 'close':
        if (!request.path || open?.path === request.path) {
          await open?.doc.destroy()
          open = undefined
        }
        return { id: request.id, ok: true }
    }
  } catch (error) {
    if (request.op !== 'close' && open?.path === request.path) {
      await open.doc.destroy().catch(() => {})
      open = undefined
    }
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

// One request at a time: a request for another file must not destroy the document a render is using.
let queue: Promise<void> = Promise.resolve()
parentPort?.on('message', (request: PdfRequest) => {
  queue = queue.then(async () => {
    const response = await handle(request)
    const transfer = response.ok && response.image ? [response.image.buffer as ArrayBuffer] : []
    parentPort?.postMessage(response, transfer)
  })
})
