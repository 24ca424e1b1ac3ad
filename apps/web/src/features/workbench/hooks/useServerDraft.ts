import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage, HttpError } from '../../../lib/http'
import { compactFields } from '../../entries/issues'
import { saveServerDraft } from '../api'
import type { LocalDraft } from '../storage'

export type ServerDraftState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date }
  | { state: 'offline'; attempts: number; retryAt: number }
  | { state: 'error'; message: string }

const INTERVAL_MS = 3000
const MAX_DELAY_MS = 30_000

/**
 * Sends the entry being keyed to the server every few seconds when it changed (PUT /api/drafts),
 * with the local change counter so that a late answer never overwrites a newer copy. A failed send
 * waits 1 s, 2 s, 4 s ... (at most 30 s) before the next; the local copy is kept meanwhile.
 * `onAlreadySaved` is called when the server says the entry exists already (saved from elsewhere).
 */
export function useServerDraft(draft: LocalDraft | null, onAlreadySaved: (entryId: string, clientTxnId: string) => void) {
  const [status, setStatus] = useState<ServerDraftState>({ state: 'idle' })
  const draftRef = useRef(draft)
  const acked = useRef<{ clientTxnId: string; seq: number } | null>(null)
  const inFlight = useRef(false)
  const failures = useRef(0)
  const nextAttempt = useRef(0)
  const onAlreadySavedRef = useRef(onAlreadySaved)
  useEffect(() => {
    draftRef.current = draft
    onAlreadySavedRef.current = onAlreadySaved
  })

  // A new entry: what was said about the previous one's server copy no longer applies.
  const clientTxnId = draft?.clientTxnId
  useEffect(() => {
    failures.current = 0
    nextAttempt.current = 0
    setStatus({ state: 'idle' })
  }, [clientTxnId])

  const pending = useCallback(() => {
    const d = draftRef.current
    if (!d || d.seq === 0) return null
    const a = acked.current
    return a && a.clientTxnId === d.clientTxnId && a.seq >= d.seq ? null : d
  }, [])

  const tick = useCallback(async (force = false) => {
    const d = pending()
    if (!d || inFlight.current || (!force && Date.now() < nextAttempt.current)) return
    inFlight.current = true
    setStatus({ state: 'saving' })
    try {
      await saveServerDraft(d.clientTxnId, {
        bookId: d.bookId,
        fields: compactFields(d.fields),
        pageIds: d.startPageId ? [d.startPageId] : [],
        illegibleFields: d.illegibleFields,
        seq: d.seq,
        ocr: d.ocr,
      })
      acked.current = { clientTxnId: d.clientTxnId, seq: d.seq }
      failures.current = 0
      nextAttempt.current = 0
      setStatus({ state: 'saved', at: new Date() })
    } catch (err) {
      if (err instanceof HttpError && err.status === 409 && typeof (err.body as { entryId?: unknown }).entryId === 'string') {
        acked.current = { clientTxnId: d.clientTxnId, seq: Number.MAX_SAFE_INTEGER }
        setStatus({ state: 'idle' })
        onAlreadySavedRef.current((err.body as { entryId: string }).entryId, d.clientTxnId)
      } else if (!(err instanceof HttpError) || err.status === 0 || err.status >= 500) {
        failures.current += 1
        const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures.current - 1))
        nextAttempt.current = Date.now() + delay
        setStatus({ state: 'offline', attempts: failures.current, retryAt: nextAttempt.current })
      } else {
        nextAttempt.current = Date.now() + MAX_DELAY_MS
        setStatus({ state: 'error', message: errorMessage(err) })
      }
    } finally {
      inFlight.current = false
    }
  }, [pending])

  useEffect(() => {
    const id = window.setInterval(() => void tick(), INTERVAL_MS)
    const online = () => {
      nextAttempt.current = 0
      void tick(true)
    }
    window.addEventListener('online', online)
    return () => {
      window.clearInterval(id)
      window.removeEventListener('online', online)
    }
  }, [tick])

  return {
    status,
    /** True while the server's copy is behind the local one. */
    behind: pending() !== null,
    saveNow: () => void tick(true),
  }
}
