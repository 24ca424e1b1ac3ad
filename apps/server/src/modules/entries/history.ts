/**
 * An entry's history: every revision with who, when, why, the status it moved between and the fields it
 * changed (labels from the catalog). Revisions of a transition store no fields (migration 0020): the
 * fields are carried forward from the last revision that stored them.
 */
import type { Kysely } from 'kysely'
import {
  diffEntryFields,
  ENTRY_STATUSES,
  isEntryStatus,
  resolveRevisionFields,
  revisionKindLabel,
  type EntryHistoryView,
  type PersonRef,
  type RevisionView,
} from '@hts/domain'
import type { Database } from '../../db/schema'
import { fullNamesOf } from '../users'
import { bookTypeOf } from './checks'
import type { EntryRow } from './repository'

const statusLabel = (status: string) => (isEntryStatus(status) ? ENTRY_STATUSES[status] : status)

/** Who, by name, for the ids given (an account never deleted: a trigger refuses it). */
export async function peopleOf(db: Kysely<Database>, ids: ReadonlyArray<string | null>): Promise<(id: string | null) => PersonRef | null> {
  const names = await fullNamesOf(db, ids.filter((id): id is string => id !== null))
  return (id) => (id === null ? null : { id, name: names.get(id) ?? '' })
}

export async function entryHistory(db: Kysely<Database>, entry: EntryRow): Promise<EntryHistoryView> {
  const rows = await db.selectFrom('entry_revisions')
    .select(['version', 'status', 'fields', 'change_kind', 'changed_by', 'changed_at', 'note'])
    .where('entry_id', '=', entry.id)
    .orderBy('version', 'asc')
    .execute()
  const person = await peopleOf(db, rows.map((r) => r.changed_by))
  const bookType = bookTypeOf(entry)
  const resolved = resolveRevisionFields(rows)
  const revisions: RevisionView[] = resolved.map((r, i) => {
    const previous = i > 0 ? resolved[i - 1] : undefined
    const stored = rows[i]?.fields !== null
    const moved = previous === undefined || previous.status !== r.status
    return {
      version: r.version,
      changeKind: r.change_kind,
      changeLabel: revisionKindLabel(r.change_kind),
      status: r.status,
      statusLabel: statusLabel(r.status),
      transition: moved
        ? { from: previous?.status ?? null, to: r.status, fromLabel: previous ? statusLabel(previous.status) : null, toLabel: statusLabel(r.status) }
        : null,
      reason: r.note,
      changedBy: person(r.changed_by),
      changedAt: r.changed_at,
      changes: stored ? diffEntryFields(bookType, previous?.fields ?? {}, r.fields) : [],
    }
  })
  return { entryId: entry.id, revisions: revisions.reverse() }
}
