import { z } from 'zod'
import { BookTypeSchema } from './schemas'
import { pageOf, Timestamp } from './common'

/** What a checker can ask the queue to show first: entries with warnings, illegible fields, or changed by the import. */
export const REVIEW_FLAGS = {
  warnings: 'Có cảnh báo',
  illegible: 'Có ô khó đọc',
  imported: 'Được sửa khi nhập từ Excel',
} as const
export type ReviewFlag = keyof typeof REVIEW_FLAGS

/** The two stages of the queue: keyed entries wait for checking, checked ones for approval. */
export const REVIEW_STAGES = {
  check: 'Chờ kiểm tra',
  approve: 'Chờ phê duyệt',
} as const
export type ReviewStage = keyof typeof REVIEW_STAGES

export const ReviewQueueQuery = z.object({
  stage: z.enum(Object.keys(REVIEW_STAGES) as [ReviewStage, ...ReviewStage[]], { message: 'Bước không hợp lệ' }).default('check'),
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional(),
  bookId: z.uuid({ message: 'Mã sổ không hợp lệ' }).optional(),
  keyedBy: z.uuid({ message: 'Mã người nhập không hợp lệ' }).optional(),
  flag: z.enum(Object.keys(REVIEW_FLAGS) as [ReviewFlag, ...ReviewFlag[]], { message: 'Bộ lọc không hợp lệ' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
})
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>

/** One entry waiting, oldest first; the queue never lists what the user keyed or last changed (four eyes). */
export const ReviewQueueItem = z.object({
  id: z.uuid(),
  bookId: z.uuid(),
  bookType: BookTypeSchema,
  bookLabel: z.string(),
  so: z.number().int().nullable(),
  registrationDate: z.string().nullable(),
  subjectName: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  version: z.number().int(),
  keyedBy: z.uuid().nullable(),
  keyedByName: z.string().nullable(),
  waitingSince: Timestamp,
  warningCount: z.number().int(),
  illegibleCount: z.number().int(),
  importNoteCount: z.number().int(),
})
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>

export const ReviewQueuePage = pageOf(ReviewQueueItem)
export type ReviewQueuePage = z.infer<typeof ReviewQueuePage>

/** Approve every checked entry of a book at once (the officer's bulk approval). */
export const BulkApproveBody = z.object({
  /** The count the officer saw: refused (409) when more or fewer are waiting now, so nothing unseen is approved. */
  expectedCount: z.number().int().min(0).optional(),
})
export type BulkApproveBody = z.infer<typeof BulkApproveBody>

export const BulkApproveResult = z.object({
  approved: z.number().int(),
  /** Checked entries left for someone else: the officer keyed or last changed them (four eyes). */
  skippedOwnWork: z.number().int(),
  /** Checked entries whose rules now find an error (left checked, to correct first). */
  skippedWithErrors: z.number().int(),
  entryIds: z.array(z.uuid()),
})
export type BulkApproveResult = z.infer<typeof BulkApproveResult>

/** A book's entries by status, and how many checked ones the user may approve (not their own work). */
export const BookReviewSummary = z.object({
  counts: z.record(z.string(), z.number().int()),
  approvable: z.number().int(),
})
export type BookReviewSummary = z.infer<typeof BookReviewSummary>
