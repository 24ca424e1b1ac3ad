import type { Band, BandLayout } from '@hts/domain'
import { useRef, useState, type PointerEvent } from 'react'
import type { BandMarking } from './useBandMarking'

interface Props {
  width: number
  height: number
  /** Marking the bands: drags and clicks are taken here, the rules and marks drawn. */
  marking: BandMarking | null
  /** Otherwise: the current entry's band, outlined. */
  layout: BandLayout | null
  band: Band | null
}

/** Under this much movement (px) a press is a click (a column boundary), not a drag (a band). */
const CLICK_PX = 6

/** Drawn over the page image in the viewer (unrotated only): the current band, or the marking of the bands. */
export function BandOverlay({ width, height, marking, layout, band }: Props) {
  const start = useRef<{ x: number; y: number } | null>(null)
  const [drag, setDrag] = useState<{ y0: number; y1: number } | null>(null)

  if (!marking) {
    if (!band || !layout) return null
    const left = Math.min(...layout.columns.map((c) => c.left))
    const right = Math.max(...layout.columns.map((c) => c.right))
    return (
      <div
        data-testid="current-band"
        data-band={band.index}
        style={{ position: 'absolute', left: left * width, width: (right - left) * width, top: band.top * height, height: (band.bottom - band.top) * height, border: '2px solid #fa8c16', background: 'rgba(250, 173, 20, 0.12)', pointerEvents: 'none', boxSizing: 'border-box' }}
      />
    )
  }

  const at = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect()
    return { x: (e.clientX - rect.left) / rect.width, y: (e.clientY - rect.top) / rect.height, px: e.clientX, py: e.clientY }
  }
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return
    // The viewer's own drag-to-scroll stays out of it while marking.
    e.stopPropagation()
    const p = at(e)
    start.current = { x: p.px, y: p.py }
    setDrag({ y0: p.y, y1: p.y })
    e.currentTarget.setPointerCapture(e.pointerId)
  }
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return
    e.stopPropagation()
    const p = at(e)
    setDrag((d) => (d ? { ...d, y1: p.y } : d))
  }
  const onUp = (e: PointerEvent<HTMLDivElement>) => {
    const s = start.current
    start.current = null
    if (!s || !drag) return
    e.stopPropagation()
    const p = at(e)
    const moved = Math.hypot(p.px - s.x, p.py - s.y)
    if (moved < CLICK_PX) marking.toggleBoundary(p.x)
    else marking.markBand(drag.y0, p.y)
    setDrag(null)
  }

  const { top, bottom, boundaries } = marking.state
  const line = { position: 'absolute' as const, pointerEvents: 'none' as const }
  return (
    <div
      data-testid="band-marking-surface"
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      style={{ position: 'absolute', inset: 0, cursor: 'crosshair', touchAction: 'none' }}
    >
      {marking.horizontal.map((r) => <div key={`h${r}`} style={{ ...line, left: 0, right: 0, top: r * height, borderTop: '1px dashed rgba(22, 119, 255, 0.5)' }} />)}
      {marking.vertical.map((r) => <div key={`v${r}`} style={{ ...line, top: 0, bottom: 0, left: r * width, borderLeft: '1px dashed rgba(22, 119, 255, 0.5)' }} />)}
      {top !== null && bottom !== null && (
        <div data-testid="marked-band" style={{ ...line, left: 0, right: 0, top: top * height, height: (bottom - top) * height, background: 'rgba(250, 173, 20, 0.2)', borderTop: '2px solid #fa8c16', borderBottom: '2px solid #fa8c16' }} />
      )}
      {top !== null && bottom !== null && boundaries.map((b, i) => (
        <div key={`b${b}`} data-testid={`marked-boundary-${i}`} style={{ ...line, left: b * width - 1, top: top * height, height: (bottom - top) * height, borderLeft: '3px solid #d4380d' }} />
      ))}
      {drag && <div style={{ ...line, left: 0, right: 0, top: Math.min(drag.y0, drag.y1) * height, height: Math.abs(drag.y1 - drag.y0) * height, background: 'rgba(250, 173, 20, 0.25)' }} />}
    </div>
  )
}
