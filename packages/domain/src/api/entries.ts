import { z } from 'zod'
import { ENTRY_ACTIONS, type EntryAction } from '../workflow'
import { BookTypeSchema } from './schemas'
import { pageOf, Timestamp } from './common'

export const EntryIssueView = z.object({
  field: z.string().describe("Khóa trường trong danh mục ('' cho cả trường hợp)"),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
})
export type EntryIssueView = z.infer<typeof EntryIssueView>

/** A value the import changed on its way in (an Excel date, zeros restored, legacy text converted...). */
export const ImportNoteView = z.object({ field: z.string(), note: z.string(), message: z.string() })
export type ImportNoteView = z.infer<typeof ImportNoteView>

export const EntryActionSchema = z.enum(Object.keys(ENTRY_ACTIONS) as [EntryAction, ...EntryAction[]])

/** One entry (trường hợp) with its rule findings and the actions the user may take on it. */
export const EntryView = z.object({
  id: z.uuid(),
  bookId: z.uuid(),
  bookType: BookTypeSchema,
  so: z.number().int().nullable(),
  trangSo: z.number().int().nullable(),
  registrationDate: z.string().nullable().describe('Ngày đăng ký như đã nhập'),
  status: z.string(),
  statusLabel: z.string(),
  fields: z.record(z.string(), z.string()),
  pageIds: z.array(z.uuid()).describe('Trang ảnh chứa trường hợp, theo thứ tự'),
  illegibleFields: z.array(z.string()).describe('Ô được đánh dấu khó đọc'),
  issues: z.array(EntryIssueView),
  version: z.number().int(),
  allowedActions: z.array(EntryActionSchema),
  /** Who completed the keying and who last changed the content (four eyes: neither checks nor approves it). */
  keyedBy: z.uuid().nullable(),
  contentChangedBy: z.uuid().nullable(),
  /** Why a checker or approver returned it, while it is returned. */
  returnReason: z.string().nullable(),
  /** What the import changed in the row, field by field (shown to the checker). */
  importNotes: z.array(ImportNoteView),
  statusChangedAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type EntryView = z.infer<typeof EntryView>

/** A line of a book's entry list. */
export const EntrySummary = z.object({
  id: z.uuid(),
  so: z.number().int().nullable(),
  trangSo: z.number().int().nullable(),
  registrationDate: z.string().nullable(),
  subjectName: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  version: z.number().int(),
  /** Why it was returned, while it is returned (the keyer's list of entries to fix). */
  returnReason: z.string().nullable(),
  updatedAt: Timestamp,
})
export type EntrySummary = z.infer<typeof EntrySummary>

export const EntryPage = pageOf(EntrySummary)
export type EntryPage = z.infer<typeof EntryPage>

export const EntryValidation = z.object({ issues: z.array(EntryIssueView) })
export type EntryValidation = z.infer<typeof EntryValidation>

/**
 * 422 of a save: errors block it. With `complete: true` the save itself was kept as a draft and comes
 * back as `saved` (the keyer's work is never lost); a save refused outright has no `saved`.
 */
export const EntrySaveRefusal = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(EntryIssueView).optional(),
  saved: EntryView.optional(),
})
export type EntrySaveRefusal = z.infer<typeof EntrySaveRefusal>
