/**
 * Issue 14, accounts and logins: guesses sent at once never check more than `maxFailures`
 * passwords, the lock ends by itself later each time, a locked or unknown account answers like a
 * wrong password, and logins are throttled per address and per account with a 429.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type LoginThrottle } from '../../config'
import { migrateTo, migrateToLatest } from '../../db/migrate'
import { freshDatabase, startTestServer, TEST_PASSWORD, type TestServer } from '../../test/harness'

const NO_RATE_LIMIT = { perAddress: 100_000, perAccount: 100_000 }
const throttle = (overrides: Partial<LoginThrottle>): LoginThrottle => ({ ...loadConfig({}).login, ...NO_RATE_LIMIT, ...overrides })

/** The rows of passwords really checked (a refused attempt leaves auth.login_refused_locked instead). */
async function checkedPasswords(server: TestServer, userId: string): Promise<number> {
  const rows = await server.db.kysely.selectFrom('audit_events').select('action')
    .where('entity_id', '=', userId).where('action', 'in', ['auth.login', 'auth.login_failed', 'auth.locked_after_failures']).execute()
  return rows.length
}

async function userRow(server: TestServer, username: string) {
  return server.db.kysely.selectFrom('users')
    .select(['id', 'failed_login_count', 'lock_count', 'locked_until', sql<number>`extract(epoch from locked_until - now())`.as('seconds_left')])
    .where('username', '=', username).executeTakeFirstOrThrow()
}

const login = (server: TestServer, username: string, password: string) => server.anonymous().post('/api/auth/login', { username, password })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('guesses sent at once', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ config: { login: throttle({ maxFailures: 5, lockSeconds: [600] }) } })
  })
  afterAll(async () => server?.close())

  it('checks at most 5 of 30 wrong passwords, and the right one sent meanwhile does not log in', async () => {
    const username = 'tuphap.anphu'
    const { id } = await userRow(server, username)
    const wrong = Array.from({ length: 30 }, (_, i) => login(server, username, `sai-mat-khau-${i}`))
    // The right password arrives while the wrong ones are still being checked, once their 5 attempts are taken.
    for (let waited = 0; (await userRow(server, username)).failed_login_count < 5 && waited < 10_000; waited += 20) await sleep(20)
    const right = login(server, username, TEST_PASSWORD)
    const answers = await Promise.all([...wrong, right])
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 31 }, () => 401))
    expect(await checkedPasswords(server, id)).toBe(5)
    const refused = await server.db.kysely.selectFrom('audit_events').select('id').where('entity_id', '=', id).where('action', '=', 'auth.login_refused_locked').execute()
    expect(refused).toHaveLength(26)
    const row = await userRow(server, username)
    expect(row).toMatchObject({ failed_login_count: 5, lock_count: 1 })
    expect(Number(row.seconds_left)).toBeGreaterThan(500)
    const admin = await server.login('admin')
    const listed = ((await admin.get('/api/users')).body.items as Array<{ username: string; locked: boolean; lockedReason: string | null }>)
      .find((u) => u.username === username)
    expect(listed).toMatchObject({ locked: true, lockedReason: expect.stringMatching(/^Nhập sai mật khẩu nhiều lần, tự mở khóa lúc/) })
  })

  it('answers an unknown user, a locked account and a wrong password the same way', async () => {
    const admin = await server.login('admin')
    const users = (await admin.get('/api/users')).body.items as Array<{ id: string; username: string }>
    const leaver = users.find((u) => u.username === 'tuphap.hoabinh')
    expect((await admin.post(`/api/users/${leaver?.id}/lock`, { reason: 'Chuyển công tác' })).status).toBe(200)

    const answers = [
      await login(server, 'khong.ton.tai', TEST_PASSWORD),
      await login(server, 'tuphap.hoabinh', TEST_PASSWORD), // locked by an administrator, right password
      await login(server, 'tuphap.anphu', TEST_PASSWORD), // locked by the guesses above, right password
      await login(server, 'sohoa.anphu', 'sai-mat-khau'),
    ]
    for (const answer of answers) expect(answer).toEqual(answers[0])
    expect(answers[0]?.status).toBe(401)
    expect(answers[0]?.body.message).toMatch(/^Tên đăng nhập hoặc mật khẩu không đúng/)
  })
})

