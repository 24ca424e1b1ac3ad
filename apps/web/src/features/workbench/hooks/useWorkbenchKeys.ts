import { useEffect, useRef } from 'react'

export interface WorkbenchKeyHandlers {
  help: () => void
  /** Esc: closes the help or the numbering panel; false when none was open (the key goes on). */
  close: () => boolean
  saveAndNext: (complete: boolean) => void
  saveDraftNow: () => void
  page: (step: 1 | -1) => void
  toggleIllegible: () => void
  firstProblem: () => void
  titleCase: () => void
  toggleMore: () => void
  numbering: () => void
  /** Alt+G: the marginal notes (ghi chú) of the entry just saved. */
  notes: () => void
  viewer: (action: 'zoomIn' | 'zoomOut' | 'fit' | 'rotate' | 'contrast' | 'brightness' | 'down' | 'up') => void
  /** Alt+↑/↓ and Alt+Shift+↑/↓ on a book with row bands: the page's band moves or changes height; false when there is none. */
  band?: (action: 'up' | 'down' | 'taller' | 'shorter') => boolean
}

const VIEWER_KEYS: Record<string, Parameters<WorkbenchKeyHandlers['viewer']>[0]> = {
  Equal: 'zoomIn', NumpadAdd: 'zoomIn', Minus: 'zoomOut', NumpadSubtract: 'zoomOut', Digit0: 'fit', Numpad0: 'fit',
  KeyR: 'rotate', KeyC: 'contrast', KeyB: 'brightness', ArrowDown: 'down', ArrowUp: 'up',
}

/** An open code list keeps its own keys: PageDown scrolls it, Enter picks (a suggestion box's list uses neither). */
const inOpenList = (el: EventTarget | null) =>
  el instanceof HTMLElement && el.getAttribute('role') === 'combobox' && !el.hasAttribute('data-suggest-input') && el.getAttribute('aria-expanded') === 'true'

/**
 * The workbench's shortcuts (listed by F1), on the whole window so that they work from any field.
 * Keys are read by their position (e.code) so that a Vietnamese input method does not change them.
 */
export function useWorkbenchKeys(handlers: WorkbenchKeyHandlers, enabled = true): void {
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
      if (e.key === 'F1') h.help()
      else if (e.key === 'Escape') handled = h.close()
      else if (ctrl && e.key === 'Enter') h.saveAndNext(!e.shiftKey)
      else if (ctrl && !e.altKey && e.code === 'KeyS') h.saveDraftNow()
      else if (ctrl && !e.altKey && e.code === 'KeyI') h.toggleIllegible()
      else if (e.key === 'F8') h.firstProblem()
      else if ((e.key === 'PageDown' || e.key === 'PageUp') && !ctrl && !e.altKey && !inOpenList(e.target)) h.page(e.key === 'PageDown' ? 1 : -1)
      else if (e.altKey && !ctrl && e.code === 'KeyT') h.titleCase()
      else if (e.altKey && !ctrl && e.code === 'KeyM') h.toggleMore()
      else if (e.altKey && !ctrl && e.code === 'KeyN') h.numbering()
      else if (e.altKey && !ctrl && e.code === 'KeyG') h.notes()
      else if (e.altKey && !ctrl && (e.code === 'ArrowUp' || e.code === 'ArrowDown') && !inOpenList(e.target) && h.band?.(e.shiftKey ? (e.code === 'ArrowUp' ? 'shorter' : 'taller') : e.code === 'ArrowUp' ? 'up' : 'down')) {
        // The band moved: the image follows it by itself.
      } else if (e.altKey && !ctrl && VIEWER_KEYS[e.code] && !(e.code.startsWith('Arrow') && inOpenList(e.target))) h.viewer(VIEWER_KEYS[e.code] ?? 'fit')
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
