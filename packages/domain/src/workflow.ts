import type { Role } from './permissions'

/**
 * Entry statuses, in the order an entry moves through them (DOMAIN.md §7, §10): keyed by one
 * person, checked against the page and approved by others (four eyes), then handed over to the
 * MOJ. "Returned" sends it back to the keyer with a reason.
 */
export const ENTRY_STATUSES = {
  draft: 'Nháp',
  keyed: 'Đã nhập xong',
  returned: 'Bị trả lại để sửa',
  checked: 'Đã kiểm tra',
  approved: 'Đã phê duyệt',
  handed_over: 'Đã chuyển giao',
  // Kept, never deleted: the other entry of a pair an officer found to be the same event (DOMAIN.md §10).
  withdrawn: 'Đã loại (trùng)',
} as const
export type EntryStatus = keyof typeof ENTRY_STATUSES

export const ENTRY_ACTIONS = {
  markKeyed: 'Hoàn thành nhập',
  reopen: 'Mở lại để sửa',
  check: 'Xác nhận đã kiểm tra',
  approve: 'Phê duyệt',
  return: 'Trả lại người nhập',
  handOver: 'Chuyển giao',
  withdraw: 'Loại vì trùng',
} as const
export type EntryAction = keyof typeof ENTRY_ACTIONS

export interface Transition {
  from: EntryStatus
  action: EntryAction
  roles: readonly Role[]
  to: EntryStatus
  /** The entry must have no error-level rule issue to take this transition. */
  requiresNoErrors: boolean
  /** Nobody who keyed the entry or last changed its content may take it (four eyes). */
  fourEyes?: boolean
  /** The user must say why (shown to the keyer, kept with the revision). */
  reasonRequired?: boolean
  /** Taken only by a batch of its own screen (the handover), never on one entry. */
  batchOnly?: boolean
}

const KEYERS: readonly Role[] = ['commune_justice', 'commune_digitizer', 'district_officer']
/** Checking against the page: any member of the team other than the keyer. */
const CHECKERS: readonly Role[] = ['commune_justice', 'commune_digitizer', 'district_officer']
/** Approval is the commune justice officer's (or the district's acting for it). */
const APPROVERS: readonly Role[] = ['commune_justice', 'district_officer']

/** The one transition table, read by the server (to refuse) and the UI (to offer buttons). */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', action: 'markKeyed', roles: KEYERS, to: 'keyed', requiresNoErrors: true },
  { from: 'returned', action: 'markKeyed', roles: KEYERS, to: 'keyed', requiresNoErrors: true },
  { from: 'keyed', action: 'reopen', roles: APPROVERS, to: 'draft', requiresNoErrors: false },
  { from: 'keyed', action: 'check', roles: CHECKERS, to: 'checked', requiresNoErrors: true, fourEyes: true },
  // The officer who checks an entry against the page himself approves it in the same step.
  { from: 'keyed', action: 'approve', roles: APPROVERS, to: 'approved', requiresNoErrors: true, fourEyes: true },
  { from: 'checked', action: 'approve', roles: APPROVERS, to: 'approved', requiresNoErrors: true, fourEyes: true },
  { from: 'keyed', action: 'return', roles: CHECKERS, to: 'returned', requiresNoErrors: false, reasonRequired: true },
  { from: 'checked', action: 'return', roles: CHECKERS, to: 'returned', requiresNoErrors: false, reasonRequired: true },
  // The district or province inspector returns an entry found wrong in an acceptance sample.
  { from: 'approved', action: 'return', roles: [...APPROVERS, 'province_officer'], to: 'returned', requiresNoErrors: false, reasonRequired: true },
  { from: 'approved', action: 'handOver', roles: APPROVERS, to: 'handed_over', requiresNoErrors: true, batchOnly: true },
  // "Same entry — keep one" on the duplicate review list: the other is withdrawn, with the pair as reason.
  ...(['draft', 'keyed', 'returned', 'checked', 'approved'] as const).map((from): Transition => (
    { from, action: 'withdraw', roles: APPROVERS, to: 'withdrawn', requiresNoErrors: false, reasonRequired: true, batchOnly: true }
  )),
]

/**
 * What saving new content does to the status. A change after checking voids the approval: the
 * entry goes back to "checked" (its revisions kept) and needs approving again by someone other than
 * the one who changed it. A handed-over entry changes only as a correction with a reason, and is
 * then listed for the next handover.
 */
export const EDIT_EFFECTS: Readonly<Record<EntryStatus, { to: EntryStatus; reasonRequired: boolean }>> = {
  draft: { to: 'draft', reasonRequired: false },
  keyed: { to: 'keyed', reasonRequired: false },
  returned: { to: 'returned', reasonRequired: false },
  checked: { to: 'checked', reasonRequired: false },
  approved: { to: 'checked', reasonRequired: false },
  handed_over: { to: 'checked', reasonRequired: true },
  withdrawn: { to: 'withdrawn', reasonRequired: true },
}

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

/** Who wrote an entry's content: the keyer who completed it and whoever last changed its fields. */
export interface EntryAuthors {
  keyedBy: string | null
  contentChangedBy: string | null
}

export const FOUR_EYES_REFUSAL =
  'Bạn đã nhập hoặc sửa trường hợp này lần cuối: theo nguyên tắc bốn mắt, một người khác phải kiểm tra và phê duyệt'

/** Four eyes: the refusal when this user keyed or last changed the entry, else undefined. */
export function fourEyesRefusal(userId: string, authors: EntryAuthors): string | undefined {
  return authors.keyedBy === userId || authors.contentChangedBy === userId ? FOUR_EYES_REFUSAL : undefined
}

/**
 * Actions this user may take on one entry now: the table for the role, without the four-eyes
 * actions on their own work and without the batch-only ones (the UI never offers what the server refuses).
 */
export function availableActions(from: EntryStatus, role: Role, who?: { userId: string; authors: EntryAuthors }): EntryAction[] {
  const actions = TRANSITIONS.filter((t) => t.from === from && t.roles.includes(role) && !t.batchOnly)
    .filter((t) => !(t.fourEyes && who && fourEyesRefusal(who.userId, who.authors)))
    .map((t) => t.action)
  return [...new Set(actions)]
}

/** The statuses a checker's queue shows: keyed entries wait for checking, checked ones for approval. */
export const REVIEW_QUEUE_STATUSES = ['keyed', 'checked'] as const satisfies readonly EntryStatus[]
