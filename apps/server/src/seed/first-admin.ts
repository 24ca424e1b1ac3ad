import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { foldKey } from '@hts/domain'
import type { Database } from '../db/schema'
import { hashPassword } from '../modules/auth'
import { recordAudit } from '../modules/audit'

export const FIRST_ADMIN_USERNAME = 'admin'

/** The unit of an administrator when no province has been imported yet (code 00 is no real province). */
const PLACEHOLDER_UNIT = { code: '00', name: 'Quản trị hệ thống' } as const

/**
 * A production start on an empty database: one administrator with a one-time password, which must
 * be changed at first login. Returns the password to print once, or undefined when accounts exist.
 */
export async function createFirstAdmin(db: Kysely<Database>): Promise<{ username: string; password: string } | undefined> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyUser) return undefined
  // 16 random bytes: never guessable, short enough to type once.
  const password = randomBytes(12).toString('base64url')
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    // The administrator belongs to the province when one is imported (npm run units:import), else to a placeholder.
    const province = await trx
      .selectFrom('administrative_units')
      .select('id')
      .where('level', '=', 'province')
      .where('valid_to', 'is', null)
      .orderBy('code')
      .limit(1)
      .executeTakeFirst()
    const unitId = province?.id ?? (await trx
      .insertInto('administrative_units')
      .values({ code: PLACEHOLDER_UNIT.code, name: PLACEHOLDER_UNIT.name, name_folded: foldKey(PLACEHOLDER_UNIT.name), level: 'province', source: 'first_admin' })
      .returning('id')
      .executeTakeFirstOrThrow()).id
    const admin = await trx
      .insertInto('users')
      .values({ username: FIRST_ADMIN_USERNAME, full_name: 'Quản trị hệ thống', role: 'system_admin', unit_id: unitId, password_hash: passwordHash, must_change_password: true })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, null, { action: 'user.create_first_admin', entityType: 'user', entityId: admin.id, details: { username: FIRST_ADMIN_USERNAME } })
  })
  return { username: FIRST_ADMIN_USERNAME, password }
}

/**
 * The first administrator created before any province was imported moves to the province once one is
 * (npm run units:import, then a restart): a placeholder unit's scope holds no real unit. Returns its name.
 */
export async function moveFirstAdminToProvince(db: Kysely<Database>): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const admin = await trx
      .selectFrom('users')
      .innerJoin('administrative_units as u', 'u.id', 'users.unit_id')
      .select(['users.id', 'users.unit_id'])
      .where('u.source', '=', 'first_admin')
      .where('u.code', '=', PLACEHOLDER_UNIT.code)
      .executeTakeFirst()
    if (!admin) return undefined
    const provinces = await trx
      .selectFrom('administrative_units')
      .select(['id', 'name'])
      .where('level', '=', 'province')
      .where('valid_to', 'is', null)
      .where('id', '!=', admin.unit_id)
      .execute()
    const [province] = provinces
    // Several provinces: which one is ambiguous, an administrator chooses (the account stays where it is).
    if (!province || provinces.length > 1) return undefined
    await trx.updateTable('users').set({ unit_id: province.id, updated_at: new Date() }).where('id', '=', admin.id).execute()
    await recordAudit(trx, null, { action: 'user.move_first_admin', entityType: 'user', entityId: admin.id, details: { from: admin.unit_id, to: province.id } })
    return province.name
  })
}

export function describeFirstAdmin(account: { username: string; password: string }): string {
  return [
    'Đã tạo tài khoản quản trị đầu tiên / First administrator created:',
    `  Tên đăng nhập / username: ${account.username}`,
    `  Mật khẩu dùng một lần / one-time password: ${account.password}`,
    'Mật khẩu này chỉ in một lần: ghi lại ngay, phải đổi mật khẩu ở lần đăng nhập đầu tiên.',
    '(Printed once only: note it now; it must be changed at first login.)',
  ].join('\n')
}
