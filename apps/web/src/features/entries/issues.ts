import type { EntryFields, EntryIssue } from '@hts/domain'

/** One line under a field: an issue from the rules or the date parser. */
export interface FieldMessage {
  severity: 'error' | 'warning'
  message: string
}

export interface IssueCounts {
  errors: number
  warnings: number
}

/**
 * Issues computed from `basis` (the last save, or the last live run), minus those about fields
 * whose value has changed since: they speak of a value that is no longer there.
 */
export function stillRelevant(issues: readonly EntryIssue[], basis: EntryFields, fields: EntryFields): EntryIssue[] {
  return issues.filter((i) => i.field === '' || (basis[i.field] ?? '') === (fields[i.field] ?? ''))
}

/** Live issues, remaining server issues and date-parser messages, without repeating the same finding. */
export function mergeIssues(
  live: readonly EntryIssue[],
  server: readonly EntryIssue[],
  dateMessages: Readonly<Record<string, readonly FieldMessage[]>>,
): EntryIssue[] {
  const out: EntryIssue[] = []
  const seen = new Set<string>()
  const add = (issue: EntryIssue) => {
    const k = `${issue.field}|${issue.code}|${issue.message}`
    const sameMessage = `${issue.field}||${issue.message}`
    if (seen.has(k) || seen.has(sameMessage)) return
    seen.add(k)
    seen.add(sameMessage)
    out.push(issue)
  }
  for (const [field, messages] of Object.entries(dateMessages)) {
    for (const { severity, message } of messages) {
      // The live rules usually say the same thing about an impossible date; keep theirs then.
      if (severity === 'error' && live.some((i) => i.field === field && i.severity === 'error')) continue
      add({ field, severity, code: severity === 'error' ? 'date.parse' : 'date.interpreted', message })
    }
  }
  live.forEach(add)
  server.forEach(add)
  return out
}

export function countIssues(issues: readonly EntryIssue[]): IssueCounts {
  let errors = 0
  let warnings = 0
  for (const i of issues) {
    if (i.severity === 'error') errors++
    else warnings++
  }
  return { errors, warnings }
}

/** Messages per field key, errors first. */
export function messagesByField(issues: readonly EntryIssue[]): Map<string, FieldMessage[]> {
  const map = new Map<string, FieldMessage[]>()
  for (const i of issues) {
    const list = map.get(i.field) ?? []
    list.push({ severity: i.severity, message: i.message })
    map.set(i.field, list)
  }
  for (const list of map.values()) list.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
  return map
}

/** Only non-empty values are sent and stored: an empty box means the book has nothing there. */
export function compactFields(fields: EntryFields): EntryFields {
  const out: EntryFields = {}
  for (const [k, v] of Object.entries(fields)) {
    const trimmed = v.trim()
    if (trimmed !== '') out[k] = trimmed
  }
  return out
}

export function sameFields(a: EntryFields, b: EntryFields): boolean {
  const ca = compactFields(a)
  const cb = compactFields(b)
  const keys = new Set([...Object.keys(ca), ...Object.keys(cb)])
  for (const k of keys) if (ca[k] !== cb[k]) return false
  return true
}
