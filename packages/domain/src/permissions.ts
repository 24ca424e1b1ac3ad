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
  /** Check entries against their page and work the check queue (who may approve: the transition table). */
  'entry.review',
  /** Acceptance by sampling (nghiệm thu): see lots and records; draw, inspect and decide. */
  'acceptance.read',
  'acceptance.run',
  'audit.read',
  'scan.manage',
  'book.assign',
  'file.verify',
  /** Take in Excel/CSV files of entries. */
  'import.run',
  /** Books and entry lists out to Excel, MOJ packages. */
  'export.run',
  /** Population extracts (issue 5): load them, read them (personal data, audited). */
  'population.import',
  'population.read',
  /** Reconciliation with the population data: run it, decide on proposals, work the follow-up list, set thresholds. */
  'reconcile.run',
  'reconcile.decide',
  'followup.manage',
  'reconcile.settings',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const KEYING: Permission[] = ['book.read', 'entry.read', 'entry.create', 'entry.update']

/** Least privilege: administrators manage units and accounts but do not read citizens' entries. */
const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  commune_justice: ['unit.read', 'book.create', 'book.update', ...KEYING, 'entry.review', 'acceptance.read', 'user.read', 'scan.manage', 'book.assign', 'import.run', 'export.run', 'population.import', 'population.read', 'reconcile.run', 'reconcile.decide', 'followup.manage'],
  commune_digitizer: ['unit.read', ...KEYING, 'entry.review', 'scan.manage', 'import.run'],
  commune_police: ['unit.read', 'book.read', 'entry.read', 'entry.update', 'population.import', 'population.read', 'reconcile.run', 'reconcile.decide', 'followup.manage'],
  commune_leader: ['unit.read', 'book.read', 'entry.read', 'acceptance.read', 'user.read', 'audit.read', 'book.assign', 'population.read'],
  district_officer: ['unit.read', 'book.create', 'book.update', ...KEYING, 'entry.review', 'acceptance.read', 'acceptance.run', 'user.read', 'scan.manage', 'book.assign', 'import.run', 'export.run', 'population.import', 'population.read', 'reconcile.run', 'reconcile.decide', 'followup.manage'],
  province_officer: ['unit.read', 'book.read', 'entry.read', 'acceptance.read', 'acceptance.run', 'user.read', 'user.manage', 'audit.read', 'file.verify', 'export.run', 'population.import', 'population.read', 'reconcile.settings'],
  system_admin: ['unit.read', 'unit.import', 'user.read', 'user.manage', 'audit.read', 'file.verify', 'reconcile.settings'],
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role]
}

export function can(user: { role: Role }, permission: Permission): boolean {
  return ROLE_PERMISSIONS[user.role].includes(permission)
}
