import type { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const ZIP_MIME = 'application/zip'

/** RFC 6266/5987: an ASCII fallback for old clients and the exact UTF-8 name for the others. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '-') || 'tep'
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

export function sendDownload(reply: FastifyReply, stream: Readable | Buffer, fileName: string, mime: string) {
  return reply.header('content-type', mime).header('content-disposition', contentDisposition(fileName)).header('cache-control', 'no-store').send(stream)
}
