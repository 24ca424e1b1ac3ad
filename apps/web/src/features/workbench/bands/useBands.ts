import { adjustCorrection, bandOf, fieldCrop, nextBand, type Band, type BandLayout, type PageBandCorrection } from '@hts/domain'
import { App } from 'antd'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { PageView } from '../../scans/api'
import { saveBandCorrection, useBandLayout, useSetBandLayoutCache } from './api'

export type BandKey = 'up' | 'down' | 'taller' | 'shorter'

export interface FieldCropBox {
  left: number
  right: number
  top: number
  bottom: number
  imageUrl: string
  /** Display image size (px), for the crop's aspect ratio. */
  width: number
  height: number
}

interface Options {
  bookId: string
  pages: readonly PageView[]
  viewerPageId: string | null
  /** Turns the viewer to the next page (the workbench's PageDown: the new entry's trang số follows). */
  onNextPage: () => void
  /** Changes when a new entry starts: a page turn asked by a save waits for it. */
  sessionKey: string
  /** False while the keyer marks the bands (nothing follows then). */
  enabled: boolean
}

const CORRECTION_DELAY_MS = 500

/**
 * The current entry's band (issue 16 part 1): which band of which page the entry being keyed is on,
 * the page's correction (Alt+↑/↓ moves it, Alt+Shift+↑/↓ changes its height, saved to the server
 * after a short pause), the crop of each field, and the move to the next band after a save.
 */
export function useBands({ bookId, pages, viewerPageId, onNextPage, sessionKey, enabled }: Options) {
  const { message } = App.useApp()
  const query = useBandLayout(bookId)
  const setCache = useSetBandLayoutCache(bookId)
  const view = query.data
  const layout: BandLayout | null = view?.layout ?? null
  const [position, setPosition] = useState<{ pageId: string; band: number } | null>(null)
  // Corrections typed here and not yet answered by the server win over the cached ones.
  const [local, setLocal] = useState<Record<string, PageBandCorrection>>({})
  const pendingTurn = useRef(false)
  const timers = useRef(new Map<string, number>())

  const page = pages.find((p) => p.id === viewerPageId) ?? null
  const correction = page ? (local[page.id] ?? view?.corrections.find((c) => c.pageId === page.id) ?? null) : null
  const bandIndex = useMemo(() => {
    if (!layout || !page) return 0
    if (position?.pageId === page.id) return position.band
    // A page turned by hand: the first band after the entries already linked to it.
    return Math.min(page.entryCount, layout.perPage - 1)
  }, [layout, page, position])
  const active = enabled && layout !== null && page !== null && page.status === 'ready'
  const band: Band | null = active && layout ? bandOf(layout, bandIndex, correction) : null

  // The page turn a save asked for happens once the next entry has started, so its trang số moves too.
  const latestTurn = useRef(onNextPage)
  useEffect(() => {
    latestTurn.current = onNextPage
  })
  useEffect(() => {
    if (!pendingTurn.current) return
    pendingTurn.current = false
    latestTurn.current()
  }, [sessionKey])

  useEffect(() => () => {
    for (const id of timers.current.values()) window.clearTimeout(id)
  }, [])

  /** After a save: the next band, or the next page's first band after the page's last. */
  const afterSave = useCallback(() => {
    if (!active || !layout || !page) return
    const index = pages.findIndex((p) => p.id === page.id)
    const next = nextBand(layout, { pageIndex: index, band: bandIndex }, pages.length)
    const target = pages[next.pageIndex]
    if (!target) return
    setPosition({ pageId: target.id, band: next.band })
    if (target.id !== page.id) pendingTurn.current = true
  }, [active, layout, page, pages, bandIndex])

  /** Alt+↑/↓ and Alt+Shift+↑/↓: false when there is no band (the keys then scroll the image). */
  const key = useCallback((action: BandKey): boolean => {
    if (!active || !page) return false
    const steps = action === 'up' ? -1 : action === 'down' ? 1 : 0
    const scaleSteps = action === 'taller' ? 1 : action === 'shorter' ? -1 : 0
    const next = adjustCorrection(page.id, correction, steps, scaleSteps)
    setLocal((l) => ({ ...l, [page.id]: next }))
    const pageId = page.id
    const previous = timers.current.get(pageId)
    if (previous) window.clearTimeout(previous)
    timers.current.set(pageId, window.setTimeout(() => {
      timers.current.delete(pageId)
      saveBandCorrection(pageId, { dy: next.dy, ...(next.scale !== undefined && { scale: next.scale }) })
        .then((saved) => {
          setCache(saved)
          setLocal((l) => {
            if (l[pageId] !== next) return l
            const { [pageId]: _done, ...rest } = l
            return rest
          })
        })
        .catch((e: unknown) => void message.error(`Không lưu được chỉnh dải dòng của trang: ${e instanceof Error ? e.message : String(e)}`))
    }, CORRECTION_DELAY_MS))
    return true
  }, [active, page, correction, setCache, message])

  const crop = useCallback((fieldKey: string): FieldCropBox | null => {
    if (!layout || !band || !page?.imageUrl) return null
    const box = fieldCrop(layout, band, fieldKey)
    return box ? { ...box, imageUrl: page.imageUrl, width: page.width ?? 1131, height: page.height ?? 1600 } : null
  }, [layout, band, page])

  /** The part of the page the viewer brings into view: the band across its columns. */
  const focus = useMemo(() => {
    if (!layout || !band) return null
    const left = Math.min(...layout.columns.map((c) => c.left))
    const right = Math.max(...layout.columns.map((c) => c.right))
    return { top: band.top, bottom: band.bottom, left, right }
  }, [layout, band])

  return { view, loading: query.isLoading, layout, band, bandIndex, active, afterSave, key, crop, focus, setCache }
}
export type BandsState = ReturnType<typeof useBands>
