import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../test/harness'
import { loadConfig } from '../../config'

const MAX_FAILED_LOGINS = loadConfig({}).login.maxFailures

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server?.close())

describe('login and sessions', () => {
  it('logs in, sets an httpOnly SameSite cookie, and answers /me with role and unit', async () => {
    const client = server.anonymous()
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'tuphap.anphu', password: TEST_PASSWORD }),
    })
    expect(response.status).toBe(200)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/hts_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const body: any = await response.json()
    expect(body.user).toMatchObject({ username: 'tuphap.anphu', role: 'commune_justice', roleLabel: 'Công chức Tư pháp - Hộ tịch' })
    expect(body.user.unit.name).toBe('Xã An Phú')
    expect((await client.get('/api/auth/me')).status).toBe(401)
  })

  it('refuses a wrong password with a Vietnamese message and the same answer for an unknown user', async () => {
    const client = server.anonymous()
    const wrong = await client.post('/api/auth/login', { username: 'sohoa.anphu', password: 'sai-mat-khau' })
    const unknown = await client.post('/api/auth/login', { username: 'khong.ton.tai', password: 'sai-mat-khau' })
    expect(wrong.status).toBe(401)
    expect(wrong.body.message).toMatch(/^Tên đăng nhập hoặc mật khẩu không đúng/)
    expect(unknown.status).toBe(401)
    expect(unknown.body.message).toBe(wrong.body.message)
  })

  it('logout ends the session', async () => {
    const client = await server.login('lanhdao.anphu')
    expect((await client.get('/api/auth/me')).status).toBe(200)
    expect((await client.post('/api/auth/logout')).status).toBe(204)
    expect((await client.get('/api/auth/me')).status).toBe(401)
  })

  it(`locks the account after ${MAX_FAILED_LOGINS} wrong passwords, even for the right one, until it expires or an admin unlocks it`, async () => {
    const client = server.anonymous()
    const session = await server.login('congan.anphu')
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect((await client.post('/api/auth/login', { username: 'congan.anphu', password: `sai-${i}` })).status).toBe(401)
    }
    const last = await client.post('/api/auth/login', { username: 'congan.anphu', password: 'sai-cuoi' })
    expect(last.status).toBe(401)
    const right = await client.post('/api/auth/login', { username: 'congan.anphu', password: TEST_PASSWORD })
    // The lock is not told apart from a wrong password before login.
    expect(right).toEqual(last)
    // Guesses by someone else do not sign the owner out (an administrator's lock does).
    expect((await session.get('/api/auth/me')).status).toBe(200)

    const admin = await server.login('admin')
    const users = (await admin.get('/api/users')).body.items as Array<{ id: string; username: string; locked: boolean }>
    const target = users.find((u) => u.username === 'congan.anphu')
    expect(target?.locked).toBe(true)
    const unlocked = await admin.post(`/api/users/${target?.id}/unlock`)
    expect(unlocked.status).toBe(200)
    expect(unlocked.body.locked).toBe(false)
    expect((await client.post('/api/auth/login', { username: 'congan.anphu', password: TEST_PASSWORD })).status).toBe(200)

    const events = await server.db.kysely.selectFrom('audit_events').select('action').where('entity_id', '=', target?.id ?? '').execute()
    const actions = events.map((e) => e.action)
    expect(actions).toContain('auth.locked_after_failures')
    expect(actions).toContain('user.unlock')
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(MAX_FAILED_LOGINS - 1)
  })

  it('an admin locks the account of someone who left; the account is kept, not deleted', async () => {
    const admin = await server.login('admin')
    const users = (await admin.get('/api/users')).body.items as Array<{ id: string; username: string }>
    const leaver = users.find((u) => u.username === 'tuphap.hoabinh')
    const locked = await admin.post(`/api/users/${leaver?.id}/lock`, { reason: 'Nghỉ hưu' })
    expect(locked.body).toMatchObject({ locked: true, lockedReason: 'Nghỉ hưu' })
    const login = await server.anonymous().post('/api/auth/login', { username: 'tuphap.hoabinh', password: TEST_PASSWORD })
    const unknown = await server.anonymous().post('/api/auth/login', { username: 'khong.ton.tai', password: TEST_PASSWORD })
    // The reason is for administrators: before login the answer is that of an unknown username.
    expect(login).toEqual(unknown)
    expect(login.status).toBe(401)
    expect(JSON.stringify(login.body)).not.toContain('Nghỉ hưu')
    await expect(server.db.kysely.deleteFrom('users').where('id', '=', leaver?.id ?? '').execute()).rejects.toThrow(/never deleted/)
  })

  it('a commune officer cannot manage accounts', async () => {
    const officer = await server.login('tuphap.binhminh')
    const users = (await officer.get('/api/users')).body.items as Array<{ id: string; username: string }>
    expect(users.map((u) => u.username)).toEqual(['tuphap.binhminh'])
    const response = await officer.post(`/api/users/${users[0]?.id}/lock`, { reason: 'thử' })
    expect(response.status).toBe(403)
  })
})
