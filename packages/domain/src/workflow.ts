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

/** Where an action leads from a status, whoever takes it (for system writers such as an import already authorised). */
export function transitionTarget(from: EntryStatus, action: EntryAction): EntryStatus | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.action === action)?.to
}

/**
 * A status reached only by a transition that requires no errors must stay free of errors: a save
 * that would bring errors back into such an entry is refused (reopen it first). Read from the table,
 * so a new status gets the right rule without another check in the code.
 */
export function statusRequiresNoErrors(status: EntryStatus): boolean {
  const into = TRANSITIONS.filter((t) => t.to === status)
  return into.length > 0 && into.every((t) => t.requiresNoErrors)
}

/** The status an entry starts in: a draft, or keyed when it is complete (an imported row with no error). */
export function initialStatusOf(complete: boolean): EntryStatus {
  return complete ? (transitionTarget(INITIAL_ENTRY_STATUS, 'markKeyed') ?? INITIAL_ENTRY_STATUS) : INITIAL_ENTRY_STATUS
}

export function availableActions(from: EntryStatus, role: Role): EntryAction[] {
  return TRANSITIONS.filter((t) => t.from === from && t.roles.includes(role)).map((t) => t.action)
}
