import type { PageView } from '@hts/domain'
import type { PageRow, PageWithEntries } from './repository'

export const PAGE_STATUSES = { pending: 'Đang xử lý', ready: 'Sẵn sàng', failed: 'Lỗi xử lý' } as const
export const PAGE_KINDS = { page: 'Trang sổ', blank: 'Trang trắng', cover: 'Bìa' } as const

/** Image URLs carry a version derived from the content hash, so the browser may cache them for good. */
export function imageUrl(page: Pick<PageRow, 'id' | 'image_sha256'>, which: 'image' | 'thumbnail'): string | null {
  if (!page.image_sha256) return null
  return `/api/pages/${page.id}/${which}?v=${page.image_sha256.slice(0, 16)}`
}

export function presentPage(page: PageRow & { file_name?: string; entries?: PageWithEntries['entries'] }): PageView {
  return {
    id: page.id,
    bookId: page.book_id,
    position: page.position,
    status: page.status,
    statusLabel: PAGE_STATUSES[page.status],
    error: page.error,
    kind: page.kind,
    kindLabel: PAGE_KINDS[page.kind],
    rotation: page.rotation,
    width: page.width,
    height: page.height,
    imageUrl: imageUrl(page, 'image'),
    thumbnailUrl: imageUrl(page, 'thumbnail'),
    imageSha256: page.image_sha256,
    uploadId: page.upload_id,
    fileName: page.file_name ?? null,
    sourcePage: page.source_page,
    entryCount: page.entries?.length ?? 0,
    entries: (page.entries ?? []).map((e) => ({ id: e.id, so: e.so, status: e.status, ordinal: e.ordinal })),
    version: page.version,
    updatedAt: new Date(page.updated_at).toISOString(),
  }
}
export type { PageView }
