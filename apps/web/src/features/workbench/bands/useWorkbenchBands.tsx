import type { BookTypeCode, FieldDef } from '@hts/domain'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { PageView } from '../../scans/api'
import type { ViewerSettings } from '../components/PageViewer'
import { keyingLayout } from '../layouts'
import { usePageRules } from './api'
import { BandMarkingPanel } from './BandMarkingPanel'
import { BandOverlay } from './BandOverlay'
import { BandToolbar } from './BandToolbar'
import { FieldCrop } from './FieldCrop'
import { useBands, type BandKey } from './useBands'
import { useBandMarking } from './useBandMarking'

interface Options {
  bookId: string
  bookType: BookTypeCode
  fields: readonly FieldDef[]
  pages: readonly PageView[]
  viewerPage: PageView | null
  sessionKey: string
  stepPage: (step: 1 | -1) => void
  setViewer: (update: (v: ViewerSettings) => ViewerSettings) => void
}

// The page number is written once per page, not in an entry's row.
const NOT_A_COLUMN = new Set(['trangSo'])

/**
 * Everything the workbench needs for row bands (issue 16 part 1), so that its own file only wires it
 * in: the overlay on the page, the part of the page to bring into view, the toolbar and marking panel,
 * the crop beside each field, the move after a save and the band keys.
 */
export function useWorkbenchBands({ bookId, bookType, fields, pages, viewerPage, sessionKey, stepPage, setViewer }: Options) {
  const defaultKeys = useMemo(() => keyingLayout(bookType).sections.flatMap((s) => s.fields.map((f) => f.key)).filter((k) => !NOT_A_COLUMN.has(k)), [bookType])
  const viewerPageId = viewerPage?.id ?? null
  const [markingOpen, setMarkingOpen] = useState(false)
  // The rules are asked only while marking (the server reads the whole image for them).
  const markingRules = usePageRules(viewerPageId, markingOpen && viewerPage?.status === 'ready')
  const marking = useBandMarking(defaultKeys, markingRules.data, markingOpen, setMarkingOpen)
  const bands = useBands({ bookId, pages, viewerPageId, onNextPage: () => stepPage(1), sessionKey, enabled: !marking.open })

  // The band's columns fill the view's width (never smaller than the page fitted to it).
  const span = bands.focus ? bands.focus.right - bands.focus.left : null
  useEffect(() => {
    if (span === null) return
    const zoom = Math.round(Math.min(3, Math.max(1, 1 / span)) * 100) / 100
    setViewer((v) => (v.zoom === zoom ? v : { ...v, zoom }))
  }, [span, bands.view?.version, setViewer])

  const startMarking = useCallback(() => {
    marking.start(bands.layout)
    setViewer((v) => ({ ...v, zoom: 1, rotation: 0 }))
  }, [marking, bands.layout, setViewer])

  const overlay = useCallback(
    (size: { width: number; height: number }): ReactNode => (
      <BandOverlay width={size.width} height={size.height} marking={marking.open ? marking : null} layout={bands.layout} band={bands.band} />
    ),
    [marking, bands.layout, bands.band],
  )

  const beside = useCallback((key: string): ReactNode => {
    const box = bands.crop(key)
    return box ? <FieldCrop fieldKey={key} box={box} /> : null
  }, [bands])

  return {
    afterSave: bands.afterSave,
    key: (action: BandKey) => bands.key(action),
    overlay,
    focus: marking.open ? null : bands.focus,
    beside: bands.active ? beside : undefined,
    toolbar: <BandToolbar bands={bands} marking={marking.open} onMark={startMarking} />,
    panel: marking.open ? (
      <BandMarkingPanel bookId={bookId} marking={marking} fields={fields} view={bands.view} rulesFound={(markingRules.data?.horizontal.length ?? 0) > 0} onSaved={bands.setCache} />
    ) : null,
  }
}
