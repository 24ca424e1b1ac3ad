import { useEffect, useRef } from 'react'

/** Ctrl+S (Cmd+S on a Mac) calls `onSave` instead of the browser's "save page". */
export function useSaveShortcut(onSave: () => void, enabled = true): void {
  const latest = useRef(onSave)
  useEffect(() => {
    latest.current = onSave
  })

  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault()
        latest.current()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [enabled])
}
