import type { Role } from './permissions'

/** Entry statuses. The review workflow (checked, approved, exported) extends this table later. */
export const ENTRY_STATUSES = {
  draft: 'Nháp',
  keyed: 'Đã nhập xong',
} as const
export type EntryStatus = keyof typeof ENTRY_STATUSES

export const ENTRY_ACTIONS = {
  markKeyed: 'Hoàn thành nhập',
  reopen: 'Mở lại để sửa',
} as const
export type EntryAction = keyof typeof ENTRY_ACTIONS

export interface Transition {
  from: EntryStatus
  action: EntryAction
  roles: readonly Role[]
  to: EntryStatus
  /** The entry must have no error-level rule issue to take this transition. */
  requiresNoErrors: boolean
}

const KEYERS: readonly Role[] = ['commune_justice', 'commune_digitizer', 'district_officer']

/** The one transition table, read by the server (to refuse) and the UI (to offer buttons). */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', action: 'markKeyed', roles: KEYERS, to: 'keyed', requiresNoErrors: true },
  { from: 'keyed', action: 'reopen', roles: ['commune_justice', 'district_officer'], to: 'draft', requiresNoErrors: false },
]

export const INITIAL_ENTRY_STATUS: EntryStatus = 'draft'

export function isEntryStatus(value: string): value is EntryStatus {
  return Object.prototype.hasOwnProperty.call(ENTRY_STATUSES, value)
}

export function findTransition(from: EntryStatus, action: EntryAction, role: Role): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.action === action && t.roles.includes(role))
}

export function availableActions(from: EntryStatus, role: Role): EntryAction[] {
  return TRANSITIONS.filter((t) => t.from === from && t.roles.includes(role)).map((t) => t.action)
}
