/**
 * Issue 14, passwords: weak, common, public and personal passwords are refused wherever a password
 * is chosen (account created, administrator's reset, one's own change); an account an administrator
 * created or reset changes its password before anything else; an administrator never sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_DEMO_PASSWORD } from '../../config'
import { startTestServer, TEST_PASSWORD, type Client, type TestServer } from '../../test/harness'
import { auditRows, unitIdByCode } from '../../test/factories'

const STRONG = 'Mây-Trắng-Sông-Đà-47'
const STRONGER = 'Đèn-Lồng-Phố-Hội-93'

let server: TestServer
let admin: Client
let anPhu: string

async function userIdOf(username: string): Promise<string> {
  return (await server.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
}

beforeAll(async () => {
  server = await startTestServer()
  admin = await server.login('admin')
  anPhu = await unitIdByCode(server, '98001')
})
afterAll(async () => server?.close())

describe('password strength (issue 14)', () => {
  const account = { username: 'hotich.moi', fullName: 'Trần Văn Bình', role: 'commune_justice' }

  it.each([
    ['a digit sequence', '1234567890', /phổ biến/],
    ['one letter repeated', 'aaaaaaaaaa', /lặp lại/],
    ['the demo password', DEFAULT_DEMO_PASSWORD, /mật khẩu công khai/],
    ['the username', 'hotich.moi', /tên đăng nhập/],
    ['the username with a suffix, other case', 'HoTich.Moi-2025!', /tên đăng nhập/],
    ['the full name without diacritics', 'tranvanbinh-1990', /họ tên/],
    ['the unit name', 'Xã An Phú 2025', /tên đơn vị/],
    ['the unit name without diacritics', 'AnPhu@2025xyz', /tên đơn vị/],
    ['too short', 'Ab-12', /ít nhất 10 ký tự/],
  ])('refuses creating an account with %s (400, Vietnamese reason, nothing created)', async (_, password, reason) => {
    const response = await admin.post('/api/users', { ...account, unitId: anPhu, password })
    expect(response.status).toBe(400)
    expect(response.body.message).toMatch(reason)
    const created = await server.db.kysely.selectFrom('users').select('id').where('username', '=', account.username).executeTakeFirst()
    expect(created).toBeUndefined()
  })

  it('accepts a strong password; the account must change it at first login and reaches nothing else until then', async () => {
    const created = await admin.post('/api/users', { ...account, unitId: anPhu, password: STRONG })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ username: 'hotich.moi', mustChangePassword: true })
    expect(JSON.stringify(created.body)).not.toContain(STRONG)

    const officer = await server.login('hotich.moi', STRONG)
    expect((await officer.get('/api/auth/me')).body.user.passwordChangeRequired).toBe(true)
    const blocked = await officer.get('/api/books')
    expect(blocked.status).toBe(403)
    expect(blocked.body.error).toBe('password_change_required')

    // The change is held to the same rules: not the demo password, not one's own names, not the same one.
    for (const [newPassword, reason] of [[DEFAULT_DEMO_PASSWORD, /công khai/], ['Binh.Tran-hotich.moi', /tên đăng nhập/], [STRONG, /khác mật khẩu hiện tại/], ['aaaaaaaaaa', /lặp lại/]] as const) {
      const refused = await officer.post('/api/auth/change-password', { currentPassword: STRONG, newPassword })
      expect(refused.status).toBe(400)
      expect(refused.body.message).toMatch(reason)
      expect(refused.body.fieldErrors).toHaveProperty('newPassword')
    }
    expect((await officer.post('/api/auth/change-password', { currentPassword: STRONG, newPassword: STRONGER })).status).toBe(204)
    // The same session goes on, now working normally.
    expect((await officer.get('/api/auth/me')).body.user.passwordChangeRequired).toBe(false)
    expect((await officer.get('/api/books')).status).toBe(200)
    const listed = ((await admin.get('/api/users')).body.items as Array<{ username: string; mustChangePassword: boolean }>).find((u) => u.username === 'hotich.moi')
    expect(listed?.mustChangePassword).toBe(false)
  })

  it('refuses a demo account changing to a weak password', async () => {
    const keyer = await server.login('sohoa.anphu')
    for (const newPassword of ['1234567890', 'sohoa.anphu', 'Xa-An-Phu-2025']) {
      const response = await keyer.post('/api/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword })
      expect(response.status).toBe(400)
      expect(response.body.error).toBe('weak_password')
    }
    // Refused new passwords after the right current one are not guesses: the account stays open.
    expect((await server.anonymous().post('/api/auth/login', { username: 'sohoa.anphu', password: TEST_PASSWORD })).status).toBe(200)
  })

  it('counts guesses of the current password like login guesses: five, then a lock that the right password cannot pass', async () => {
    const police = await server.login('congan.anphu')
    for (let i = 0; i < 5; i++) {
      const wrong = await police.post('/api/auth/change-password', { currentPassword: `doan-mat-khau-${i}`, newPassword: STRONG })
      expect(wrong.status).toBe(400)
      expect(wrong.body.error).toBe('wrong_password')
    }
    const locked = await police.post('/api/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: STRONG })
    expect(locked.status).toBe(429)
    expect(locked.body.message).toMatch(/quá nhiều lần/)
    // The password did not change, and logging in is locked for a while too.
    expect((await server.anonymous().post('/api/auth/login', { username: 'congan.anphu', password: TEST_PASSWORD })).status).toBe(401)
    const rows = await auditRows(server, await userIdOf('congan.anphu'))
    expect(rows.filter((row) => row.action === 'auth.password_change_failed')).toHaveLength(4)
    expect(rows.some((row) => row.action === 'auth.locked_after_failures')).toBe(true)
    expect(rows.some((row) => row.action === 'auth.password_change_refused_locked')).toBe(true)
  })
})

describe('reset by an administrator (issue 14)', () => {
  it('sets a temporary password, ends the account’s sessions, forces a change, and is audited without the password', async () => {
    const targetId = await userIdOf('tuphap.binhminh')
    const officer = await server.login('tuphap.binhminh')
    expect((await officer.get('/api/books')).status).toBe(200)

    const weak = await admin.post(`/api/users/${targetId}/reset-password`, { password: 'binhminh2025' })
    expect(weak.status).toBe(400)
    expect(weak.body.message).toMatch(/tên đơn vị/)
    expect((await officer.get('/api/books')).status).toBe(200)

    // The owner forgot the password and locked the account by trying: the reset lifts that lock.
    for (let i = 0; i < 5; i++) expect((await server.anonymous().post('/api/auth/login', { username: 'tuphap.binhminh', password: `quen-mat-khau-${i}` })).status).toBe(401)
    const reset = await admin.post(`/api/users/${targetId}/reset-password`, { password: STRONG })
    expect(reset.status).toBe(200)
    expect(reset.body).toMatchObject({ username: 'tuphap.binhminh', mustChangePassword: true })
    expect(JSON.stringify(reset.body)).not.toContain(STRONG)
    // Signed out at once; the old password no longer opens the account, the temporary one does, for a change only.
    expect((await officer.get('/api/books')).status).toBe(401)
    expect((await server.anonymous().post('/api/auth/login', { username: 'tuphap.binhminh', password: TEST_PASSWORD })).status).toBe(401)
    const again = await server.login('tuphap.binhminh', STRONG)
    expect((await again.get('/api/books')).status).toBe(403)
    expect((await again.post('/api/auth/change-password', { currentPassword: STRONG, newPassword: STRONGER })).status).toBe(204)
    expect((await again.get('/api/books')).status).toBe(200)

    const rows = await auditRows(server, targetId)
    const audited = rows.find((row) => row.action === 'user.password_reset')
    expect(audited).toBeDefined()
    expect(JSON.stringify(rows)).not.toContain(STRONG)
    // Listed with the account changes the province's officers read.
    const province = await server.login('sotuphap')
    const changes = (await province.get('/api/users/changes')).body.items as Array<{ action: string; actionLabel: string; account: { id: string } | null; readsCitizenData: boolean }>
    const listed = changes.find((c) => c.action === 'user.password_reset' && c.account?.id === targetId)
    expect(listed?.actionLabel).toBe('Đặt lại mật khẩu')
    // Whoever typed the temporary password could open a commune officer's account: flagged for the province.
    expect(listed?.readsCitizenData).toBe(true)
  })

  it('follows the account rules: not one’s own, not beyond one’s role, not outside the scope, not without user.manage', async () => {
    const province = await server.login('sotuphap')
    const adminId = await userIdOf('admin')
    const provinceSelf = await userIdOf('sotuphap')
    const officer = await userIdOf('tuphap.anphu')
    expect((await province.post(`/api/users/${adminId}/reset-password`, { password: STRONG })).status).toBe(403)
    expect((await province.post(`/api/users/${provinceSelf}/reset-password`, { password: STRONG })).status).toBe(403)
    const commune = await server.login('tuphap.anphu')
    expect((await commune.post(`/api/users/${officer}/reset-password`, { password: STRONG })).status).toBe(403)
    const district = await server.login('phongtuphap')
    expect((await district.post(`/api/users/${officer}/reset-password`, { password: STRONG })).status).toBe(403)
    // An account outside the province officer's scope: 404, as if it did not exist.
    const other = await server.db.kysely.insertInto('administrative_units')
      .values({ code: '96', name: 'Tỉnh Xa', name_folded: 'tinh xa', level: 'province' }).returning('id').executeTakeFirstOrThrow()
    const stranger = await server.db.kysely.insertInto('users')
      .values({ username: 'nguoi.tinh.xa', full_name: 'Người Tỉnh Xa', role: 'province_officer', unit_id: other.id, password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()
    expect((await province.post(`/api/users/${stranger.id}/reset-password`, { password: STRONG })).status).toBe(404)
    const row = await server.db.kysely.selectFrom('users').select(['must_change_password', 'password_hash']).where('id', '=', stranger.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ must_change_password: false, password_hash: 'x' })
    expect((await province.post(`/api/users/${officer}/reset-password`, { password: 'short' })).status).toBe(400)
  })
})
