import type { EntryFields } from '@hts/domain'

export interface RebaseResult {
  /** The latest version with the keyer's unsaved edits put back where nobody else touched the field. */
  fields: EntryFields
  /** Fields where the keyer's edit was kept (still unsaved). */
  kept: string[]
  /** Fields both changed differently: the latest version wins, the keyer is told. */
  overridden: string[]
}

/**
 * After a version conflict: start from what the other person saved (`theirs`) and re-apply the
 * keyer's own edits (`mine` relative to `base`, the version the keyer started from). Nothing is
 * saved here; the keyer looks and saves again.
 */
export function rebaseEdits(base: EntryFields, mine: EntryFields, theirs: EntryFields): RebaseResult {
  const fields: EntryFields = { ...theirs }
  const kept: string[] = []
  const overridden: string[] = []
  const keys = new Set([...Object.keys(base), ...Object.keys(mine)])
  for (const key of keys) {
    const b = (base[key] ?? '').trim()
    const m = (mine[key] ?? '').trim()
    const t = (theirs[key] ?? '').trim()
    if (m === b || m === t) continue
    if (t === b) {
      fields[key] = mine[key] ?? ''
      kept.push(key)
    } else {
      overridden.push(key)
    }
  }
  return { fields, kept, overridden }
}
