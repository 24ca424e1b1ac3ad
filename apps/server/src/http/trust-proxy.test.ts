import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../test/harness'

/**
 * The client address (audit rows, the login throttle) comes from X-Forwarded-For only when the
 * request came from a proxy named in TRUST_PROXY; by default nobody's header is believed.
 */
async function loginAddress(server: TestServer, headers: Record<string, string>): Promise<string | null> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username: 'tuphap.anphu', password: TEST_PASSWORD }),
  })
  expect(response.status).toBe(200)
  const row = await server.db.kysely.selectFrom('audit_events').select('ip').where('action', '=', 'auth.login').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
  return row.ip
}

describe('TRUST_PROXY', () => {
  it('is parsed as Fastify takes it: none by default, a list of addresses/CIDRs, a hop count', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8'])
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
  })

  describe('unset', () => {
    let server: TestServer
    beforeAll(async () => { server = await startTestServer() })
    afterAll(async () => server?.close())

    it('ignores X-Forwarded-For and X-Forwarded-Proto: the address is the connection\'s', async () => {
      expect(await loginAddress(server, { 'x-forwarded-for': '203.0.113.7' })).toBe('127.0.0.1')
      const response = await fetch(`${server.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } })
      expect(response.headers.get('strict-transport-security')).toBeNull()
    })
  })

  describe('naming the proxy', () => {
    let server: TestServer
    beforeAll(async () => { server = await startTestServer({ config: { trustProxy: ['127.0.0.1'] } }) })
    afterAll(async () => server?.close())

    it('takes the client address from X-Forwarded-For sent by that proxy', async () => {
      expect(await loginAddress(server, { 'x-forwarded-for': '203.0.113.7' })).toBe('203.0.113.7')
      // A client that forges the header in front of the proxy does not choose its address: the proxy's last hop counts.
      expect(await loginAddress(server, { 'x-forwarded-for': '198.51.100.1, 203.0.113.8' })).toBe('203.0.113.8')
    })
  })
})
