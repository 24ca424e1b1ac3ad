import sharp from 'sharp'

/**
 * What a page becomes: a JPEG of IMAGE_LONG_SIDE px on its long side (readable on screen, about
 * 100-300 kB like the MOJ guidance for an A4 page, and embeddable as-is in per-entry PDFs by pdf-lib,
 * which takes JPEG and PNG only) plus a small JPEG thumbnail for the page strip.
 */
export const IMAGE_LONG_SIDE = 1600
export const THUMB_LONG_SIDE = 200
export const IMAGE_JPEG_OPTIONS = { quality: 80, mozjpeg: true } as const
const THUMB_JPEG_OPTIONS = { quality: 70, mozjpeg: true } as const

export type Rotation = 0 | 90 | 180 | 270
export const ROTATIONS: readonly Rotation[] = [0, 90, 180, 270]

export interface Rendition {
  data: Buffer
  width: number
  height: number
}

/** One page of an image file (TIFF may hold several), upright per its EXIF orientation, as the base JPEG. */
export async function renderImagePage(filePath: string, pageIndex: number): Promise<Rendition> {
  const { data, info } = await sharp(filePath, { page: pageIndex, failOn: 'none', limitInputPixels: 400_000_000 })
    .autoOrient()
    .resize({ width: IMAGE_LONG_SIDE, height: IMAGE_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg(IMAGE_JPEG_OPTIONS)
    .toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/** The displayed image (base turned by `rotation`) and its thumbnail. Always derived from the base, so turning never degrades. */
export async function renderDisplay(base: Buffer, rotation: Rotation): Promise<{ image: Rendition; thumb: Buffer }> {
  const image =
    rotation === 0
      ? { data: base, ...(await sizeOf(base)) }
      : await sharp(base).rotate(rotation).jpeg(IMAGE_JPEG_OPTIONS).toBuffer({ resolveWithObject: true })
          .then(({ data, info }) => ({ data, width: info.width, height: info.height }))
  const thumb = await sharp(image.data)
    .resize({ width: THUMB_LONG_SIDE, height: THUMB_LONG_SIDE, fit: 'inside' })
    .jpeg(THUMB_JPEG_OPTIONS)
    .toBuffer()
  return { image, thumb }
}

async function sizeOf(jpeg: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(jpeg).metadata()
  return { width: meta.width, height: meta.height }
}
