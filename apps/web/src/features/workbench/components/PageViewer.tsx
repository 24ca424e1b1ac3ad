import { LeftOutlined, MinusOutlined, PlusOutlined, RedoOutlined, RightOutlined, ExpandOutlined } from '@ant-design/icons'
import { Button, Empty, Space, Tooltip, Typography } from 'antd'
import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent, type ReactNode } from 'react'
import type { PageView } from '../../scans/api'

export interface ViewerSettings {
  zoom: number
  /** Turn for reading only (degrees clockwise); the stored page is turned on the book screen. */
  rotation: 0 | 90 | 180 | 270
  contrast: number
  brightness: number
}

export const DEFAULT_VIEWER: ViewerSettings = { zoom: 1, rotation: 0, contrast: 1, brightness: 1 }
export const CONTRAST_STEPS = [1, 1.3, 1.6, 2]
export const BRIGHTNESS_STEPS = [1, 1.15, 1.3, 0.85]

// Decoded images of the pages around the current one, so that turning the page shows it at once.
const preloaded = new Map<string, HTMLImageElement>()
const PRELOAD_KEEP = 8

function preload(url: string): void {
  if (preloaded.has(url)) return
  const img = new Image()
  img.decoding = 'async'
  img.src = url
  img.decode().catch(() => preloaded.delete(url))
  preloaded.set(url, img)
  while (preloaded.size > PRELOAD_KEEP) {
    const oldest = preloaded.keys().next().value
    if (oldest === undefined) break
    preloaded.delete(oldest)
  }
}

interface Props {
  pages: readonly PageView[]
  index: number
  settings: ViewerSettings
  onSettings: (s: ViewerSettings) => void
  onStep: (step: 1 | -1) => void
  /** Pages ahead to load before they are asked for (0 turns preloading off, for measuring). */
  preloadAhead?: number
  /** Drawn over the unrotated page image at its displayed size (the row bands, bands/BandOverlay.tsx). */
  overlay?: ((size: { width: number; height: number }) => ReactNode) | undefined
  /** Part of the page (fractions) the view brings to its middle whenever it changes: the current entry's band. */
  focus?: { top: number; bottom: number; left: number; right: number } | null | undefined
}

const cycle = (steps: readonly number[], value: number) => steps[(steps.indexOf(value) + 1) % steps.length] ?? steps[0] ?? 1

