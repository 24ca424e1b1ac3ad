import { can, type EntryAction, availableActions, isEntryStatus, type Role } from '@hts/domain'

/** An entry is visible exactly when its book is: both carry the custodian unit. */
export function isEntryInScope(scope: ReadonlySet<string>, entry: { custodian_unit_id: string }): boolean {
  return scope.has(entry.custodian_unit_id)
}

/** Workflow actions the user may take on the entry now (from the one transition table). */
export function allowedEntryActions(user: { role: Role }, status: string): EntryAction[] {
  if (!isEntryStatus(status) || !can(user, 'entry.update')) return []
  return availableActions(status, user.role)
}
