import { z } from 'zod'
import { Timestamp } from './common'

/**
 * OCR pre-fill of printed and typed pages (issue 16): what a page read says, a book's setting and
 * measured accuracy, and the provenance a save carries. A proposal is never a value: the workbench
 * shows it, the keyer passes over it (accepts or corrects), and only then is it saved.
 */

export const OCR_PAGE_STATUSES = {
  off: 'Không đọc (sổ tắt OCR hoặc loại sổ không có mẫu in)',
  pending: 'Đang đọc',
  done: 'Đã đọc',
  failed: 'Đọc lỗi',
} as const
export type OcrPageStatus = keyof typeof OCR_PAGE_STATUSES
export const OcrPageStatusSchema = z.enum(Object.keys(OCR_PAGE_STATUSES) as [OcrPageStatus, ...OcrPageStatus[]])

export const OcrFieldProposal = z.object({
  key: z.string(),
  /** In the field's canonical form, as the form would hold it (dates dd.mm.yyyy as formatPartialDate writes them, names title case, codes as the form stores them: gioiTinh '2', danToc 'Kinh'). */
  value: z.string(),
  /** 0-100: Tesseract's word confidence, lowered when the label was found only loosely. */
  confidence: z.number().min(0).max(100),
})
export type OcrFieldProposal = z.infer<typeof OcrFieldProposal>

/** One entry of a page as read: its fields in the catalog's order. */
export const OcrEntryProposal = z.object({
  /** 0-based position of the entry on the page, top to bottom. */
  index: z.number().int().min(0),
  /** The lines above the page's first "Số": the end of an entry begun on the previous page (no số of its own). */
  continued: z.boolean().optional(),
  fields: z.array(OcrFieldProposal),
})
export type OcrEntryProposal = z.infer<typeof OcrEntryProposal>

export const PageOcrView = z.object({
  pageId: z.uuid(),
  status: OcrPageStatusSchema,
  statusLabel: z.string(),
  /** Mean word confidence of the page (0-100); null before it is read. */
  confidence: z.number().nullable(),
  /** Milliseconds the engine took on the page. */
  ms: z.number().int().nullable(),
  entries: z.array(OcrEntryProposal),
  error: z.string().nullable(),
  readAt: Timestamp.nullable(),
})
export type PageOcrView = z.infer<typeof PageOcrView>

export const BookOcrView = z.object({
  bookId: z.uuid(),
  /** False for a type without a printed layout: OCR is then never offered. */
  available: z.boolean(),
  enabled: z.boolean(),
  /** Pages read so far and their mean confidence. */
  pagesRead: z.number().int(),
  meanConfidence: z.number().nullable(),
  /** Set when the pages read are poorly recognised (handwriting?): the screen suggests turning OCR off. */
  suggestOff: z.boolean(),
  /** Measured accuracy: fields saved that came from OCR, and how many of them the keyer left as proposed. */
  fieldsProposed: z.number().int(),
  fieldsKept: z.number().int(),
  version: z.number().int(),
})
export type BookOcrView = z.infer<typeof BookOcrView>

export const BookOcrUpdate = z.object({ enabled: z.boolean(), version: z.number().int().min(1) })
export type BookOcrUpdate = z.infer<typeof BookOcrUpdate>

/** Sent with a save: the fields whose proposal the keyer passed over, and what was proposed. */
export const OcrProvenanceSchema = z
  .array(z.object({
    key: z.string().max(100),
    proposed: z.string().max(4000),
    confidence: z.number().min(0).max(100),
  }))
  .max(200, 'Quá nhiều ô đề xuất OCR')
export type OcrProvenance = z.infer<typeof OcrProvenanceSchema>
