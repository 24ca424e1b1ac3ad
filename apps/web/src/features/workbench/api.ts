import { useQuery } from '@tanstack/react-query'
import {
  AssignmentList, DraftList, DraftSaved, NextEntryView, NumberingView, QueueView, SecondKeyingResult, ValuesView,
  type DraftView, type EntryFields, type OcrProvenance,
} from '@hts/domain'
import { request, requestParsed } from '../../lib/http'

export type NextEntry = NextEntryView
export type Numbering = NumberingView
export type ServerDraft = DraftView
export type QueueItem = QueueView['items'][number]

const book = (id: string) => `/api/books/${encodeURIComponent(id)}`

export const workbenchKeys = {
  numbering: (bookId: string) => ['workbench', 'numbering', bookId] as const,
  values: (bookId: string, field: string) => ['workbench', 'values', bookId, field] as const,
  queue: ['workbench', 'queue'] as const,
}

/**
 * A double-keyed book: the keyer's save as the second, blind keying of the entry another keyer keyed
 * at this số and year. 409 `no_first_keying` when there is none yet (then it is the first keying).
 */
export const saveSecondKeying = (bookId: string, fields: EntryFields, clientTxnId: string) =>
  requestParsed(SecondKeyingResult, `${book(bookId)}/second-keyings`, { method: 'POST', body: { fields, clientTxnId } })
export type { SecondKeyingResult } from '@hts/domain'

export const fetchNextEntry = (bookId: string) => requestParsed(NextEntryView, `${book(bookId)}/next-entry`)

export function useNumbering(bookId: string) {
  return useQuery({ queryKey: workbenchKeys.numbering(bookId), queryFn: () => requestParsed(NumberingView, `${book(bookId)}/numbering`) })
}

/** Suggestions for a place/text field: values of this book first, then unit names. Cached for the session. */
export function useFieldValues(bookId: string, field: string, enabled: boolean) {
  return useQuery({
    queryKey: workbenchKeys.values(bookId, field),
    queryFn: async () => (await requestParsed(ValuesView, `${book(bookId)}/values`, { query: { field } })).items.map((i) => i.value),
    enabled,
    staleTime: 60_000,
  })
}

export function useQueue() {
  return useQuery({ queryKey: workbenchKeys.queue, queryFn: () => requestParsed(QueueView, '/api/keying/queue') })
}

export interface DraftPayload {
  bookId: string
  fields: EntryFields
  pageIds: string[]
  illegibleFields: string[]
  seq: number
  /** OCR proposals passed over so far: a resumed entry is saved with them. */
  ocr?: OcrProvenance | undefined
}

export const saveServerDraft = (clientTxnId: string, body: DraftPayload) =>
  requestParsed(DraftSaved, `/api/drafts/${encodeURIComponent(clientTxnId)}`, { method: 'PUT', body })

export const listServerDrafts = async (bookId: string) =>
  (await requestParsed(DraftList, '/api/drafts', { query: { bookId } })).items

export const discardServerDraft = (clientTxnId: string) => request(`/api/drafts/${encodeURIComponent(clientTxnId)}`, { method: 'DELETE' })

export type Assignment = AssignmentList['items'][number]

export const assignmentKeys = { of: (bookId: string) => ['workbench', 'assignments', bookId] as const }

export function useAssignments(bookId: string) {
  return useQuery({ queryKey: assignmentKeys.of(bookId), queryFn: async () => (await requestParsed(AssignmentList, `${book(bookId)}/assignments`)).items })
}

export const assignBook = (bookId: string, userId: string) => requestParsed(AssignmentList, `${book(bookId)}/assignments`, { method: 'POST', body: { userId } })
export const unassignBook = (bookId: string, userId: string) => request(`${book(bookId)}/assignments/${encodeURIComponent(userId)}`, { method: 'DELETE' })
