import type { EntryFields, OcrPageStatus, OcrProvenance } from '@hts/domain'
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { errorMessage } from '../../../lib/http'
import { ocrKeys, rereadPage, useBookOcr, usePageOcr } from '../../ocr/api'
import type { PageView } from '../../scans/api'
import { chooseBlock, existingEntries, fieldViews, passOver, pendingKeys, withProposals, type OcrFieldView } from './proposals'

export interface OcrSession {
  clientTxnId: string
  fields: EntryFields
  ocr?: OcrProvenance | undefined
}

interface Options {
  bookId: string
  pages: readonly PageView[]
  /** The page the entry is read from (the viewer's page until the entry starts, then its first page). */
  pageId: string | null
  session: OcrSession
  /** Visible fields in keying order. */
  order: readonly string[]
  /** This keyer's saves not yet in the page list (outbox, saved since): their số and first page. */
  local: ReadonlyArray<{ so: string | undefined; pageId: string | null | undefined }>
  /** Sets a field's value as the keyer's (the proposal passed over with Tab/Enter). */
  accept: (key: string, value: string) => void
  /** Updates the entry's OCR provenance. */
  record: (update: (p: OcrProvenance) => OcrProvenance) => void
}

export interface OcrPageState {
  status: OcrPageStatus
  confidence: number | null
  error: string | null
}

/** A text box (a place's suggestion box included), not a code list: its text can be selected. */
const textInput = (el: Element | null): el is HTMLInputElement =>
  el instanceof HTMLInputElement && (el.getAttribute('role') !== 'combobox' || el.hasAttribute('data-suggest-input'))

const NO_PROVENANCE: OcrProvenance = []
const NO_KEYS: ReadonlySet<string> = new Set()

/**
 * OCR proposals in the workbench (issue 16). The read page's block for this entry is shown in the
 * empty fields as proposals; a proposal becomes the field's value only when the keyer leaves the
 * field (Tab/Enter: accepted), or is replaced by what the keyer types (changed). Both are kept as
 * the entry's provenance and sent with the save; a save with proposals left is refused by the screen.
 */
export function useOcrProposals({ bookId, pages, pageId, session, order, local, accept, record }: Options) {
  const book = useBookOcr(bookId)
  const on = Boolean(book.data?.available && book.data.enabled)
  const read = usePageOcr(pageId, on)
  const pageOcr = on && read.data && read.data.pageId === pageId ? read.data : null

  // Fields the keyer changed in this entry: a proposal arriving later never takes their place.
  const [touched, setTouched] = useState<{ txn: string; keys: ReadonlySet<string> }>({ txn: session.clientTxnId, keys: NO_KEYS })
  const touchedKeys = touched.txn === session.clientTxnId ? touched.keys : NO_KEYS
  // Once the keyer passed over a proposal, the entry keeps its block even if the page's list changes.
  const [locked, setLocked] = useState<{ txn: string; pageId: string; index: number } | null>(null)

  const page = pages.find((p) => p.id === pageId)
  const localSos = local.filter((l) => l.pageId === pageId).map((l) => l.so)
  const localKey = localSos.join('|')
  const existing = useMemo(
    () => existingEntries(page?.entries ?? [], localKey === '' ? [] : localKey.split('|').map((so) => ({ so }))),
    [page?.entries, localKey],
  )
  const expectedSo = session.fields.so
  const block = useMemo(() => {
    if (!pageOcr || pageOcr.status !== 'done') return null
    if (locked && locked.txn === session.clientTxnId && locked.pageId === pageOcr.pageId) {
      return pageOcr.entries.find((e) => e.index === locked.index) ?? null
    }
    return chooseBlock(pageOcr.entries, existing, expectedSo)
  }, [pageOcr, existing, expectedSo, session.clientTxnId, locked])

  const provenance = session.ocr ?? NO_PROVENANCE
  const views = useMemo(
    () => fieldViews({ block, order, fields: session.fields, provenance, touched: touchedKeys }),
    [block, order, session.fields, provenance, touchedKeys],
  )
  const pending = useMemo(() => pendingKeys(views, order), [views, order])
  const shownFields = useMemo(() => withProposals(session.fields, views), [session.fields, views])

  const latest = useRef({ views, block, pageId, txn: session.clientTxnId, accept, record })
  useEffect(() => {
    latest.current = { views, block, pageId, txn: session.clientTxnId, accept, record }
  })

  // A proposal arriving in the field that already has the cursor: selected, so typing replaces it.
  useEffect(() => {
    const el = document.activeElement
    if (textInput(el) && views.get(el.id)?.status === 'proposed') el.select()
  }, [views])

  const lock = useCallback(() => {
    const { block: b, pageId: p, txn } = latest.current
    if (b && p) setLocked((l) => (l?.txn === txn ? l : { txn, pageId: p, index: b.index }))
  }, [])

  /** The keyer changed a field: over a proposal, that is a correction (the text was selected, typing replaced it). */
  const noteChange = useCallback((key: string) => {
    const { views: v, txn, record: rec } = latest.current
    const view = v.get(key)
    if (view?.status === 'proposed') {
      lock()
      rec((p) => passOver(p, key, view))
    }
    setTouched((t) => (t.txn === txn ? (t.keys.has(key) ? t : { txn, keys: new Set([...t.keys, key]) }) : { txn, keys: new Set([key]) }))
  }, [lock])

  /** Focus on a proposal selects it, so that typing replaces it (a click would otherwise place the cursor). */
  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const el = e.target
    if (latest.current.views.get(el.id)?.status !== 'proposed') return
    if (textInput(el)) el.select()
  }, [])

  /** Leaving a field that shows a proposal accepts it. Losing the window's focus is not leaving. */
  const onLeave = useCallback((e: FocusEvent<HTMLElement>) => {
    const el = e.target
    const { views: v, accept: acc, record: rec } = latest.current
    const view = v.get(el.id)
    if (view?.status !== 'proposed' || document.activeElement === el) return
    lock()
    acc(el.id, view.proposed)
    rec((p) => passOver(p, el.id, view))
  }, [lock])

  /** Reads the page again (after a failed read); the answer is the page's new state, polled while pending. */
  const queryClient = useQueryClient()
  const reread = useCallback(async (): Promise<string | null> => {
    if (!pageId) return null
    try {
      queryClient.setQueryData(ocrKeys.page(pageId), await rereadPage(pageId))
      return null
    } catch (err) {
      return errorMessage(err)
    }
  }, [pageId, queryClient])

  const pageState: OcrPageState | null = pageOcr ? { status: pageOcr.status, confidence: pageOcr.confidence, error: pageOcr.error } : null
  return { enabled: on, page: pageState, block, views, pending, shownFields, noteChange, onFocus, onLeave, reread }
}

export type OcrProposals = ReturnType<typeof useOcrProposals>
export type { OcrFieldView }
