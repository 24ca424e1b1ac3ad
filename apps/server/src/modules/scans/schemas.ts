import { z } from 'zod'

/** Request shapes of the scans API (validation + OpenAPI at /api/docs); responses are in @hts/domain (api/scans.ts). */

export const PageIdParams = z.object({ id: z.uuid({ message: 'Mã trang không hợp lệ' }) })

export const ImageQuery = z.object({
  v: z.string().max(64).optional().describe('Phiên bản ảnh (16 ký tự đầu của sha256) do imageUrl/thumbnailUrl trả về; có nó thì trình duyệt được lưu đệm lâu dài'),
})

export const PagePatchBody = z
  .object({
    kind: z.enum(['page', 'blank', 'cover'], { message: 'Loại trang phải là page, blank hoặc cover' }).optional(),
    rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)], { message: 'Góc xoay phải là 0, 90, 180 hoặc 270' }).optional()
      .describe('Góc xoay tuyệt đối so với ảnh gốc'),
    version: z.number().int().min(1).optional().describe('Nếu gửi: 409 khi trang đã bị người khác sửa'),
  })
  .refine((b) => b.kind !== undefined || b.rotation !== undefined, { message: 'Gửi kind hoặc rotation' })

export const PageOrderBody = z.object({
  pageIds: z.array(z.uuid()).min(1).max(20_000).describe('Mọi trang của sổ, theo thứ tự mới (mỗi trang đúng một lần)'),
})

