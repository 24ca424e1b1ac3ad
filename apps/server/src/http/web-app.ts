import fs from 'node:fs'
import path from 'node:path'
import compress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/**
 * How the web app's files and the API's JSON reach a browser over a commune's slow connection
 * (issue 14): compressed, and the content-hashed files cached for good.
 */

/** A file whose name carries a hash of its content (Vite's `assets/`) never changes: cached for a year, not revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable'
/** index.html names the current release's files: asked again on every load, so a new release is seen at once. */
export const REVALIDATE = 'no-cache'

/**
 * JSON answers of the API compressed on the fly (brotli or gzip, whichever the browser accepts; at
 * least 1 KB): lists of entries, pages and jobs are repetitive JSON. Only the API's JSON: downloads
 * (Excel, ZIP, PDF) and page images are compressed formats already, and the web app's files are
 * compressed at build time (swagger-ui's files under /api/docs are compressed too: @fastify/static
 * sets their type after the plugin looks, which then takes them for JSON). Request bodies are not
 * decompressed (global: false): an upload is taken as sent, within the body limit. Registered before
 * the routes: both hooks act as routes are added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  // A route's own options replace the plugin's (not merged): each /api/ route gets the full set.
  const options = { encodings: ['br', 'gzip'] as ('br' | 'gzip')[], customTypes: /^application\/json(;|$)/ }
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.compress === undefined) route.compress = options
  })
  await app.register(compress, { global: false, ...options })
}

/**
 * The built web app (apps/web/dist): the `.br`/`.gz` files written beside each file at build time
 * are sent as they are to a browser that accepts them (no compression work per request); any other
 * path that is not the API gets index.html, the client routes it.
 */
export async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const index = path.join(webDist, 'index.html')
  const assets = path.join(webDist, 'assets') + path.sep
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => reply.header('cache-control', filePath.startsWith(assets) ? IMMUTABLE : REVALIDATE),
  })
  app.setNotFoundHandler((request, reply) =>
    request.url.startsWith('/api/') || request.method !== 'GET'
      ? reply.code(404).send({ error: 'not_found', message: 'Không tìm thấy địa chỉ này' })
      : reply.type('text/html').header('cache-control', REVALIDATE).send(fs.createReadStream(index)),
  )
}
