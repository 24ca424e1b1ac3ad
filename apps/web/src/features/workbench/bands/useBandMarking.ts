import { bandsThatFit, columnsFromBoundaries, snapToRule, type BandLayoutInput, type PageRulesView } from '@hts/domain'
import { useCallback, useMemo, useState } from 'react'

export interface MarkingState {
  top: number | null
  bottom: number | null
  /** Column boundaries clicked (fractions of the page width), sorted. */
  boundaries: number[]
  /** Field of each column chosen by the keyer; a column without one takes the default order's. */
  keys: Record<number, string>
  perPage: number | null
}

const EMPTY: MarkingState = { top: null, bottom: null, boundaries: [], keys: {}, perPage: null }
/** A click this close to a boundary (fraction of the width) takes it away again. */
const REMOVE_WITHIN = 0.008

/**
 * Marking a book's bands on a page (issue 16 part 1): drag the band of one entry, click the column
 * boundaries; both snap to the ruled lines the server found on the page. `defaultKeys` is the form's
 * order (the type's page layout), which the keyer changes column by column.
 */
export function useBandMarking(defaultKeys: readonly string[], rules: PageRulesView | undefined, open: boolean, setOpen: (open: boolean) => void) {
  const [state, setState] = useState<MarkingState>(EMPTY)
  const horizontal = useMemo(() => rules?.horizontal ?? [], [rules])
  const vertical = useMemo(() => rules?.vertical ?? [], [rules])

  const start = useCallback((from?: BandLayoutInput | null) => {
    setOpen(true)
    if (!from) return setState(EMPTY)
    const xs = [...new Set(from.columns.flatMap((c) => [c.left, c.right]))].sort((a, b) => a - b)
    setState({ top: from.top, bottom: from.top + from.height, boundaries: xs, keys: Object.fromEntries(from.columns.map((c, i) => [i, c.key])), perPage: from.perPage })
  }, [setOpen])
  const cancel = useCallback(() => setOpen(false), [setOpen])

  /** A drag from y0 to y1 (fractions): the band of one entry, its edges on the nearest rules. */
  const markBand = useCallback((y0: number, y1: number) => {
    const top = snapToRule(Math.min(y0, y1), horizontal)
    const bottom = snapToRule(Math.max(y0, y1), horizontal)
    if (bottom - top < 0.005) return
    setState((s) => ({ ...s, top, bottom, perPage: null }))
  }, [horizontal])

  /** A click at x: a column boundary (on the nearest vertical rule), or one taken away. */
  const toggleBoundary = useCallback((x: number) => {
    setState((s) => {
      const near = s.boundaries.find((b) => Math.abs(b - x) <= REMOVE_WITHIN)
      if (near !== undefined) return { ...s, boundaries: s.boundaries.filter((b) => b !== near) }
      const snapped = snapToRule(x, vertical)
      return { ...s, boundaries: [...new Set([...s.boundaries, snapped])].sort((a, b) => a - b) }
    })
  }, [vertical])

  const setKey = useCallback((column: number, key: string) => setState((s) => ({ ...s, keys: { ...s.keys, [column]: key } })), [])
  const setPerPage = useCallback((n: number | null) => setState((s) => ({ ...s, perPage: n })), [])

  const columnKeys = useMemo(
    () => Array.from({ length: Math.max(0, state.boundaries.length - 1) }, (_, i) => state.keys[i] ?? defaultKeys[i] ?? ''),
    [state.boundaries.length, state.keys, defaultKeys],
  )
  // Bands that fit down to the last ruled line below the band (or the page's foot).
  const { top: markedTop, bottom: markedBottom } = state
  const fitted = useMemo(() => {
    const top = markedTop
    const bottom = markedBottom
    if (top === null || bottom === null) return null
    const lastRule = horizontal.filter((r) => r > top + 0.001).at(-1)
    return bandsThatFit(top, bottom - top, lastRule !== undefined && lastRule > bottom ? lastRule + 0.001 : 0.98)
  }, [markedTop, markedBottom, horizontal])

  const layout: BandLayoutInput | null = useMemo(() => {
    if (state.top === null || state.bottom === null) return null
    const columns = columnsFromBoundaries(state.boundaries, columnKeys).filter((c) => c.key !== '')
    if (columns.length === 0) return null
    return { top: state.top, height: state.bottom - state.top, perPage: state.perPage ?? fitted ?? 1, columns }
  }, [state, columnKeys, fitted])

  return { open, state, start, cancel, markBand, toggleBoundary, setKey, setPerPage, columnKeys, fitted, layout, horizontal, vertical }
}
export type BandMarking = ReturnType<typeof useBandMarking>
