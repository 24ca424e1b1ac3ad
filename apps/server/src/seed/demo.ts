import type { Kysely } from 'kysely'
import { foldKey, ROLES, type Role } from '@hts/domain'
import type { Database } from '../db/schema'
import { hashPassword } from '../modules/auth/passwords'

/**
 * A small fictional province (code 98 is not used by any real province) with three current communes,
 * one of them the successor of two old communes merged on 1 July 2025, so historic and current units
 * both appear. All names of people are synthetic.
 */
const REFORM_DAY = '2025-07-01'
const LAST_OLD_DAY = '2025-06-30'

interface DemoUnit {
  key: string
  code: string
  name: string
  level: 'province' | 'district' | 'commune'
  parent?: string
  validFrom?: string
  validTo?: string
  successorOf?: string[]
}

const UNITS: DemoUnit[] = [
  { key: 'province', code: '98', name: 'Tỉnh Sơn Hà', level: 'province' },
  { key: 'oldDistrict', code: '981', name: 'Huyện Đông Sơn', level: 'district', parent: 'province', validTo: LAST_OLD_DAY },
  { key: 'hoaLac', code: '98101', name: 'Xã Hòa Lạc', level: 'commune', parent: 'oldDistrict', validTo: LAST_OLD_DAY },
  { key: 'binhAn', code: '98102', name: 'Xã Bình An', level: 'commune', parent: 'oldDistrict', validTo: LAST_OLD_DAY },
  { key: 'anPhu', code: '98001', name: 'Xã An Phú', level: 'commune', parent: 'province' },
  { key: 'binhMinh', code: '98002', name: 'Xã Bình Minh', level: 'commune', parent: 'province' },
  { key: 'hoaBinh', code: '98003', name: 'Xã Hòa Bình', level: 'commune', parent: 'province', validFrom: REFORM_DAY, successorOf: ['hoaLac', 'binhAn'] },
]

export interface DemoAccount {
  username: string
  fullName: string
  role: Role
  unit: string
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'tuphap.anphu', fullName: 'Trần Thị Minh Thư', role: 'commune_justice', unit: 'anPhu' },
  { username: 'sohoa.anphu', fullName: 'Lê Văn Khoa', role: 'commune_digitizer', unit: 'anPhu' },
  { username: 'congan.anphu', fullName: 'Phạm Đức Thắng', role: 'commune_police', unit: 'anPhu' },
  { username: 'lanhdao.anphu', fullName: 'Nguyễn Văn Bình', role: 'commune_leader', unit: 'anPhu' },
  { username: 'tuphap.binhminh', fullName: 'Đỗ Thị Hạnh', role: 'commune_justice', unit: 'binhMinh' },
  { username: 'tuphap.hoabinh', fullName: 'Vũ Thị Lan Anh', role: 'commune_justice', unit: 'hoaBinh' },
  { username: 'phongtuphap', fullName: 'Hoàng Văn Sơn', role: 'district_officer', unit: 'oldDistrict' },
  { username: 'sotuphap', fullName: 'Bùi Thị Thu Hà', role: 'province_officer', unit: 'province' },
  { username: 'admin', fullName: 'Quản trị hệ thống', role: 'system_admin', unit: 'province' },
]

/** Seeds the demo province once (when no account exists). Returns true when it seeded. */
export async function seedDemo(db: Kysely<Database>, password: string): Promise<boolean> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyUser) return false
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>()
    for (const unit of UNITS) {
      const row = await trx
        .insertInto('administrative_units')
        .values({
          code: unit.code,
          name: unit.name,
          name_folded: foldKey(unit.name),
          level: unit.level,
          parent_id: unit.parent ? (ids.get(unit.parent) ?? null) : null,
          valid_from: unit.validFrom ?? null,
          valid_to: unit.validTo ?? null,
          version_date: REFORM_DAY,
          source: 'demo',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.set(unit.key, row.id)
      await trx
        .insertInto('registration_offices')
        .values({ name: `UBND ${unit.name.replace(/^Tỉnh /, 'tỉnh ').replace(/^Xã /, 'xã ').replace(/^Huyện /, 'huyện ')}`, unit_id: row.id, valid_from: unit.validFrom ?? null, valid_to: unit.validTo ?? null })
        .execute()
      for (const predecessor of unit.successorOf ?? []) {
        await trx
          .insertInto('unit_successions')
          .values({ predecessor_id: ids.get(predecessor) as string, successor_id: row.id, effective_date: REFORM_DAY })
          .execute()
      }
    }
    for (const account of DEMO_ACCOUNTS) {
      await trx
        .insertInto('users')
        .values({ username: account.username, full_name: account.fullName, role: account.role, unit_id: ids.get(account.unit) as string, password_hash: passwordHash })
        .execute()
    }
  })
  return true
}

export function describeDemoAccounts(password: string): string {
  const lines = DEMO_ACCOUNTS.map((a) => {
    const unit = UNITS.find((u) => u.key === a.unit)
    // A unit that ended in the 2025 reform has no work of its own left: its account only looks back.
    const history = unit?.validTo ? ` (đơn vị đã kết thúc ngày ${unit.validTo.split('-').reverse().join('/')}: chỉ xem lịch sử)` : ''
    return `  ${a.username.padEnd(18)} ${ROLES[a.role].label} — ${unit?.name ?? ''}${history}`
  })
  return [`Tài khoản demo (mật khẩu: ${password}):`, ...lines].join('\n')
}
