import { bookTypeDefOf, type BookTypeRef, type EntryIssue, type EntryView, type MatchField, type SubjectDef } from '@hts/domain'

/** Why a field deserves the checker's eye, most serious first. */
export const HIGHLIGHT_KINDS = {
  error: 'Lỗi',
  warning: 'Cảnh báo',
  illegible: 'Khó đọc',
  imported: 'Sửa khi nhập Excel',
  population: 'Khác CSDL dân cư',
} as const
export type HighlightKind = keyof typeof HIGHLIGHT_KINDS

export interface FieldHighlight {
  kind: HighlightKind
  /** What to say in the tooltip. */
  message: string
}

/** The catalog key holding a field the reconciliation compares, as the book type's `subject` declares it. */
export function subjectKeyOf(subject: SubjectDef, field: MatchField): string | undefined {
  switch (field) {
    case 'personalId': return subject.personalIdKey
    case 'name': return subject.nameKey
    case 'birthDate': return subject.birthDateKey
    case 'sex': return subject.sexKey
    case 'mother': return subject.motherNameKey
    case 'father': return subject.fatherNameKey
    case 'birthplace': return subject.birthplaceKey
    case 'ethnicity': return subject.ethnicityKey
    case 'nationality': return subject.nationalityKey
    default: {
      const unknown: never = field
      return unknown
    }
  }
}

export interface HighlightSources {
  bookType: BookTypeRef
  /** Rule findings on the values shown (the server's, or the live ones after an edit). */
  issues: readonly EntryIssue[]
  illegibleFields: EntryView['illegibleFields']
  importNotes: EntryView['importNotes']
  /** Fields the population database disagrees on, from the entry's reconciliation result (if any). */
  differences: ReadonlyArray<{ field: MatchField; label: string }>
}

const ORDER = Object.keys(HIGHLIGHT_KINDS) as HighlightKind[]

/** Every field to draw the checker's eye to, with what to say about it. */
export function fieldHighlights({ bookType, issues, illegibleFields, importNotes, differences }: HighlightSources): Map<string, FieldHighlight[]> {
  const out = new Map<string, FieldHighlight[]>()
  const add = (key: string | undefined, highlight: FieldHighlight) => {
    if (!key) return
    const list = out.get(key) ?? []
    if (!list.some((h) => h.kind === highlight.kind && h.message === highlight.message)) list.push(highlight)
    out.set(key, list)
  }
  for (const issue of issues) add(issue.field, { kind: issue.severity, message: issue.message })
  for (const key of illegibleFields) add(key, { kind: 'illegible', message: 'Người nhập đánh dấu ô này khó đọc: so kỹ với ảnh' })
  for (const note of importNotes) add(note.field, { kind: 'imported', message: note.message })
  const { subject } = bookTypeDefOf(bookType)
  for (const d of differences) add(subjectKeyOf(subject, d.field), { kind: 'population', message: `${d.label} khác với CSDL dân cư` })
  for (const list of out.values()) list.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))
  return out
}

/**
 * The action Ctrl+Enter takes: the furthest step the user may take. An approver facing a keyed entry
 * checks and approves it in one step, as the transition table allows; the keyer completes a returned one.
 */
export function mainActionOf(allowed: readonly string[]): 'approve' | 'check' | 'markKeyed' | null {
  for (const action of ['approve', 'check', 'markKeyed'] as const) if (allowed.includes(action)) return action
  return null
}
