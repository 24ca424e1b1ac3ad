import type { EntryFields, OcrProvenance } from '@hts/domain'
import { useCallback, useEffect, useRef, useState } from 'react'
import { randomId } from '../../../lib/id'
import { newLocalDraft, storeLocalDraft, type LocalDraft } from '../storage'

/**
 * The entry being keyed: its client transaction id, values, illegible flags and the page it was
 * started on. Every change is written to the browser's storage at once (a closed tab loses nothing);
 * `seq` counts changes, 0 meaning "nothing typed yet" (only carried-forward values).
 */
export function useKeyingSession(userId: string, initial: LocalDraft) {
  const [session, setSession] = useState<LocalDraft>(initial)
  const [storageFailed, setStorageFailed] = useState(false)
  const sessionRef = useRef(session)

  useEffect(() => {
    sessionRef.current = session
    if (session.seq > 0) setStorageFailed(!storeLocalDraft(userId, { ...session, savedAt: new Date().toISOString() }))
  }, [session, userId])

  /** A change by the keyer; the first one fixes the page the entry starts on. */
  const change = useCallback((update: (fields: EntryFields) => EntryFields, viewerPageId: string | null) => {
    setSession((s) => ({ ...s, fields: update(s.fields), seq: s.seq + 1, startPageId: s.seq === 0 ? viewerPageId : s.startPageId }))
  }, [])

  const toggleIllegible = useCallback((key: string, viewerPageId: string | null) => {
    setSession((s) => ({
      ...s,
      illegibleFields: s.illegibleFields.includes(key) ? s.illegibleFields.filter((k) => k !== key) : [...s.illegibleFields, key],
      seq: s.seq + 1,
      startPageId: s.seq === 0 ? viewerPageId : s.startPageId,
    }))
  }, [])

  /** Values the screen sets itself (page number while nothing is typed): not a change by the keyer. */
  const setQuietly = useCallback((key: string, value: string) => {
    setSession((s) => (s.fields[key] === value ? s : { ...s, fields: { ...s.fields, [key]: value } }))
  }, [])

  const startNew = useCallback((bookId: string, fields: EntryFields) => {
    setSession(newLocalDraft(bookId, randomId(), fields, null))
  }, [])

  const replace = useCallback((draft: LocalDraft) => setSession(draft), [])

  /** The OCR proposals the keyer passed over (it goes with a value change, which counts the change). */
  const setOcr = useCallback((update: (ocr: OcrProvenance) => OcrProvenance) => {
    setSession((s) => ({ ...s, ocr: update(s.ocr ?? []) }))
  }, [])

  return { session, sessionRef, storageFailed, change, toggleIllegible, setQuietly, startNew, replace, setOcr }
}
