import { can, type EntryAction, availableActions, isEntryStatus, type Role } from '@hts/domain'

/** An entry is visible exactly when its book is: both carry the custodian unit. */
export function isEntryInScope(scope: ReadonlySet<string>, entry: { custodian_unit_id: string }): boolean {
  return scope.has(entry.custodian_unit_id)
}

/** Workflow actions the user may take on the entry now (the one transition table, four eyes included). */
export function allowedEntryActions(user: { id: string; role: Role }, entry: { status: string; keyed_by: string | null; content_changed_by: string | null }): EntryAction[] {
  if (!isEntryStatus(entry.status) || !can(user, 'entry.update')) return []
  return availableActions(entry.status, user.role, { userId: user.id, authors: { keyedBy: entry.keyed_by, contentChangedBy: entry.content_changed_by } })
}
