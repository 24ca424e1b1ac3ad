import { z } from 'zod'
import { Timestamp } from './common'

/**
 * An entry's history (its revisions, field by field) and its marginal notes (ghi chú): later facts
 * written beside the entry in the book, with their own date and basis, never an overwrite of what the
 * book says (DOMAIN.md §3).
 */

/** What a marginal note records. Codes are stored (migration 0020 checks them); labels are shown. */
export const NOTE_KINDS = {
  change: 'Thay đổi hộ tịch',
  correction: 'Cải chính hộ tịch',
  supplement: 'Bổ sung hộ tịch',
  divorce: 'Ly hôn',
  annulment: 'Hủy việc kết hôn trái pháp luật',
  marriage_recognition: 'Công nhận việc kết hôn',
  parent_recognition: 'Nhận cha, mẹ, con',
  ethnicity: 'Xác định lại dân tộc',
  sex: 'Xác định lại giới tính',
  death: 'Tuyên bố chết / mất tích',
  other: 'Ghi chú khác',
} as const
export type NoteKind = keyof typeof NOTE_KINDS
export const NOTE_KIND_CODES = Object.keys(NOTE_KINDS) as [NoteKind, ...NoteKind[]]
export const isNoteKind = (value: string): value is NoteKind => Object.hasOwn(NOTE_KINDS, value)

