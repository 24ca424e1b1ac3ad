import { z } from 'zod'
import { Timestamp } from './common'

/**
 * Row bands of a handwritten book (issue 16 part 1): the band layout marked once on the first page,
 * per-page corrections, and the ruled lines detected on a page image for the marks to snap to.
 * Positions are fractions of the page image (0-1), so they hold at any rendition size.
 */

const Fraction = z.number({ message: 'Vị trí phải là một số từ 0 đến 1 (phần của trang ảnh)' }).min(0, 'Vị trí phải từ 0 đến 1').max(1, 'Vị trí phải từ 0 đến 1')

export const BandColumnSchema = z.object({
  key: z.string().min(1, 'Chọn ô của biểu mẫu cho cột này').max(60),
  left: Fraction,
  right: Fraction,
}).refine((c) => c.right > c.left, { message: 'Mép phải của cột phải ở bên phải mép trái', path: ['right'] })

export const BandLayoutSchema = z.object({
  top: Fraction.describe('Mép trên của dải dòng đầu tiên'),
  height: z.number().min(0.005, 'Dải dòng quá thấp: kéo chọn cả chiều cao của một trường hợp').max(1, 'Dải dòng cao quá trang ảnh'),
  perPage: z.number().int('Số trường hợp mỗi trang phải là số nguyên').min(1, 'Mỗi trang có ít nhất một trường hợp').max(60, 'Nhiều nhất 60 trường hợp mỗi trang'),
  columns: z.array(BandColumnSchema).min(1, 'Chưa có cột nào: bấm vào các đường kẻ dọc giữa các cột').max(80),
}).refine((l) => l.top + l.height <= 1.0001, { message: 'Dải dòng nằm ngoài trang ảnh', path: ['height'] })
export type BandLayoutInput = z.infer<typeof BandLayoutSchema>

export const PageBandCorrectionSchema = z.object({
  pageId: z.uuid(),
  dy: z.number().min(-0.5).max(0.5),
  scale: z.number().min(0.3).max(3).optional(),
})

export const BandLayoutBody = z.object({
  layout: BandLayoutSchema,
  /** The version read (0 when the book had none yet): another save in between answers 409. */
  version: z.number({ message: 'Thiếu phiên bản đã đọc (version)' }).int().min(0),
})
export type BandLayoutBody = z.infer<typeof BandLayoutBody>

export const BandCorrectionBody = z.object({
  dy: z.number({ message: 'Độ dịch dải dòng phải là một số' }).min(-0.5, 'Dịch dải dòng tối đa nửa trang').max(0.5, 'Dịch dải dòng tối đa nửa trang'),
  scale: z.number({ message: 'Tỷ lệ chiều cao phải là một số' }).min(0.3, 'Tỷ lệ chiều cao từ 0,3 đến 3').max(3, 'Tỷ lệ chiều cao từ 0,3 đến 3').optional(),
})
export type BandCorrectionBody = z.infer<typeof BandCorrectionBody>

export const BookBandLayoutView = z.object({
  bookId: z.uuid(),
  /** Null until someone marks the book's bands. */
  layout: BandLayoutSchema.nullable(),
  corrections: z.array(PageBandCorrectionSchema),
  version: z.number().int().describe('0 khi sổ chưa đánh dấu dòng'),
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: Timestamp.nullable(),
  /** The user may mark the bands and correct a page's (who may key the book). */
  mayEdit: z.boolean(),
})
export type BookBandLayoutView = z.infer<typeof BookBandLayoutView>

export const PageRulesView = z.object({
  pageId: z.uuid(),
  width: z.number().int(),
  height: z.number().int(),
  horizontal: z.array(z.number()).describe('Đường kẻ ngang (phần chiều cao trang, từ trên xuống)'),
  vertical: z.array(z.number()).describe('Đường kẻ dọc (phần chiều rộng trang, từ trái sang)'),
  pitch: z.number().nullable().describe('Khoảng cách thường gặp giữa hai đường kẻ ngang; null khi không đủ đường kẻ'),
})
export type PageRulesView = z.infer<typeof PageRulesView>
