import { z } from 'zod'
import { Timestamp } from './common'

/** Response shapes of the scans API: a book's page images and the upload's per-file results. */

export const PageView = z.object({
  id: z.uuid(),
  bookId: z.uuid(),
  position: z.number().int().describe('Số thứ tự trang trong sổ, từ 1, liên tục'),
  status: z.enum(['pending', 'ready', 'failed']).describe('pending: đang dựng ảnh; ready: có ảnh; failed: lỗi (xem error)'),
  statusLabel: z.string(),
  error: z.string().nullable(),
  kind: z.enum(['page', 'blank', 'cover']).describe('page: trang sổ; blank: trang trắng; cover: bìa'),
  kindLabel: z.string(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).describe('Góc xoay đã áp dụng vào ảnh (độ, theo chiều kim đồng hồ)'),
  width: z.number().int().nullable().describe('Kích thước ảnh hiển thị (px), sau khi xoay'),
  height: z.number().int().nullable(),
  imageUrl: z.string().nullable().describe('Ảnh trang JPEG, cạnh dài ~1600 px; null khi chưa sẵn sàng'),
  thumbnailUrl: z.string().nullable().describe('Ảnh thu nhỏ JPEG, cạnh dài ~200 px'),
  imageSha256: z.string().nullable().describe('ETag của ảnh'),
  uploadId: z.uuid(),
  fileName: z.string().nullable().describe('Tên tệp gốc đã tải lên'),
  sourcePage: z.number().int().describe('Trang thứ mấy trong tệp gốc'),
  entryCount: z.number().int().describe('Số trường hợp đã nhập gắn với trang này'),
  entries: z.array(z.object({ id: z.uuid(), so: z.number().int().nullable(), status: z.string(), ordinal: z.number().int().describe('1: trang đầu của trường hợp, 2: trang thứ hai') })),
  version: z.number().int(),
  updatedAt: Timestamp,
})

export const PageList = z.object({
  items: z.array(PageView),
  total: z.number().int(),
  counts: z.object({ pending: z.number().int(), ready: z.number().int(), failed: z.number().int(), withEntries: z.number().int() }),
})

export const FileResult = z.object({
  fileName: z.string(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  message: z.string().nullable().describe('Lý do từ chối, hoặc thông báo trùng (tiếng Việt, nêu tên tệp)'),
  sha256: z.string().nullable(),
  size: z.number().int(),
  mimeType: z.string().nullable().describe('Loại nhận dạng từ nội dung tệp (không theo tên)'),
  pageCount: z.number().int().nullable(),
  uploadId: z.uuid().nullable(),
  firstPosition: z.number().int().nullable().describe('Trang đầu/cuối trong sổ của tệp này'),
  lastPosition: z.number().int().nullable(),
  alreadyStored: z.boolean().describe('Nội dung này đã có trong kho tệp: không ghi lại lần nữa'),
})

export const UploadResponse = z.object({
  jobId: z.uuid().nullable().describe("Tác vụ nền 'scans.process' dựng ảnh trang; theo dõi tại GET /api/jobs/:id (progress.pagesDone/pagesTotal)"),
  pagesAdded: z.number().int(),
  results: z.array(FileResult),
  acceptedTypes: z.array(z.string()),
})

export const UploadRejected = UploadResponse.extend({ error: z.literal('unprocessable'), message: z.string() })

export const ReprocessResponse = z.object({ jobId: z.uuid().nullable(), pages: z.number().int() })

export type PageView = z.infer<typeof PageView>
export type PageList = z.infer<typeof PageList>
export type FileResult = z.infer<typeof FileResult>
export type UploadResponse = z.infer<typeof UploadResponse>
export type UploadRejected = z.infer<typeof UploadRejected>

/** Reorder and delete answer with the book's pages in their new order. */
export const PageItems = PageList.pick({ items: true })
export type PageItems = z.infer<typeof PageItems>
