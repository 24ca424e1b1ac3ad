import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './test/harness'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server?.close())

describe('system endpoints', () => {
  it('health answers 200 with the engine in use', async () => {
    const response = await server.anonymous().get('/api/health')
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ status: 'ok', engine: process.env.DATABASE_URL ? 'postgres' : 'pglite', database: { ok: true }, store: { ok: true } })
    // No backup yet on a test server: the age is unknown and says so (issue 17).
    expect(response.body.backup).toEqual({ lastSuccessAt: null, ageSeconds: null, stale: true, scheduled: false })
  })

  it('serves the OpenAPI document and its browsable page', async () => {
    const document = await server.anonymous().get('/api/docs/json')
    expect(document.status).toBe(200)
    expect(document.body.openapi).toMatch(/^3\./)
    for (const path of ['/api/auth/login', '/api/books', '/api/books/{id}/entries', '/api/entries/{id}', '/api/entries/validate', '/api/units', '/api/users']) {
      expect(Object.keys(document.body.paths)).toContain(path)
    }
    const page = await fetch(`${server.url}/api/docs`, { redirect: 'follow' })
    expect(page.status).toBe(200)
    expect(await page.text()).toMatch(/swagger/i)
  })

  it('every data endpoint needs a session', async () => {
    const anonymous = server.anonymous()
    for (const path of ['/api/books', '/api/units', '/api/users', '/api/auth/me']) {
      const response = await anonymous.get(path)
      expect(response.status).toBe(401)
      expect(response.body.message).toMatch(/chưa đăng nhập/)
    }
  })

  it('an unknown API path answers a JSON 404 in Vietnamese', async () => {
    const response = await server.anonymous().get('/api/khong-co')
    expect(response.status).toBe(404)
    expect(response.body.message).toBe('Không tìm thấy địa chỉ này')
  })
})
