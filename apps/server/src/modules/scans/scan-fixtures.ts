import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'
import sharp from 'sharp'
import type { Client } from '../../test/harness'

/** Synthetic scan files for tests and benchmarks: made on the fly, never real registers. */

/** An A4 PDF with `pages` pages, each with its number written large and a dark block (so rendering is checkable). */
export async function buildPdf(pages: number, label = 'Trang'): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842])
    page.drawText(`${label} ${i}`, { x: 60, y: 760, size: 36, font, color: rgb(0, 0, 0) })
    page.drawRectangle({ x: 60, y: 80, width: 200, height: 300, color: rgb(0.1, 0.1, 0.1) })
  }
  return Buffer.from(await doc.save())
}

/** A multi-page TIFF; page i is filled with colours[i]. */
export async function buildTiff(colours: string[]): Promise<Buffer> {
  const pages = await Promise.all(colours.map((background) =>
    sharp({ create: { width: 600, height: 800, channels: 3, background } }).png().toBuffer()))
  return sharp(pages, { join: { animated: true } }).tiff({ compression: 'lzw' }).toBuffer()
}

export async function buildPng(width = 800, height = 1100, background = '#f0e8d0'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).png().toBuffer()
}

/** A real JPEG photo-like image (noise, so it does not compress to nothing), cut in half. */
export async function buildTruncatedJpeg(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 900, height: 1200, channels: 3, background: '#ddd', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer()
  return jpeg.subarray(0, Math.floor(jpeg.length / 2))
}

export interface UploadFile {
  name: string
  data: Buffer
  /** What the browser would claim; the server ignores it and reads the bytes. */
  type?: string
}

export async function uploadScans(client: Client, bookId: string, files: UploadFile[]) {
  const form = new FormData()
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name)
  const response = await client.fetch(`/api/books/${bookId}/scans`, { method: 'POST', body: form })
  return { status: response.status, body: (await response.json()) as UploadBody }
}

export interface UploadBody {
  jobId: string | null
  pagesAdded: number
  message?: string
  results: Array<{
    fileName: string
    status: 'accepted' | 'duplicate' | 'rejected'
    message: string | null
    sha256: string | null
    mimeType: string | null
    pageCount: number | null
    uploadId: string | null
    firstPosition: number | null
    lastPosition: number | null
    alreadyStored: boolean
  }>
}

/** Polls a background job until it ends. */
export async function waitForJob(client: Client, jobId: string, timeoutMs = 60_000): Promise<{ status: string; result: Record<string, unknown> | null; progress: Record<string, unknown>; error: string | null }> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const job = await client.get(`/api/jobs/${jobId}`)
    if (['succeeded', 'failed', 'cancelled'].includes(job.body.status as string)) return job.body
    if (Date.now() > until) throw new Error(`job ${jobId} still ${job.body.status}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
