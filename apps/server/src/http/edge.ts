import type { FastifyInstance, FastifyRequest } from 'fastify'
import helmet from '@fastify/helmet'
import { HttpError } from './errors'

/**
 * What every request meets before a route sees it: text the database cannot keep is refused, a
 * state-changing request from another site is refused, and every answer carries the security headers.
 */

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** A browser says where the request came from; only our own pages (or the user typing the address) may change data. */
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none'])
// NUL cannot be stored in PostgreSQL text; a lone surrogate is not Unicode and breaks exports.
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export const badText = () =>
  new HttpError(400, 'validation', 'Dữ liệu chứa ký tự không hợp lệ (ký tự rỗng hoặc mã Unicode hỏng): hãy gõ lại hoặc dán từ nguồn khác')
const notUtf8 = () => new HttpError(400, 'validation', 'Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ: hãy lưu tệp hoặc gõ lại với bảng mã Unicode (UTF-8)')
const crossSite = () => new HttpError(403, 'cross_site', 'Yêu cầu đến từ một trang web khác nên đã bị từ chối: hãy thao tác trực tiếp trên trang của hệ thống')

/** True when a string anywhere in the value (keys included) holds NUL or a lone surrogate. Iterative: nesting depth is the sender's choice. */
export function hasUnstorableText(value: unknown): boolean {
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const item = pending.pop()
    if (typeof item === 'string') {
      if (UNSTORABLE_TEXT.test(item)) return true
    } else if (Array.isArray(item)) {
      pending.push(...item)
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, inner] of Object.entries(item)) {
        if (UNSTORABLE_TEXT.test(key)) return true
        pending.push(inner)
      }
    }
  }
  return false
}

function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site']
  if (typeof site === 'string' && !ALLOWED_FETCH_SITES.has(site)) return true
  const origin = request.headers.origin
  if (origin === undefined) return false
  try {
    return new URL(origin).host !== request.host
  } catch {
    return true // "null" (sandboxed frames, file://) or garbage
  }
}

export async function registerEdgeGuards(app: FastifyInstance): Promise<void> {
  // Fastify's own JSON parser decodes invalid UTF-8 to U+FFFD silently: decode strictly first.
  const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    let text: string
    try {
      text = strictUtf8.decode(body)
    } catch {
      done(notUtf8(), undefined)
      return
    }
    parseJson(request, text, done)
  })

  app.addHook('onRequest', async (request) => {
    if (STATE_CHANGING.has(request.method) && isCrossSite(request)) throw crossSite()
  })
  app.addHook('preValidation', async (request) => {
    if (hasUnstorableText(request.params) || hasUnstorableText(request.query) || hasUnstorableText(request.body)) throw badText()
  })

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design and swagger-ui set styles inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Communes often reach the server over plain HTTP on their network: HSTS only when the request is secure (below).
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' },
  })
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains')
    // Answers of the API carry citizens' data (and page images): never kept by a browser or proxy cache.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store')
    return payload
  })
}