export function PageViewer({ pages, index, settings, onSettings, onStep, preloadAhead = 2, overlay, focus }: Props) {
  const page = pages[index]
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(600)
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null)

  useLayoutEffect(() => {
    const el = box.current
    if (!el) return
    const observer = new ResizeObserver(() => setWidth(el.clientWidth - 16))
    observer.observe(el)
    setWidth(el.clientWidth - 16)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    for (let k = 1; k <= preloadAhead; k++) {
      const url = pages[index + k]?.imageUrl
      if (url) preload(url)
    }
    const previous = preloadAhead > 0 ? pages[index - 1]?.imageUrl : null
    if (previous) preload(previous)
  }, [pages, index, preloadAhead])

  // A new page starts at its top.
  useEffect(() => {
    box.current?.scrollTo({ top: 0 })
  }, [page?.id])

  // The current band in the middle of the view (after the page's own scroll to its top above).
  const focusKey = focus ? `${focus.top}:${focus.bottom}:${focus.left}:${focus.right}` : ''
  useEffect(() => {
    const el = box.current
    if (!el || !focus || settings.rotation !== 0) return
    const w = Math.max(100, width * settings.zoom)
    const h = w * ((page?.height ?? 1414) / (page?.width ?? 1000))
    el.scrollTo({ top: 8 + ((focus.top + focus.bottom) / 2) * h - el.clientHeight / 2, left: 8 + ((focus.left + focus.right) / 2) * w - el.clientWidth / 2 })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey, page?.id, settings.zoom, settings.rotation, width])

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const el = box.current
    if (!el || e.button !== 0) return
    drag.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop }
    el.setPointerCapture(e.pointerId)
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const el = box.current
    const d = drag.current
    if (!el || !d) return
    el.scrollLeft = d.left - (e.clientX - d.x)
    el.scrollTop = d.top - (e.clientY - d.y)
  }

  const sideways = settings.rotation === 90 || settings.rotation === 270
  const natural = { w: page?.width ?? 1000, h: page?.height ?? 1414 }
  const boxW = Math.max(100, width * settings.zoom)
  // Turned sideways, the image's height fills the width; the stage is the turned image's box.
  const imgW = sideways ? boxW * (natural.w / natural.h) : boxW
  const imgH = sideways ? boxW : boxW * (natural.h / natural.w)
  const stageH = sideways ? imgW : imgH
  const set = (patch: Partial<ViewerSettings>) => onSettings({ ...settings, ...patch })

  return (
    <section aria-label="Ảnh trang sổ" style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Space wrap size={4} style={{ padding: '4px 0' }}>
        <Tooltip title="Trang trước (PageUp)">
          <Button size="small" icon={<LeftOutlined />} onClick={() => onStep(-1)} disabled={index <= 0} aria-label="Trang trước" />
        </Tooltip>
        <Typography.Text strong data-testid="page-indicator" style={{ minWidth: 110, textAlign: 'center', display: 'inline-block' }}>
          {pages.length > 0 ? `Trang ảnh ${index + 1}/${pages.length}` : 'Chưa có ảnh'}
        </Typography.Text>
        <Tooltip title="Trang sau (PageDown)">
          <Button size="small" icon={<RightOutlined />} onClick={() => onStep(1)} disabled={index >= pages.length - 1} aria-label="Trang sau" />
        </Tooltip>
        <Tooltip title="Thu nhỏ (Alt+-)">
          <Button size="small" icon={<MinusOutlined />} onClick={() => set({ zoom: Math.max(0.5, settings.zoom / 1.25) })} aria-label="Thu nhỏ" />
        </Tooltip>
        <Typography.Text type="secondary">{Math.round(settings.zoom * 100)}%</Typography.Text>
        <Tooltip title="Phóng to (Alt+=)">
          <Button size="small" icon={<PlusOutlined />} onClick={() => set({ zoom: Math.min(5, settings.zoom * 1.25) })} aria-label="Phóng to" />
        </Tooltip>
        <Tooltip title="Vừa khung (Alt+0)">
          <Button size="small" icon={<ExpandOutlined />} onClick={() => set({ zoom: 1 })} aria-label="Vừa khung" />
        </Tooltip>
        <Tooltip title="Xoay để đọc (Alt+R)">
          <Button size="small" icon={<RedoOutlined />} onClick={() => set({ rotation: ((settings.rotation + 90) % 360) as ViewerSettings['rotation'] })} aria-label="Xoay ảnh" />
        </Tooltip>
        <Tooltip title="Độ tương phản (Alt+C)">
          <Button size="small" onClick={() => set({ contrast: cycle(CONTRAST_STEPS, settings.contrast) })}>
            Tương phản {Math.round(settings.contrast * 100)}%
          </Button>
        </Tooltip>
        <Tooltip title="Độ sáng (Alt+B)">
          <Button size="small" onClick={() => set({ brightness: cycle(BRIGHTNESS_STEPS, settings.brightness) })}>
            Sáng {Math.round(settings.brightness * 100)}%
          </Button>
        </Tooltip>
      </Space>
      <div
        ref={box}
        data-testid="page-viewer"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        style={{ flex: 1, minHeight: 0, overflow: 'auto', background: '#3f3f46', padding: 8, cursor: 'grab', borderRadius: 6, touchAction: 'none' }}
      >
        {!page && <Empty description="Sổ chưa có ảnh quét: tải ảnh lên ở trang của sổ." style={{ color: '#fff', marginTop: 48 }} />}
        {page && page.status !== 'ready' && (
          <Typography.Text style={{ color: '#fff' }}>{page.status === 'pending' ? 'Ảnh trang này đang được xử lý…' : `Không dựng được ảnh trang này: ${page.error ?? ''}`}</Typography.Text>
        )}
        {page?.imageUrl && page.status === 'ready' && (
          <div style={{ position: 'relative', width: boxW, height: stageH, margin: '0 auto' }}>
            <img
              key={page.id}
              src={page.imageUrl}
              alt={`Ảnh trang ${page.position}`}
              data-testid="page-image"
              data-page-id={page.id}
              draggable={false}
              style={{
                position: 'absolute',
                left: '50%',
                top: '50%',
                width: imgW,
                height: imgH,
                transform: `translate(-50%, -50%) rotate(${settings.rotation}deg)`,
                filter: `contrast(${settings.contrast}) brightness(${settings.brightness})`,
                background: '#fff',
                userSelect: 'none',
              }}
            />
            {settings.rotation === 0 && overlay?.({ width: imgW, height: imgH })}
          </div>
        )}
      </div>
    </section>
  )
}
