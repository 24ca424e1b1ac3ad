import { useEffect, useRef } from 'react'

export type ViewerAction = 'zoomIn' | 'zoomOut' | 'fit' | 'rotate' | 'contrast' | 'brightness'

export interface ReviewKeyHandlers {
  /** Ctrl+Enter: the main action (approve, check or complete again), then the next entry. */
  main: () => void
  /** Ctrl+Shift+Enter: only "checked", when the main action is approving. */
  checkOnly: () => void
  /** Alt+T (trả lại): asks the reason, then returns the entry to its keyer. */
  returnEntry: () => void
  /** F8: the next field that needs attention. */
  nextHighlight: () => void
  page: (step: 1 | -1) => void
  viewer: (action: ViewerAction) => void
}

// The page viewer's keys are the workbench's, so that a keyer who also checks has one set to learn.
const VIEWER_KEYS: Record<string, ViewerAction> = {
  Equal: 'zoomIn', NumpadAdd: 'zoomIn', Minus: 'zoomOut', NumpadSubtract: 'zoomOut', Digit0: 'fit', Numpad0: 'fit',
  KeyR: 'rotate', KeyC: 'contrast', KeyB: 'brightness',
}

const inOpenList = (el: EventTarget | null) => el instanceof HTMLElement && el.getAttribute('aria-expanded') === 'true'

/**
 * The review screen's shortcuts, on the whole window (capture) so that they work wherever the focus
 * is, read by key position (e.code) so that a Vietnamese input method does not change them.
 * `enabled` is false while a dialog is open: it has its own keys.
 */
export function useReviewKeys(handlers: ReviewKeyHandlers, enabled: boolean): void {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (e: KeyboardEvent) => {
      const h = latest.current
      const ctrl = e.ctrlKey || e.metaKey
      let handled = true
      if (ctrl && !e.altKey && e.key === 'Enter') (e.shiftKey ? h.checkOnly : h.main)()
      else if (e.altKey && !ctrl && e.code === 'KeyT') h.returnEntry()
      else if (e.key === 'F8') h.nextHighlight()
      else if ((e.key === 'PageDown' || e.key === 'PageUp') && !ctrl && !e.altKey && !inOpenList(e.target)) h.page(e.key === 'PageDown' ? 1 : -1)
      else if (e.altKey && !ctrl && VIEWER_KEYS[e.code]) h.viewer(VIEWER_KEYS[e.code] ?? 'fit')
      else handled = false
      if (handled) {
        e.preventDefault()
        e.stopPropagation()
      }
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [enabled])
}