describe('a lock that ends by itself', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ config: { login: throttle({ maxFailures: 3, lockSeconds: [1, 60] }) } })
  })
  afterAll(async () => server?.close())

  async function lockOut(username: string): Promise<void> {
    for (let i = 0; i < 3; i++) expect((await login(server, username, `sai-${i}`)).status).toBe(401)
  }

  it('lets the right password in once the delay is over, and the count starts over', async () => {
    await lockOut('sohoa.anphu')
    expect((await login(server, 'sohoa.anphu', TEST_PASSWORD)).status).toBe(401)
    await sleep(1_200)
    expect((await login(server, 'sohoa.anphu', TEST_PASSWORD)).status).toBe(200)
    expect(await userRow(server, 'sohoa.anphu')).toMatchObject({ failed_login_count: 0, lock_count: 0, locked_until: null })
  })

  it('locks longer the second time in a row, until an administrator unlocks it', async () => {
    await lockOut('congan.anphu')
    expect((await userRow(server, 'congan.anphu')).lock_count).toBe(1)
    await sleep(1_200)
    await lockOut('congan.anphu')
    const second = await userRow(server, 'congan.anphu')
    expect(second.lock_count).toBe(2)
    expect(Number(second.seconds_left)).toBeGreaterThan(30)
    expect((await login(server, 'congan.anphu', TEST_PASSWORD)).status).toBe(401)

    const admin = await server.login('admin')
    expect((await admin.post(`/api/users/${second.id}/unlock`)).body.locked).toBe(false)
    expect(await userRow(server, 'congan.anphu')).toMatchObject({ failed_login_count: 0, lock_count: 0, locked_until: null })
    expect((await login(server, 'congan.anphu', TEST_PASSWORD)).status).toBe(200)
  })

  it('an expired lock never opens an account an administrator locked, and one login touches no other account', async () => {
    await lockOut('tuphap.binhminh')
    await lockOut('lanhdao.anphu')
    const admin = await server.login('admin')
    const { id } = await userRow(server, 'tuphap.binhminh')
    expect((await admin.post(`/api/users/${id}/lock`, { reason: 'Chuyển công tác' })).status).toBe(200)
    await sleep(1_200)
    expect((await login(server, 'tuphap.binhminh', TEST_PASSWORD)).status).toBe(401)
    const other = await userRow(server, 'lanhdao.anphu')
    expect(other).toMatchObject({ failed_login_count: 3, lock_count: 1 })
    expect(other.locked_until).not.toBeNull()
    expect((await login(server, 'lanhdao.anphu', TEST_PASSWORD)).status).toBe(200)
  })
})

describe('login throttle', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ config: { login: throttle({ perAddress: 6, perAccount: 3, windowSeconds: 60 }) } })
  })
  afterAll(async () => server?.close())

  it('answers 429 in Vietnamese past the limit per account, then per address', async () => {
    for (let i = 0; i < 3; i++) expect((await login(server, 'khong.ton.tai', `sai-${i}`)).status).toBe(401)
    const perAccount = await login(server, 'khong.ton.tai', 'sai')
    expect(perAccount.status).toBe(429)
    expect(perAccount.body.message).toMatch(/^Đăng nhập quá nhiều lần trong thời gian ngắn\. Vui lòng thử lại sau \d+ phút\.$/)

    // Requests 5 and 6 from this address, for other accounts, still pass; the 7th does not.
    expect((await login(server, 'sohoa.anphu', TEST_PASSWORD)).status).toBe(200)
    expect((await login(server, 'khac.nua', 'sai')).status).toBe(401)
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'tuphap.anphu', password: TEST_PASSWORD }),
    })
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await response.json()) as { message: string }).message).toMatch(/^Đăng nhập quá nhiều lần/)
  })
})

describe('migration 0013 on an existing database', () => {
  it('turns a lock left by wrong passwords into one that ends, and keeps an administrator\'s lock', async () => {
    const { db, dispose } = await freshDatabase()
    try {
      await migrateTo(db, '0012_acceptance')
      const unit = await sql<{ id: string }>`insert into administrative_units (code, name, name_folded, level) values ('99', 'Tỉnh Thử', 'tinh thu', 'province') returning id`.execute(db.kysely)
      const unitId = unit.rows[0]?.id
      await sql`insert into users (username, full_name, password_hash, role, unit_id, locked, locked_reason, failed_login_count) values
        ('bi.doan', 'Bị Đoán', 'x', 'system_admin', ${unitId}, true, 'Nhập sai mật khẩu 5 lần', 5),
        ('da.nghi', 'Đã Nghỉ', 'x', 'system_admin', ${unitId}, true, 'Nghỉ hưu', 0)`.execute(db.kysely)
      await migrateToLatest(db)
      const rows = await db.kysely.selectFrom('users').select(['username', 'locked', 'locked_reason', 'lock_count', sql<number>`extract(epoch from locked_until - now())`.as('seconds_left')])
        .orderBy('username').execute()
      expect(rows.map(({ seconds_left: _, ...row }) => row)).toEqual([
        { username: 'bi.doan', locked: false, locked_reason: null, lock_count: 1 },
        { username: 'da.nghi', locked: true, locked_reason: 'Nghỉ hưu', lock_count: 0 },
      ])
      expect(Number(rows[0]?.seconds_left)).toBeGreaterThan(600)
      expect(rows[1]?.seconds_left).toBeNull()
    } finally {
      await dispose()
    }
  })
})
