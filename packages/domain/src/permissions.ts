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
  /** Key, correct and withdraw marginal notes (ghi chú) from the book's notes column: keying work, not the police's corrections. */
  'entry.note',
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
  /** Backups (issue 17): see the list and the last good one; take one now (administrators only; restore is `npm run restore` on the server). */
  'backup.read',
  'backup.run',
  /** The campaign (issue 13): see phases, plans, inventory, dashboards and weekly reports of the scope (figures, no personal data). */
  'campaign.read',
  /** Define the province's phases (window, book types, units, deadline, unit price, AQL). */
  'campaign.manage',
  /** Write the unit's own plan, inventory notes and weekly report text; submit the plan. */
  'plan.edit',
  /** Approve or return the plans of the units below. */
  'plan.approve',
  /** Submit the unit's weekly report (the unit's leader; district and province for their own level). */
  'report.submit',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const KEYING: Permission[] = ['book.read', 'entry.read', 'entry.create', 'entry.update', 'entry.note']

/** Least privilege: administrators manage units and accounts but do not read citizens' entries. */
const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  commune_justice: ['unit.read', 'book.create', 'book.update', ...KEYING, 'entry.review', 'acceptance.read', 'user.read', 'scan.manage', 'book.assign', 'import.run', 'export.run', 'population.import', 'population.read', 'reconcile.run', 'reconcile.decide', 'followup.manage', 'campaign.read', 'plan.edit'],
  commune_digitizer: ['unit.read', ...KEYING, 'entry.review', 'scan.manage', 'import.run'],
  commune_police: ['unit.read', 'book.read', 'entry.read', 'entry.update', 'population.import', 'population.read', 'reconcile.run', 'reconcile.decide', 'followup.manage'],
  commune_leader: ['unit.read', 'book.read', 'entry.read', 'acceptance.read', 'user.read', 'audit.read', 'book.assign', 'population.read', 'campaign.read', 'plan.edit', 'report.submit'],
  district_officer: ['unit.read', 'book.create', 'book.update', ...KEYING, 'entry.review', 'acceptance.read', 'acceptance.run', 'user.read', 'scan.manage', 'book.assign', 'import.run', 'export.run', 'population.import', 'population.read', 'reconcile.run', 'reconcile.decide', 'followup.manage', 'campaign.read', 'plan.edit', 'plan.approve', 'report.submit'],
  province_officer: ['unit.read', 'book.read', 'entry.read', 'acceptance.read', 'acceptance.run', 'user.read', 'user.manage', 'audit.read', 'file.verify', 'export.run', 'population.import', 'population.read', 'reconcile.settings', 'backup.read', 'campaign.read', 'campaign.manage', 'plan.edit', 'plan.approve', 'report.submit'],
  system_admin: ['unit.read', 'unit.import', 'user.read', 'user.manage', 'audit.read', 'file.verify', 'reconcile.settings', 'backup.read', 'backup.run'],
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role]
}

export function can(user: { role: Role }, permission: Permission): boolean {
  return ROLE_PERMISSIONS[user.role].includes(permission)
}

/**
 * Accounts (issue 14): who may give which role, at which unit. The unit's level comes from
 * `administrative_units.level`; unit scope (own unit and the units below) is passed in by the server.
 */
export type AccountUnitLevel = (typeof ROLES)[Role]['level']

/** A role fits a unit of its own level only: a commune role at a province would see every commune. */
export function roleFitsUnitLevel(role: Role, unitLevel: AccountUnitLevel): boolean {
  return ROLES[role].level === unitLevel
}

/**
 * The roles each role may create, change (role, unit), lock and unlock. Nobody manages a role beyond
 * their own: a province officer manages the officers of the province and the levels below, never an
 * administrator. The administrator sets up every account (someone must create the first officers);
 * that power is made visible instead of withheld: every account change is audited and listed for the
 * province's officers (GET /api/users/changes), so an account it gives itself access through shows.
 */
export const MANAGEABLE_ROLES: Record<Role, readonly Role[]> = {
  system_admin: ROLE_CODES,
  province_officer: ['province_officer', 'district_officer', 'commune_justice', 'commune_digitizer', 'commune_police', 'commune_leader'],
  district_officer: [],
  commune_justice: [],
  commune_digitizer: [],
  commune_police: [],
  commune_leader: [],
}

/** Roles that read citizens' data (entries, population records): an administrator giving one is flagged in the audit row. */
export function readsCitizenData(role: Role): boolean {
  return can({ role }, 'entry.read') || can({ role }, 'population.read')
}

export const ACCOUNT_REFUSALS = {
  no_authority: 'Tài khoản của bạn không được quản lý tài khoản',
  self: 'Không thể tự đổi vai trò, đơn vị hoặc khóa, mở khóa tài khoản của chính mình; hãy nhờ người quản lý khác',
  role_beyond_own: 'Bạn không được cấp hoặc quản lý tài khoản có vai trò này; hãy liên hệ quản trị hệ thống',
  role_level: 'Vai trò không phù hợp với cấp của đơn vị: vai trò cấp xã chỉ gán cho xã, cấp huyện cho huyện, cấp tỉnh cho tỉnh',
  out_of_scope: 'Không tìm thấy tài khoản hoặc đơn vị này trong phạm vi của bạn',
} as const
export type AccountRefusalReason = keyof typeof ACCOUNT_REFUSALS
export interface AccountRefusal {
  reason: AccountRefusalReason
  message: string
}

export interface AccountManager {
  id: string
  role: Role
  /** The manager's unit and the units below it. */
  scope: ReadonlySet<string>
}

/** An account as it is (before a change) or would be (after it). */
export interface AccountGrant {
  /** Absent for an account being created. */
  userId?: string
  role: Role
  unitId: string
  unitLevel: AccountUnitLevel
}

const refusal = (reason: AccountRefusalReason): AccountRefusal => ({ reason, message: ACCOUNT_REFUSALS[reason] })

/**
 * Why `actor` may not manage `account` as it stands (lock, unlock, change it), or null when allowed.
 * `out_of_scope` means "not yours": the server answers 404 for it, 403 for the others.
 */
export function manageRefusal(actor: AccountManager, account: Omit<AccountGrant, 'unitLevel'>): AccountRefusal | null {
  if (!can(actor, 'user.manage')) return refusal('no_authority')
  if (!actor.scope.has(account.unitId)) return refusal('out_of_scope')
  if (account.userId !== undefined && account.userId === actor.id) return refusal('self')
  if (!MANAGEABLE_ROLES[actor.role].includes(account.role)) return refusal('role_beyond_own')
  return null
}

/** Why `actor` may not give `target` its role at its unit (a new account, or an account after a change), or null. */
export function grantRefusal(actor: AccountManager, target: AccountGrant): AccountRefusal | null {
  return manageRefusal(actor, target) ?? (roleFitsUnitLevel(target.role, target.unitLevel) ? null : refusal('role_level'))
}

export function mayGrant(actor: AccountManager, target: AccountGrant): boolean {
  return grantRefusal(actor, target) === null
}

/**
 * A change of an existing account's role or unit: the actor must manage the account as it is and as
 * it will be (a province officer neither moves an administrator nor turns an officer into one). An
 * account that does not fit its unit's level today can still be corrected.
 */
export function changeRefusal(
  actor: AccountManager,
  before: Omit<AccountGrant, 'unitLevel'> & { userId: string },
  after: Omit<AccountGrant, 'userId'>,
): AccountRefusal | null {
  return manageRefusal(actor, before) ?? grantRefusal(actor, { ...after, userId: before.userId })
}
