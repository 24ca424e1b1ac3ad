/**
 * Reading an entry's revisions: a revision holds its fields only when it changed them (a status
 * transition stores none, migration 0020), so the entry at version N is the last fields at or before N.
 */
import { bookTypeDefOf, type BookTypeRef } from '../catalog'
import { FIELD_GROUPS, type BookTypeDef, type EntryFields, type FieldDef } from '../catalog/types'
import { ENTRY_ACTIONS, type EntryAction } from '../workflow'

export interface FieldChange {
  field: string
  label: string
  before: string | null
  after: string | null
}

const positions = new WeakMap<BookTypeDef, ReadonlyMap<string, { index: number; label: string }>>()

/**
 * Each field's place in the type and its label for a diff or a note: the form's label, with its
 * group where another field of the type has the same label ("Dân tộc (Thông tin người mẹ)").
 */
function positionsOf(def: BookTypeDef): ReadonlyMap<string, { index: number; label: string }> {
  let map = positions.get(def)
  if (!map) {
    const counts = new Map<string, number>()
    for (const f of def.fields) counts.set(f.label, (counts.get(f.label) ?? 0) + 1)
    const labelOf = (f: FieldDef) => ((counts.get(f.label) ?? 0) > 1 ? `${f.label} (${FIELD_GROUPS[f.group]})` : f.label)
    positions.set(def, (map = new Map(def.fields.map((f, index) => [f.key, { index, label: labelOf(f) }]))))
  }
  return map
}

/** The fields that differ, in the catalog's order (keys it does not know last, by name), with their labels. */
export function diffEntryFields(bookType: BookTypeRef, before: EntryFields, after: EntryFields): FieldChange[] {
  const known = positionsOf(bookTypeDefOf(bookType))
  const rank = (key: string) => known.get(key)?.index ?? Number.MAX_SAFE_INTEGER
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => (before[key] ?? null) !== (after[key] ?? null))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((field) => ({ field, label: known.get(field)?.label ?? field, before: before[field] ?? null, after: after[field] ?? null }))
}

/** The label of a field of the type, with its group when ambiguous (its key when the catalog does not know it). */
export function fieldLabelOf(bookType: BookTypeRef, key: string): string {
  return positionsOf(bookTypeDefOf(bookType)).get(key)?.label ?? key
}

const CHANGE_KINDS: Record<string, string> = {
  create: 'Tạo trường hợp',
  update: 'Sửa nội dung',
  correction: 'Đính chính sau chuyển giao',
  import: 'Nhập từ Excel',
  'reconcile.link': 'Liên kết số định danh từ CSDL dân cư',
  'reconcile.unlink': 'Gỡ liên kết số định danh',
}

/** What a revision's `change_kind` means, in Vietnamese ("transition:approve" is the action's label). */
export function revisionKindLabel(kind: string): string {
  if (kind.startsWith('transition:')) {
    const action = kind.slice('transition:'.length)
    return Object.hasOwn(ENTRY_ACTIONS, action) ? ENTRY_ACTIONS[action as EntryAction] : action
  }
  return CHANGE_KINDS[kind] ?? kind
}

/** Each revision's full fields, carried forward over the revisions that stored none. */
export function resolveRevisionFields<R extends { fields: EntryFields | null }>(revisions: readonly R[], start: EntryFields = {}): Array<R & { fields: EntryFields }> {
  let last = start
  return revisions.map((r) => {
    if (r.fields) last = r.fields
    return { ...r, fields: last }
  })
}
