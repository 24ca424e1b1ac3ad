export type IssueSeverity = 'error' | 'warning'

/** One finding of an entry rule. Errors block "done"; warnings are for a person to look at. */
export interface EntryIssue {
  /** Catalog key of the field concerned ('' for the entry as a whole). */
  field: string
  severity: IssueSeverity
  /** Stable machine code, e.g. 'required', 'date.invalid', 'id.sexMismatch'. */
  code: string
  /** Vietnamese message that says what to fix. */
  message: string
}

/** What a rule may know about the book the entry belongs to. */
export interface BookContext {
  year?: number
  openedOn?: string | null // ISO yyyy-mm-dd
  closedOn?: string | null // ISO yyyy-mm-dd
}
