import { Button, Tooltip, Typography } from 'antd'
import type { BandsState } from './useBands'

/** Beside the book's title: the band being keyed, and the button that marks (or marks again) the bands. */
export function BandToolbar({ bands, marking, onMark }: { bands: BandsState; marking: boolean; onMark: () => void }) {
  const layout = bands.layout
  return (
    <span style={{ marginLeft: 8 }}>
      {layout && bands.band && !marking && (
        <Typography.Text type="secondary" data-testid="band-status" style={{ marginRight: 8 }}>
          Dòng {bands.bandIndex + 1}/{layout.perPage} của trang
        </Typography.Text>
      )}
      {bands.view?.mayEdit && !marking && (
        <Tooltip title="Kéo chọn dòng của một trường hợp và bấm các đường kẻ cột trên ảnh trang, một lần cho cả sổ">
          <Button size="small" onClick={onMark} data-testid="band-mark">
            {layout ? 'Đánh dấu lại dòng' : 'Đánh dấu dòng'}
          </Button>
        </Tooltip>
      )}
    </span>
  )
}
