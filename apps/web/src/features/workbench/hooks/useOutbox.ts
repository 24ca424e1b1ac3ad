import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage, HttpError } from '../../../lib/http'
import { createEntry, savedDraftOf, type EntryView } from '../../entries/api'
import { saveSecondKeying, type SecondKeyingResult } from '../api'
import { loadOutbox, storeOutbox, type OutboxItem } from '../storage'

export interface OutboxFailure {
  message: string
  /** Set when the entry was created but could not be marked done: open it in the entry screen. */
  entryId: string | null
}

export interface OutboxRetry {
  attempts: number
  /** When the next attempt is due (ms since epoch). */
  at: number
}

const MAX_DELAY_MS = 30_000

/** The second keying's result, or null when nobody keyed this số yet (the save is then the first keying). */
async function secondKeyingOf(item: OutboxItem): Promise<SecondKeyingResult | null> {
  try {
    return await saveSecondKeying(item.bookId, item.fields, item.clientTxnId)
  } catch (err) {
    if (err instanceof HttpError && err.code === 'no_first_keying') return null
    throw err
  }
}

/** A lost connection, a server restart or a busy server: trying again later can succeed. */
function retryable(err: unknown): boolean {
  return !(err instanceof HttpError) || err.status === 0 || err.status === 429 || err.status >= 500
}

/**
 * Saves waiting to reach the server, in order, kept in the browser until the server has them. Each
 * carries its client transaction id: a save retried after a lost answer returns the entry already
 * created instead of making a second one. Network failures are retried with growing pauses (1 s,
 * 2 s, 4 s ... 30 s) and at once when the browser says it is online again; a refusal (e.g. errors
 * found by the server) stops that item and says why, the others go on.
 */
export function useOutbox(userId: string, onSaved: (entry: EntryView, item: OutboxItem) => void, onSecondKeyed: (result: SecondKeyingResult, item: OutboxItem) => void = () => undefined) {
  const [items, setItems] = useState<OutboxItem[]>(() => loadOutbox(userId))
  const [failures, setFailures] = useState<Record<string, OutboxFailure>>({})
  const [retry, setRetry] = useState<OutboxRetry | null>(null)
  const [sending, setSending] = useState<string | null>(null)
  const [storageFailed, setStorageFailed] = useState(false)
  const itemsRef = useRef(items)
  const failuresRef = useRef(failures)
  const busy = useRef(false)
  const attempts = useRef(0)
  const timer = useRef<number | undefined>(undefined)
  const onSavedRef = useRef(onSaved)
  const onSecondKeyedRef = useRef(onSecondKeyed)
  useEffect(() => {
    onSavedRef.current = onSaved
    onSecondKeyedRef.current = onSecondKeyed
  })

  const persist = useCallback(
    (next: OutboxItem[]) => {
      itemsRef.current = next
      setItems(next)
      setStorageFailed(!storeOutbox(userId, next))
    },
    [userId],
  )

  const fail = (clientTxnId: string, failure: OutboxFailure) => {
    failuresRef.current = { ...failuresRef.current, [clientTxnId]: failure }
    setFailures(failuresRef.current)
  }

  const kick = useCallback(async (): Promise<void> => {
    if (busy.current) return
    const item = itemsRef.current.find((i) => !failuresRef.current[i.clientTxnId])
    if (!item) return
    busy.current = true
    window.clearTimeout(timer.current)
    setSending(item.clientTxnId)
    let created: EntryView | null = null
    let next = true
    try {
      // A double-keyed book: the second keying when another keyer keyed this số (blind: their values never come back).
      const second = item.doubleKeying ? await secondKeyingOf(item) : null
      // Save and "keyed" in one request: a retry with the same clientTxnId never makes a second entry.
      const entry = second ? null : (created = await createEntry(item.bookId, item.fields, item.clientTxnId, { pageIds: item.pageIds, illegibleFields: item.illegibleFields, complete: item.complete, ...(item.duplicatesSeen?.length && { duplicatesSeen: item.duplicatesSeen }), ...(item.ocr?.length && { ocr: item.ocr }) }))
      attempts.current = 0
      setRetry(null)
      persist(itemsRef.current.filter((i) => i.clientTxnId !== item.clientTxnId))
      if (second) onSecondKeyedRef.current(second, item)
      if (entry) onSavedRef.current(entry, item)
    } catch (err) {
      if (retryable(err)) {
        attempts.current += 1
        const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (attempts.current - 1))
        setRetry({ attempts: attempts.current, at: Date.now() + delay })
        timer.current = window.setTimeout(() => void kick(), delay)
        next = false
      } else {
        attempts.current = 0
        setRetry(null)
        fail(item.clientTxnId, { message: errorMessage(err), entryId: created?.id ?? savedDraftOf(err)?.id ?? null })
      }
    } finally {
      busy.current = false
      setSending(null)
    }
    // The next item right away, unless this one waits for its retry.
    if (next) void kick()
  }, [persist])

  useEffect(() => {
    const online = () => {
      attempts.current = 0
      void kick()
    }
    window.addEventListener('online', online)
    void kick()
    return () => {
      window.removeEventListener('online', online)
      window.clearTimeout(timer.current)
    }
  }, [kick])

  return {
    items,
    failures,
    retry,
    sending,
    storageFailed,
    enqueue(item: OutboxItem) {
      persist([...itemsRef.current, item])
      void kick()
    },
    retryNow() {
      attempts.current = 0
      window.clearTimeout(timer.current)
      void kick()
    },
    /** Takes an item out of the queue (the keyer reopens it in the form, or gives it up). */
    remove(clientTxnId: string): OutboxItem | undefined {
      const item = itemsRef.current.find((i) => i.clientTxnId === clientTxnId)
      persist(itemsRef.current.filter((i) => i.clientTxnId !== clientTxnId))
      const { [clientTxnId]: _dropped, ...rest } = failuresRef.current
      failuresRef.current = rest
      setFailures(rest)
      return item
    },
  }
}
