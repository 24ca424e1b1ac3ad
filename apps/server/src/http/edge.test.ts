import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../test/harness'
import { fillParams, routeTable } from '../test/route-table'

/**
 * The edge of the server: hostile text and numbers in every route's params, query and body answer
 * 400 (never 500), cross-site writes are refused, and every answer carries the security headers.
 */

const BAD_PARAMS = ['%00', 'not-a-uuid', '99999999999999999999', '1e308', '%ED%A0%80', '-1']
const BAD_QUERY = ['1e308', '99999999999', '-99999999999', '%00', '%ED%A0%80', 'NaN', 'a%00b']
const BAD_BODY_VALUES: unknown[] = ['\u0000', 'ab\ud800', '\udc00', 1e308, 99999999999, -99999999999, [1e308], { a: '\u0000' }]
// {"x":"<0xFF>"}: not UTF-8 at all.
const INVALID_UTF8 = Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])

let server: TestServer
let officer: Client
beforeAll(async () => {
  // The test client is the proxy: X-Forwarded-Proto counts only from a trusted proxy (TRUST_PROXY).
  server = await startTestServer({ config: { trustProxy: ['127.0.0.1'] } })
  officer = await server.login('tuphap.anphu')
})
afterAll(async () => server?.close())

async function send(client: Client, method: string, url: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  const response = await client.fetch(url, { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text }
}

describe('hostile values at the edge', () => {
  it('no route answers 500 to NUL, lone surrogates, invalid UTF-8 or out-of-range numbers in params, query or body', async () => {
    // Fastify's route table (test/route-table.ts): every route is walked, a new one included.
    const routes = (await routeTable(server)).filter((route) => !route.url.startsWith('/api/docs'))
    const failures: string[] = []
    let requests = 0
    for (const route of routes) {
      const method = route.method
      if (route.url === '/api/auth/logout') continue // would end the session the walk uses
      const withParams = (value: string) => fillParams(route.url, () => value)
      const validUrl = withParams(randomUUID())
      const hasJsonBody = route.jsonBody !== undefined
      const baseBody = hasJsonBody ? '{}' : undefined
      const check = async (url: string, body?: string | Buffer) => {
        requests++
        const response = await send(officer, method, url, body)
        if (response.status >= 500) failures.push(`${method} ${url} ${body === undefined ? '' : String(body).slice(0, 80)} → ${response.status} ${response.text.slice(0, 120)}`)
      }
      if (route.params.length > 0) for (const value of BAD_PARAMS) await check(withParams(value), baseBody)
      for (const parameter of route.query) {
        for (const value of BAD_QUERY) await check(`${validUrl}?${encodeURIComponent(parameter.name)}=${value}`, baseBody)
      }
      if (hasJsonBody) {
        await check(validUrl, INVALID_UTF8)
        const properties = Object.keys(route.jsonBody?.properties ?? {})
        for (const key of [...properties, 'x\u0000']) {
          for (const value of BAD_BODY_VALUES) await check(validUrl, JSON.stringify({ [key]: value }))
        }
      }
    }
    expect(failures).toEqual([])
    expect(requests).toBeGreaterThan(500)
  }, 300_000)

  it('NUL and lone surrogates are refused with a Vietnamese 400, not stored', async () => {
    for (const text of ['Nguyễn\u0000Văn A', 'Nguyễn \ud800']) {
      const response = await send(officer, 'POST', '/api/books', JSON.stringify({ bookType: 'KS', volume: text }))
      expect(response.status).toBe(400)
      expect(JSON.parse(response.text)).toMatchObject({ error: 'validation', message: expect.stringContaining('ký tự không hợp lệ') })
    }
    const query = await send(officer, 'GET', '/api/books?q=a%00b')
    expect(query.status).toBe(400)
  })

  it('invalid UTF-8 is refused, not turned into U+FFFD', async () => {
    const response = await send(officer, 'POST', '/api/books', INVALID_UTF8)
    expect(response.status).toBe(400)
    expect(JSON.parse(response.text)).toMatchObject({ error: 'validation', message: expect.stringContaining('UTF-8') })
  })

  it('out-of-range numbers and malformed ids answer 400', async () => {
    expect((await send(officer, 'GET', '/api/jobs?limit=1e308')).status).toBe(400)
    expect((await send(officer, 'GET', '/api/jobs/not-a-uuid')).status).toBe(400)
    expect((await send(officer, 'GET', '/api/jobs/99999999999999999999')).status).toBe(400)
    // Were 500: a year beyond int4 reached the database; a long run of digits was searched as an entry number.
    expect((await send(officer, 'GET', '/api/books?year=99999999999')).status).toBe(400)
    expect((await send(officer, 'GET', '/api/books?page=1e308')).status).toBe(400)
    expect((await send(officer, 'GET', '/api/exports/entries.xlsx?q=99999999999')).status).toBe(200)
  })
})

describe('cross-site requests', () => {
  const cancel = () => `/api/jobs/${randomUUID()}/cancel`

  it('a state-changing request from another site is refused with 403, whatever its body', async () => {
    const attempts: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }]
    for (const headers of attempts) {
      // The body-less text/plain POST of a plain HTML form.
      const response = await officer.fetch(cancel(), { method: 'POST', headers: { 'content-type': 'text/plain', ...headers } })
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ error: 'cross_site', message: expect.stringContaining('trang web khác') })
    }
    const json = await send(officer, 'POST', cancel(), '{}', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })
    expect(json.status).toBe(403)
  })

  it('our own pages, typed addresses and clients without those headers pass; reads are not checked', async () => {
    const own = new URL(server.url).host
    expect((await send(officer, 'POST', cancel(), '{}', { origin: `http://${own}`, 'sec-fetch-site': 'same-origin' })).status).toBe(404)
    expect((await send(officer, 'POST', cancel(), '{}', { 'sec-fetch-site': 'none' })).status).toBe(404)
    expect((await send(officer, 'POST', cancel(), '{}')).status).toBe(404)
    expect((await send(officer, 'GET', '/api/jobs', undefined, { 'sec-fetch-site': 'cross-site' })).status).toBe(200)
  })
})

describe('security headers', () => {
  it('every answer carries CSP, nosniff, a referrer policy; API answers are never cached', async () => {
    for (const url of ['/api/health', '/api/books', `/api/pages/${randomUUID()}/image`]) {
      const response = await officer.fetch(url)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("style-src 'self' 'unsafe-inline'")
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('same-origin')
      expect(response.headers.get('cache-control')).toBe('no-store')
      // Plain HTTP: no HSTS (a commune's server on its own network).
      expect(response.headers.get('strict-transport-security')).toBeNull()
    }
  })

  it('HSTS when the request came over HTTPS (through the proxy)', async () => {
    const response = await officer.fetch('/api/health', { headers: { 'x-forwarded-proto': 'https' } })
    expect(response.headers.get('strict-transport-security')).toContain('max-age=')
  })

  it('the API documentation still loads under the policy', async () => {
    const page = await server.anonymous().fetch('/api/docs/static/index.html')
    expect(page.status).toBe(200)
    expect(await page.text()).not.toMatch(/<script>(?!\s*<\/script>)/)
  })
})
