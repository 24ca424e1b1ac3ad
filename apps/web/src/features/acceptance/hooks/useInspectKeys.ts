import { useEffect, useRef } from 'react'

export interface InspectKeyHandlers {
  /** Ctrl+Enter: save what is marked (nothing marked = the entry is right), then the next entry to inspect. */
  save: () => void
  /** PageDown / PageUp: the next or previous scan of the book. */
  page: (step: 1 | -1) => void
}

const inOpenList = (el: EventTarget | null) => el instanceof HTMLElement && el.getAttribute('aria-expanded') === 'true'

/**
 * The inspection screen's shortcuts, on the whole window (capture) so that they work wherever the
 * focus is; the same keys as the review screen, so a checker who also inspects has one set to learn.
 */
export function useInspectKeys(handlers: InspectKeyHandlers, enabled: boolean): void {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey
      if (ctrl && !e.altKey && !e.shiftKey && e.key === 'Enter') latest.current.save()
      else if ((e.key === 'PageDown' || e.key === 'PageUp') && !ctrl && !e.altKey && !inOpenList(e.target)) latest.current.page(e.key === 'PageDown' ? 1 : -1)
      else return
      e.preventDefault()
      e.stopPropagation()
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [enabled])
}
