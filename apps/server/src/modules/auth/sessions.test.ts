import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../test/harness'
import { browserSummary } from './sessions'

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server?.close())

/** A signed-in browser: its token (to check it never comes back) and requests with its cookie. */
interface Browser {
  token: string
  request(method: string, url: string, body?: unknown): Promise<{ status: number; body: any; setCookie: string | null }>
}

async function signIn(target: TestServer, username: string, userAgent = CHROME_WINDOWS): Promise<Browser> {
  const response = await fetch(`${target.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  })
  expect(response.status).toBe(200)
  const token = /hts_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? ''
  expect(token).not.toBe('')
  return {
    token,
    async request(method, url, body) {
      const answer = await fetch(target.url + url, {
        method,
        headers: { cookie: `hts_session=${token}`, 'user-agent': userAgent, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await answer.text()
      return { status: answer.status, body: text ? JSON.parse(text) : undefined, setCookie: answer.headers.get('set-cookie') }
    },
  }
}

const keyOf = (token: string) => createHash('sha256').update(token).digest('hex')
const me = (browser: Browser) => browser.request('GET', '/api/auth/me')

/** Moves a session's last activity (or its expiry) back, as if the user had been away. */
async function setSession(target: TestServer, browser: Browser, column: 'last_seen_at' | 'expires_at', minutesAgo: number) {
  await target.db.kysely.updateTable('sessions')
    .set({ [column]: sql`now() - ${minutesAgo * 60}::double precision * interval '1 second'` })
    .where('id', '=', keyOf(browser.token))
    .execute()
}

async function sessionRow(target: TestServer, browser: Browser) {
  return target.db.kysely.selectFrom('sessions').selectAll().where('id', '=', keyOf(browser.token)).executeTakeFirst()
}

async function actionsOf(target: TestServer, username: string): Promise<string[]> {
  const user = await target.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  const rows = await target.db.kysely.selectFrom('audit_events').select('action').where('entity_id', '=', user.id).orderBy('id').execute()
  return rows.map((r) => r.action)
}

describe('idle timeout and lifetime', () => {
  it('a session idle longer than 30 minutes answers 401 saying why, is deleted and audited', async () => {
    const browser = await signIn(server, 'sohoa.anphu')
    await setSession(server, browser, 'last_seen_at', 31)
    const idle = await me(browser)
    expect(idle.status).toBe(401)
    expect(idle.body.error).toBe('session_idle')
    expect(idle.body.message).toMatch(/^Phiên làm việc đã hết hạn do không hoạt động quá 30 phút/)
    expect(await sessionRow(server, browser)).toBeUndefined()
    expect(await actionsOf(server, 'sohoa.anphu')).toContain('auth.session_idle')
    // Gone: the next request is simply not signed in.
    expect((await me(browser)).body.error).toBe('unauthenticated')
  })

  it('activity keeps a session open; its last activity is written at most once a minute', async () => {
    const browser = await signIn(server, 'sohoa.anphu')
    await setSession(server, browser, 'last_seen_at', 29)
    expect((await me(browser)).status).toBe(200)
    const refreshed = await sessionRow(server, browser)
    expect(Date.now() - new Date(refreshed?.last_seen_at ?? 0).getTime()).toBeLessThan(60_000)
    // Half a minute ago: no write on this request.
    await setSession(server, browser, 'last_seen_at', 0.5)
    const before = (await sessionRow(server, browser))?.last_seen_at
    expect((await me(browser)).status).toBe(200)
    expect((await sessionRow(server, browser))?.last_seen_at).toEqual(before)
  })

  it('a session past its lifetime answers 401 session_expired and is deleted, however recent its activity', async () => {
    const browser = await signIn(server, 'phongtuphap')
    await setSession(server, browser, 'expires_at', 1)
    const expired = await browser.request('GET', '/api/books')
    expect(expired.status).toBe(401)
    expect(expired.body.error).toBe('session_expired')
    expect(expired.body.message).toMatch(/^Phiên làm việc đã hết thời hạn 12 giờ/)
    expect(await sessionRow(server, browser)).toBeUndefined()
    expect(await actionsOf(server, 'phongtuphap')).toContain('auth.session_expired')
  })
})

describe('sessions nobody comes back to', () => {
  it('are deleted by the hourly housekeeping and audited as ended, live ones kept', async () => {
    const idle = await signIn(server, 'sohoa.anphu')
    const expired = await signIn(server, 'phongtuphap')
    const live = await signIn(server, 'tuphap.anphu')
    await setSession(server, idle, 'last_seen_at', 45)
    await setSession(server, expired, 'expires_at', 1)
    const before = Number((await server.db.kysely.selectFrom('audit_events').select(({ fn }) => fn.max('id').as('last')).executeTakeFirstOrThrow()).last ?? 0)
    expect(await server.services.jobRunner.runPeriodicNow('sessions.sweep')).toBeGreaterThanOrEqual(2)
    expect(await sessionRow(server, idle)).toBeUndefined()
    expect(await sessionRow(server, expired)).toBeUndefined()
    expect(await sessionRow(server, live)).toBeDefined()
    const swept = await server.db.kysely.selectFrom('audit_events').select(['action', 'details']).where('id', '>', before).where('action', 'in', ['auth.session_idle', 'auth.session_expired']).execute()
    expect(swept.filter((r) => r.details.sweep === true).map((r) => r.action).sort()).toEqual(['auth.session_expired', 'auth.session_idle'])
    expect((await me(live)).status).toBe(200)
    // The later tests count this user's sessions.
    expect((await live.request('POST', '/api/auth/logout', {})).status).toBeLessThan(300)
  })
})

describe('SESSION_IDLE_MINUTES', () => {
  // A server of its own, started in a hook (hook timeout, not the test's) on a loaded machine.
  let strict: TestServer
  beforeAll(async () => {
    strict = await startTestServer({ config: { sessionIdleMinutes: 5 } })
  })
  afterAll(async () => strict?.close())

  it('sets the idle limit per server', async () => {
    const browser = await signIn(strict, 'sohoa.anphu')
    const sessions = await browser.request('GET', '/api/auth/sessions')
    expect(sessions.body.idleMinutes).toBe(5)
    await setSession(strict, browser, 'last_seen_at', 4)
    expect((await me(browser)).status).toBe(200)
    await setSession(strict, browser, 'last_seen_at', 6)
    const idle = await me(browser)
    expect(idle.status).toBe(401)
    expect(idle.body.message).toMatch(/không hoạt động quá 5 phút/)
    // The default server (30 minutes) keeps a session idle for 6 minutes.
    const patient = await signIn(server, 'sohoa.anphu')
    await setSession(server, patient, 'last_seen_at', 6)
    expect((await me(patient)).status).toBe(200)
  })
})

describe('one\'s own sessions', () => {
  it('lists one\'s own open sessions with address and browser, marks the current one, never shows a token', async () => {
    const desk = await signIn(server, 'tuphap.anphu', CHROME_WINDOWS)
    const phone = await signIn(server, 'tuphap.anphu', FIREFOX_ANDROID)
    const stale = await signIn(server, 'tuphap.anphu')
    await setSession(server, stale, 'last_seen_at', 45)
    const other = await signIn(server, 'lanhdao.anphu')

    const list = await desk.request('GET', '/api/auth/sessions')
    expect(list.status).toBe(200)
    expect(list.body).toMatchObject({ idleMinutes: 30, lifetimeHours: 12 })
    // The idle one is not open any more; another user's session is never listed.
    expect(list.body.items).toHaveLength(2)
    const current = list.body.items.find((s: { current: boolean }) => s.current)
    const elsewhere = list.body.items.find((s: { current: boolean }) => !s.current)
    expect(current).toMatchObject({ ip: '127.0.0.1', browser: 'Chrome 131 trên Windows' })
    expect(elsewhere).toMatchObject({ ip: '127.0.0.1', browser: 'Firefox 133 trên Android' })
    expect(Object.keys(current).sort()).toEqual(['browser', 'createdAt', 'current', 'expiresAt', 'id', 'ip', 'lastSeenAt'])
    const text = JSON.stringify(list.body)
    for (const browser of [desk, phone, stale, other]) {
      expect(text).not.toContain(browser.token)
      expect(text).not.toContain(keyOf(browser.token))
    }
    const phoneList = await phone.request('GET', '/api/auth/sessions')
    expect(phoneList.body.items.find((s: { current: boolean }) => s.current).id).toBe(elsewhere.id)
  })

  it('ends one of one\'s own sessions; another user\'s session id answers 404 and that session goes on', async () => {
    const desk = await signIn(server, 'tuphap.anphu')
    const phone = await signIn(server, 'tuphap.anphu', FIREFOX_ANDROID)
    const other = await signIn(server, 'lanhdao.anphu')
    const phoneId = (await phone.request('GET', '/api/auth/sessions')).body.items.find((s: { current: boolean }) => s.current).id
    const otherId = (await other.request('GET', '/api/auth/sessions')).body.items.find((s: { current: boolean }) => s.current).id

    const foreign = await desk.request('DELETE', `/api/auth/sessions/${otherId}`)
    expect(foreign.status).toBe(404)
    expect(foreign.body.message).toMatch(/Không tìm thấy phiên đăng nhập/)
    expect((await me(other)).status).toBe(200)
    expect((await desk.request('DELETE', '/api/auth/sessions/khong-phai-ma')).status).toBe(400)

    expect((await desk.request('DELETE', `/api/auth/sessions/${phoneId}`)).status).toBe(204)
    expect((await me(phone)).status).toBe(401)
    expect((await me(desk)).status).toBe(200)
    expect((await desk.request('DELETE', `/api/auth/sessions/${phoneId}`)).status).toBe(404)
    expect(await actionsOf(server, 'tuphap.anphu')).toContain('auth.session_ended')

    // Ending the current session is a logout: the cookie is cleared too.
    const deskId = (await desk.request('GET', '/api/auth/sessions')).body.items.find((s: { current: boolean }) => s.current).id
    const self = await desk.request('DELETE', `/api/auth/sessions/${deskId}`)
    expect(self.status).toBe(204)
    expect(self.setCookie).toMatch(/hts_session=;/)
    expect((await me(desk)).status).toBe(401)
  })

  it('"end the others" keeps the current session only, and never touches another user\'s', async () => {
    const kept = await signIn(server, 'congan.anphu')
    const others = [await signIn(server, 'congan.anphu'), await signIn(server, 'congan.anphu', FIREFOX_ANDROID)]
    const neighbour = await signIn(server, 'lanhdao.anphu')
    const ended = await kept.request('POST', '/api/auth/sessions/end-others', {})
    expect(ended).toMatchObject({ status: 200, body: { ended: 2 } })
    expect((await me(kept)).status).toBe(200)
    for (const browser of others) expect((await me(browser)).status).toBe(401)
    expect((await me(neighbour)).status).toBe(200)
    expect((await kept.request('GET', '/api/auth/sessions')).body.items).toHaveLength(1)
    const audit = await server.db.kysely.selectFrom('audit_events').select(['action', 'details'])
      .where('action', '=', 'auth.sessions_ended_others').execute()
    expect(audit.map((a) => a.details)).toContainEqual({ ended: 2 })
  })
})

describe('locking an account or changing its password ends its sessions', () => {
  it('an administrator\'s lock ends every session of the account, and an unlock does not bring them back', async () => {
    const sessions = [await signIn(server, 'tuphap.hoabinh'), await signIn(server, 'tuphap.hoabinh', FIREFOX_ANDROID)]
    const admin = await signIn(server, 'admin')
    const users = (await admin.request('GET', '/api/users')).body.items as Array<{ id: string; username: string }>
    const target = users.find((u) => u.username === 'tuphap.hoabinh')
    expect((await admin.request('POST', `/api/users/${target?.id}/lock`, { reason: 'Chuyển công tác' })).status).toBe(200)
    const left = await server.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', target?.id ?? '').execute()
    expect(left).toEqual([])
    expect((await admin.request('POST', `/api/users/${target?.id}/unlock`, {})).status).toBe(200)
    for (const browser of sessions) expect((await me(browser)).status).toBe(401)
  })

  it('changing one\'s password ends the other sessions; the one that changed it goes on', async () => {
    const here = await signIn(server, 'tuphap.binhminh')
    const elsewhere = await signIn(server, 'tuphap.binhminh', FIREFOX_ANDROID)
    const changed = await here.request('POST', '/api/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'Sông Hậu chảy qua Cần Thơ 2026!' })
    expect(changed.status).toBe(204)
    expect((await me(here)).status).toBe(200)
    expect((await me(elsewhere)).status).toBe(401)
    const list = await here.request('GET', '/api/auth/sessions')
    expect(list.body.items).toHaveLength(1)
    expect(list.body.items[0].current).toBe(true)
  })
})

describe('browser summary', () => {
  it('names the browser and system a user recognises', () => {
    expect(browserSummary(CHROME_WINDOWS)).toBe('Chrome 131 trên Windows')
    expect(browserSummary(FIREFOX_ANDROID)).toBe('Firefox 133 trên Android')
    expect(browserSummary('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/124.0.0 Chrome/118.0.0.0 Safari/537.36')).toBe('Cốc Cốc 124 trên Windows')
    expect(browserSummary('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe('Edge 131 trên Windows')
    expect(browserSummary('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari 17 trên iOS')
    expect(browserSummary(undefined)).toBeNull()
  })
})
