import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UserChangeList } from '@hts/domain'
import { startTestServer, TEST_PASSWORD, type Client, type TestServer } from '../../test/harness'
import { auditRows, unitIdByCode } from '../../test/factories'

/** Issue 14, role escalation: a role fits its unit's level, nobody grants beyond their own, every change is listed. */
let server: TestServer
let admin: Client
let province: Client
let provinceId: string
let anPhu: string
let otherProvinceId: string
let strangerId: string

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: `tk.${Math.random().toString(36).slice(2, 10)}`,
  fullName: 'Nguyễn Thị Mới',
  role: 'commune_justice',
  password: 'Mat-khau-moi-2025',
  ...overrides,
})

async function userId(client: Client, username: string): Promise<string> {
  const items = (await client.get('/api/users')).body.items as Array<{ id: string; username: string }>
  const found = items.find((u) => u.username === username)
  if (!found) throw new Error(`${username} not listed`)
  return found.id
}

beforeAll(async () => {
  server = await startTestServer()
  admin = await server.login('admin')
  province = await server.login('sotuphap')
  provinceId = await unitIdByCode(server, '98')
  anPhu = await unitIdByCode(server, '98001')
  // Another province and one of its officers: outside every demo account's scope.
  const other = await server.db.kysely
    .insertInto('administrative_units')
    .values({ code: '97', name: 'Tỉnh Khác', name_folded: 'tinh khac', level: 'province' })
    .returning('id')
    .executeTakeFirstOrThrow()
  otherProvinceId = other.id
  const stranger = await server.db.kysely
    .insertInto('users')
    .values({ username: 'sotuphap.khac', full_name: 'Người Tỉnh Khác', role: 'province_officer', unit_id: otherProvinceId, password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow()
  strangerId = stranger.id
})
afterAll(async () => server?.close())

describe('account rules (issue 14)', () => {
  it('refuses the administrator a commune justice officer at province level (403, Vietnamese reason)', async () => {
    const response = await admin.post('/api/users', newUser({ unitId: provinceId }))
    expect(response.status).toBe(403)
    expect(response.body.message).toMatch(/Vai trò không phù hợp với cấp của đơn vị/)
  })

  it('refuses a province officer a system administrator account', async () => {
    const response = await province.post('/api/users', newUser({ role: 'system_admin', unitId: provinceId }))
    expect(response.status).toBe(403)
    expect(response.body.message).toMatch(/không được cấp hoặc quản lý tài khoản có vai trò này/)
  })

  it('refuses a province officer locking, unlocking or changing the administrator', async () => {
    const adminId = await userId(province, 'admin')
    expect((await province.post(`/api/users/${adminId}/lock`, { reason: 'thử' })).status).toBe(403)
    expect((await province.post(`/api/users/${adminId}/unlock`)).status).toBe(403)
    expect((await province.patch(`/api/users/${adminId}`, { role: 'province_officer' })).status).toBe(403)
    const row = await server.db.kysely.selectFrom('users').select(['locked', 'role']).where('id', '=', adminId).executeTakeFirstOrThrow()
    expect(row).toEqual({ locked: false, role: 'system_admin' })
  })

  it('refuses turning an officer into an administrator, or into a commune role at the province', async () => {
    const created = await province.post('/api/users', newUser({ role: 'province_officer', unitId: provinceId }))
    expect(created.status).toBe(201)
    expect((await province.patch(`/api/users/${created.body.id}`, { role: 'system_admin' })).status).toBe(403)
    expect((await province.patch(`/api/users/${created.body.id}`, { role: 'commune_justice' })).status).toBe(403)
    const moved = await province.patch(`/api/users/${created.body.id}`, { role: 'commune_justice', unitId: anPhu })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ role: 'commune_justice', unitId: anPhu, unitName: 'Xã An Phú' })
    const update = (await auditRows(server, created.body.id)).find((row) => row.action === 'user.update')
    expect(update?.details).toMatchObject({ before: { role: 'province_officer', unitId: provinceId }, after: { role: 'commune_justice', unitId: anPhu } })
  })

  it('nobody changes their own role or lock', async () => {
    const own = await userId(province, 'sotuphap')
    expect((await province.patch(`/api/users/${own}`, { role: 'district_officer' })).status).toBe(403)
    expect((await province.post(`/api/users/${own}/lock`, { reason: 'thử' })).status).toBe(403)
  })

  it('answers 404 for an account or a unit outside the scope, 403 to a role that does not manage accounts', async () => {
    expect((await province.post(`/api/users/${strangerId}/lock`, { reason: 'thử' })).status).toBe(404)
    expect((await province.patch(`/api/users/${strangerId}`, { fullName: 'Đổi tên' })).status).toBe(404)
    expect((await province.post('/api/users', newUser({ role: 'province_officer', unitId: otherProvinceId }))).status).toBe(404)
    // A district officer manages no accounts at all (DOMAIN.md §2: the province creates them).
    const district = await server.login('phongtuphap')
    expect((await district.post('/api/users', newUser({ unitId: anPhu }))).status).toBe(403)
  })

  it('a valid creation works, is audited with its role and unit, and shows in the province officer’s change list', async () => {
    const body = newUser({ unitId: anPhu })
    const created = await admin.post('/api/users', body)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ username: body.username, role: 'commune_justice', unitId: anPhu })
    const login = await server.anonymous().post('/api/auth/login', { username: body.username, password: body.password })
    expect(login.status).toBe(200)

    const changes = await province.get('/api/users/changes')
    expect(changes.status).toBe(200)
    const list = UserChangeList.parse(changes.body)
    const entry = list.items.find((c) => c.account?.id === created.body.id && c.action === 'user.create')
    expect(entry).toMatchObject({
      actionLabel: 'Tạo tài khoản',
      actor: { username: 'admin', role: 'system_admin' },
      account: { username: body.username },
      before: null,
      after: { role: 'commune_justice', unitId: anPhu, unitName: 'Xã An Phú' },
      readsCitizenData: true,
    })
    // The refused attempts changed nothing and are not listed as changes.
    expect(list.items.every((c) => c.after?.role !== 'system_admin' || c.account?.username === 'admin')).toBe(true)
  })

  it('the change list stays within the scope and is closed to roles without audit.read', async () => {
    const lockedStranger = await server.db.kysely.insertInto('audit_events')
      .values({ user_id: null, unit_id: otherProvinceId, action: 'user.lock', entity_type: 'user', entity_id: strangerId, details: JSON.stringify({ reason: 'x' }) })
      .returning('id').executeTakeFirstOrThrow()
    const list = UserChangeList.parse((await province.get('/api/users/changes')).body)
    expect(list.items.some((c) => c.id === Number(lockedStranger.id))).toBe(false)
    const keyer = await server.login('sohoa.anphu', TEST_PASSWORD)
    expect((await keyer.get('/api/users/changes')).status).toBe(403)
  })
})
