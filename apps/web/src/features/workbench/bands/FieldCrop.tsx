import type { FieldCropBox } from './useBands'

/**
 * Where a field is written on the page: the column of the current band, cut from the page image.
 * The same image element the viewer shows (same URL, so the browser reuses the decoded image instead
 * of asking the server again: /api answers no-store), sized and placed in percentages inside a box of
 * the crop's aspect ratio, at most the image's own pixels wide (one image pixel per screen pixel reads
 * like the viewer zoomed in).
 */
export function FieldCrop({ fieldKey, box }: { fieldKey: string; box: FieldCropBox }) {
  const w = box.right - box.left
  const h = box.bottom - box.top
  const px = (fraction: number, total: number) => Math.max(1, Math.round(fraction * total))
  return (
    <div
      data-testid={`field-crop-${fieldKey}`}
      title="Chỗ ghi ô này trên trang sổ (dải dòng của trường hợp đang nhập)"
      style={{
        position: 'relative',
        overflow: 'hidden',
        width: `min(100%, ${px(w, box.width)}px)`,
        aspectRatio: `${px(w, box.width)} / ${px(h, box.height)}`,
        border: '1px solid #d9d9d9',
        borderRadius: 4,
        margin: '-4px 0 10px',
        background: '#fff',
      }}
    >
      <img
        src={box.imageUrl}
        alt=""
        draggable={false}
        style={{ position: 'absolute', left: `${(-box.left / w) * 100}%`, top: `${(-box.top / h) * 100}%`, width: `${100 / w}%`, height: `${100 / h}%`, maxWidth: 'none', userSelect: 'none' }}
      />
    </div>
  )
}