/** Where a note came from: keyed on the entry screen, or read from the MOJ ghi chú column on import. */
export const NOTE_SOURCES = { keyed: 'Nhập tay', import: 'Từ cột ghi chú khi nhập Excel' } as const
export type NoteSource = keyof typeof NOTE_SOURCES

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} dài quá ${max} ký tự`).optional().transform((v) => v || undefined)

/** A new marginal note: what it changes (field → new value; null clears it) and/or its text as written. */
export const MarginalNoteCreate = z.object({
  kind: z.enum(NOTE_KIND_CODES, { message: 'Chọn loại ghi chú' }),
  noteDate: optionalText(20, 'Ngày ghi chú'),
  decisionNumber: optionalText(100, 'Số quyết định / văn bản'),
  authority: optionalText(300, 'Cơ quan'),
  changes: z.record(z.string().max(100), z.string().trim().max(1000, 'Giá trị dài quá 1000 ký tự').nullable())
    .refine((c) => Object.keys(c).length <= 50, 'Một ghi chú thay đổi nhiều nhất 50 trường')
    .default({}),
  text: optionalText(4000, 'Nội dung ghi chú'),
}).refine((n) => Object.keys(n.changes).length > 0 || n.text !== undefined, { message: 'Ghi trường được thay đổi hoặc nội dung ghi chú', path: ['changes'] })
export type MarginalNoteCreate = z.infer<typeof MarginalNoteCreate>

/** An entry's note in the path: /api/entries/:id/notes/:noteId. */
export const NoteParams = z.object({ id: z.uuid({ message: 'Mã không hợp lệ' }), noteId: z.uuid({ message: 'Mã ghi chú không hợp lệ' }) })

/**
 * A correction of a note's date, basis and text, as they should read (a field left out is cleared).
 * What a note changes is not corrected: a note with wrong changes is withdrawn and keyed again, so
 * the history shows both. `version` is the note's, as read: a concurrent correction answers 409.
 */
export const MarginalNoteEdit = z.object({
  version: z.number().int().positive(),
  noteDate: optionalText(20, 'Ngày ghi chú'),
  decisionNumber: optionalText(100, 'Số quyết định / văn bản'),
  authority: optionalText(300, 'Cơ quan'),
  text: optionalText(4000, 'Nội dung ghi chú'),
})
export type MarginalNoteEdit = z.infer<typeof MarginalNoteEdit>

/** A note keyed by mistake, withdrawn (never deleted) with the reason why. */
export const MarginalNoteWithdraw = z.object({
  version: z.number().int().positive(),
  reason: z.string().trim().min(1, 'Ghi lý do thu hồi ghi chú').max(500, 'Lý do dài quá 500 ký tự'),
})
export type MarginalNoteWithdraw = z.infer<typeof MarginalNoteWithdraw>

export const PersonRef = z.object({ id: z.uuid(), name: z.string() })
export type PersonRef = z.infer<typeof PersonRef>

/** One field a note changes, with the value before it (the book's, or an earlier note's). */
export const NoteChangeView = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string().nullable(),
  value: z.string().nullable(),
})

export const MarginalNoteView = z.object({
  id: z.uuid(),
  kind: z.enum(NOTE_KIND_CODES),
  kindLabel: z.string(),
  noteDate: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  authority: z.string().nullable(),
  changes: z.array(NoteChangeView),
  text: z.string().nullable(),
  source: z.enum(['keyed', 'import']),
  /** Read from this line of the book's ghi chú, which stays in the entry's ghi chú as written (null: keyed, or corrected since). */
  bookText: z.string().nullable(),
  createdBy: PersonRef.nullable(),
  createdAt: Timestamp,
  version: z.number().int(),
  /** The last correction of its date, basis or text, if any. */
  edited: z.object({ by: PersonRef.nullable(), at: Timestamp }).nullable(),
  /** Withdrawn (keyed by mistake): shown struck through, not counted in "Sau ghi chú" nor exported. */
  withdrawn: z.object({ by: PersonRef.nullable(), at: Timestamp, reason: z.string() }).nullable(),
})
export type MarginalNoteView = z.infer<typeof MarginalNoteView>

/** The notes in the order written (withdrawn ones too), the entry as the book says and as it stands after the notes in force. */
export const EntryNotesView = z.object({
  entryId: z.uuid(),
  notes: z.array(MarginalNoteView),
  asBooked: z.record(z.string(), z.string()).describe('Theo sổ: các trường như đã nhập từ sổ'),
  afterNotes: z.record(z.string(), z.string()).describe('Sau ghi chú: sổ cộng các thay đổi của ghi chú, theo thứ tự'),
  changedFields: z.array(z.string()).describe('Trường có giá trị sau ghi chú khác với sổ'),
})
export type EntryNotesView = z.infer<typeof EntryNotesView>

export const FieldChangeView = z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() })
export type FieldChangeView = z.infer<typeof FieldChangeView>

/** One revision: who, when, why, the status it moved from/to, and the fields it changed. */
export const RevisionView = z.object({
  version: z.number().int(),
  changeKind: z.string(),
  changeLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  transition: z.object({ from: z.string().nullable(), to: z.string(), fromLabel: z.string().nullable(), toLabel: z.string() }).nullable(),
  reason: z.string().nullable(),
  changedBy: PersonRef.nullable(),
  changedAt: Timestamp,
  changes: z.array(FieldChangeView),
})
export type RevisionView = z.infer<typeof RevisionView>

/** What happened to a marginal note, for the entry's timeline: keyed or imported, corrected (the last time), withdrawn. */
export const NOTE_EVENTS = { add: 'Thêm ghi chú', import: 'Ghi chú đọc từ tệp nhập', edit: 'Sửa ghi chú', withdraw: 'Thu hồi ghi chú' } as const
export type NoteEvent = keyof typeof NOTE_EVENTS

export const NoteEventView = z.object({
  noteId: z.uuid(),
  event: z.enum(Object.keys(NOTE_EVENTS) as [NoteEvent, ...NoteEvent[]]),
  eventLabel: z.string(),
  kindLabel: z.string(),
  /** The note's date and basis as they read now, e.g. "ngày 02.05.2025, số 15/QĐ-UBND". */
  basis: z.string().nullable(),
  reason: z.string().nullable(),
  by: PersonRef.nullable(),
  at: Timestamp,
})
export type NoteEventView = z.infer<typeof NoteEventView>

export const EntryHistoryView = z.object({
  entryId: z.uuid(),
  revisions: z.array(RevisionView).describe('Mới nhất trước'),
  noteEvents: z.array(NoteEventView).describe('Thêm, sửa (lần cuối), thu hồi ghi chú; mới nhất trước. Chi tiết từng lần sửa ở nhật ký truy cập.'),
})
export type EntryHistoryView = z.infer<typeof EntryHistoryView>
