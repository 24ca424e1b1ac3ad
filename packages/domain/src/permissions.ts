/** Roles of DOMAIN.md §2 and what each may do. Unit scope (own unit and the units below) is checked by the server. */

export const ROLES = {
  commune_justice: { label: 'Công chức Tư pháp - Hộ tịch', level: 'commune' },
  commune_digitizer: { label: 'Thành viên Tổ số hóa', level: 'commune' },
  commune_police: { label: 'Công an xã', level: 'commune' },
  commune_leader: { label: 'Lãnh đạo UBND xã', level: 'commune' },
  district_officer: { label: 'Phòng Tư pháp / Công an huyện', level: 'district' },
  province_officer: { label: 'Sở Tư pháp / Công an tỉnh', level: 'province' },
  system_admin: { label: 'Quản trị hệ thống', level: 'province' },
} as const
export type Role = keyof typeof ROLES
export const ROLE_CODES = Object.keys(ROLES) as Role[]

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(ROLES, value)
}

export const PERMISSIONS = [
  'unit.read',
  'unit.import',
  'user.read',
  'user.manage',
  'book.read',
  'book.create',
  'book.update',
  'entry.read',
  'entry.create',
  'entry.update',
  'audit.read',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const KEYING: Permission[] = ['book.read', 'entry.read', 'entry.create', 'entry.update']

/** Least privilege: administrators manage units and accounts but do not read citizens' entries. */
const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  commune_justice: ['unit.read', 'book.create', 'book.update', ...KEYING, 'user.read'],
  commune_digitizer: ['unit.read', ...KEYING],
  commune_police: ['unit.read', 'book.read', 'entry.read', 'entry.update'],
  commune_leader: ['unit.read', 'book.read', 'entry.read', 'user.read', 'audit.read'],
  district_officer: ['unit.read', 'book.create', 'book.update', ...KEYING, 'user.read'],
  province_officer: ['unit.read', 'book.read', 'entry.read', 'user.read', 'user.manage', 'audit.read'],
  system_admin: ['unit.read', 'unit.import', 'user.read', 'user.manage', 'audit.read'],
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role]
}

export function can(user: { role: Role }, permission: Permission): boolean {
  return ROLE_PERMISSIONS[user.role].includes(permission)
}
