/**
 * The web app's files over a slow connection (issue 14): the brotli or gzip file written at build
 * time is sent as it is to a browser that accepts it, content-hashed files are cached for a year,
 * index.html is revalidated, JSON answers of the API are compressed and still never cached.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/harness'

let server: TestServer
let webDist: string
const script = `/* the web app */\n${Array.from({ length: 400 }, (_, i) => `export const value${i} = 'Sổ hộ tịch số ${i}'`).join('\n')}\n`
const ASSET = '/assets/index-Bx7Yq2Lk.js'

beforeAll(async () => {
  // A build as apps/web's vite build writes it: hashed files under assets/, each with .br and .gz.
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-web-'))
  fs.mkdirSync(path.join(webDist, 'assets'))
  fs.writeFileSync(path.join(webDist, 'index.html'), `<!doctype html><html lang="vi"><script type="module" src="${ASSET}"></script></html>`)
  const file = path.join(webDist, ASSET)
  fs.writeFileSync(file, script)
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(script))
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(script))
  server = await startTestServer({ config: { webDist } })
})
afterAll(async () => {
  await server?.close()
  fs.rmSync(webDist, { recursive: true, force: true })
})

/** GET with exactly these headers; the body as it came on the wire (not decoded). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(server.url + url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (c: Buffer) => chunks.push(c))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    }).on('error', reject)
  })
}

describe('web app files', () => {
  it('sends the brotli file to a browser that accepts it, gzip to one that accepts only gzip, the plain file otherwise; cached for a year', async () => {
    const br = await rawGet(ASSET, { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.status).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script)
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 5)

    const gz = await rawGet(ASSET, { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script)

    const plain = await rawGet(ASSET)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(plain.body.toString()).toBe(script)
  })

  it('revalidates index.html on every load, at / and at a client route such as /dang-nhap', async () => {
    for (const url of ['/', '/dang-nhap']) {
      const page = await rawGet(url, { 'accept-encoding': 'br' })
      expect(page.status, url).toBe(200)
      expect(page.headers['content-type'], url).toMatch(/text\/html/)
      expect(page.headers['cache-control'], url).toBe('no-cache')
      expect(page.body.toString(), url).toContain(ASSET)
    }
    // A missing asset is a 404, not index.html cached for a year.
    const missing = await rawGet('/assets/khong-co-DEADBEEF.js')
    expect(missing.headers['cache-control']).not.toContain('immutable')
  })

  it('compresses JSON answers of the API for a browser that accepts it, which stay no-store', async () => {
    const br = await rawGet('/api/docs/json', { 'accept-encoding': 'gzip, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['cache-control']).toBe('no-store')
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString())).toHaveProperty('openapi')
    const plain = await rawGet('/api/docs/json')
    expect(plain.headers['content-encoding']).toBeUndefined()
    const docs = await rawGet('/api/docs/json', { 'accept-encoding': 'gzip' })
    expect(docs.headers['content-encoding']).toBe('gzip')
    expect(docs.headers['cache-control']).toBe('no-store')
    expect(JSON.parse(zlib.gunzipSync(docs.body).toString())).toHaveProperty('openapi')
    // brotli or gzip only (the plugin's own defaults, deflate included, are not what the routes get).
    expect((await rawGet('/api/docs/json', { 'accept-encoding': 'deflate' })).headers['content-encoding']).toBeUndefined()
    // Only JSON: a download (already a zip inside) goes as it is.
    const officer = await server.login('tuphap.anphu')
    const xlsx = await officer.fetch('/api/followups/export.xlsx', { headers: { 'accept-encoding': 'gzip, br' } })
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/)
    expect(xlsx.headers.get('content-encoding')).toBeNull()
    expect(xlsx.headers.get('cache-control')).toBe('no-store')
  })
})
