import { useQuery } from '@tanstack/react-query'
import type { EntryFields } from '@hts/domain'
import { z } from 'zod'
import { request, requestParsed } from '../../lib/http'

const PageRef = z.object({ id: z.string(), position: z.number() }).nullable()

export const NextEntrySchema = z.object({
  fields: z.record(z.string(), z.string()),
  year: z.number(),
  previousEntryId: z.string().nullable(),
  page: PageRef,
  nextPage: PageRef,
})
export type NextEntry = z.infer<typeof NextEntrySchema>

const Range = z.object({ from: z.number(), to: z.number() })
export const NumberingSchema = z.object({
  years: z.array(
    z.object({
      year: z.number(),
      count: z.number(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      missingCount: z.number(),
      missing: z.array(Range),
      duplicates: z.array(z.object({ so: z.number(), entries: z.array(z.object({ id: z.string(), bookId: z.string(), volume: z.string(), trangSo: z.number().nullable() })) })),
    }),
  ),
  withoutNumber: z.number(),
  withoutYear: z.number(),
})
export type Numbering = z.infer<typeof NumberingSchema>

export const DraftSchema = z.object({
  clientTxnId: z.string(),
  bookId: z.string(),
  fields: z.record(z.string(), z.string()),
  pageIds: z.array(z.string()),
  illegibleFields: z.array(z.string()).default([]),
  seq: z.number(),
  savedAt: z.string(),
})
export type ServerDraft = z.infer<typeof DraftSchema>
const DraftSaved = DraftSchema.extend({ ignored: z.boolean() })

const ValuesSchema = z.object({ items: z.array(z.object({ value: z.string(), count: z.number(), source: z.enum(['field', 'book', 'unit']) })) })

export const QueueSchema = z.object({
  items: z.array(
    z.object({
      book: z.object({ id: z.string(), bookType: z.string(), volume: z.string(), year: z.number(), issuingAuthority: z.string(), custodianUnitName: z.string() }),
      assignedAt: z.string(),
      entryCount: z.number(),
      myEntryCount: z.number(),
      pageCount: z.number(),
      pagesWithEntries: z.number(),
      lastEntry: z.object({ id: z.string(), so: z.number().nullable(), trangSo: z.number().nullable(), savedAt: z.string(), page: PageRef }).nullable(),
      openDraft: z.object({ clientTxnId: z.string(), savedAt: z.string() }).nullable(),
    }),
  ),
})
export type QueueItem = z.infer<typeof QueueSchema>['items'][number]

const book = (id: string) => `/api/books/${encodeURIComponent(id)}`

export const workbenchKeys = {
  numbering: (bookId: string) => ['workbench', 'numbering', bookId] as const,
  values: (bookId: string, field: string) => ['workbench', 'values', bookId, field] as const,
  queue: ['workbench', 'queue'] as const,
}

export const fetchNextEntry = (bookId: string) => requestParsed(NextEntrySchema, `${book(bookId)}/next-entry`)

export function useNumbering(bookId: string) {
  return useQuery({ queryKey: workbenchKeys.numbering(bookId), queryFn: () => requestParsed(NumberingSchema, `${book(bookId)}/numbering`) })
}

/** Suggestions for a place/text field: values of this book first, then unit names. Cached for the session. */
export function useFieldValues(bookId: string, field: string, enabled: boolean) {
  return useQuery({
    queryKey: workbenchKeys.values(bookId, field),
    queryFn: async () => (await requestParsed(ValuesSchema, `${book(bookId)}/values`, { query: { field } })).items.map((i) => i.value),
    enabled,
    staleTime: 60_000,
  })
}

export function useQueue() {
  return useQuery({ queryKey: workbenchKeys.queue, queryFn: () => requestParsed(QueueSchema, '/api/keying/queue') })
}

export interface DraftPayload {
  bookId: string
  fields: EntryFields
  pageIds: string[]
  illegibleFields: string[]
  seq: number
}

export const saveServerDraft = (clientTxnId: string, body: DraftPayload) =>
  requestParsed(DraftSaved, `/api/drafts/${encodeURIComponent(clientTxnId)}`, { method: 'PUT', body })

export const listServerDrafts = async (bookId: string) =>
  (await requestParsed(z.object({ items: z.array(DraftSchema) }), '/api/drafts', { query: { bookId } })).items

export const discardServerDraft = (clientTxnId: string) => request(`/api/drafts/${encodeURIComponent(clientTxnId)}`, { method: 'DELETE' })

const AssignmentsSchema = z.object({
  items: z.array(z.object({ userId: z.string(), username: z.string(), fullName: z.string(), assignedAt: z.string() })),
})
export type Assignment = z.infer<typeof AssignmentsSchema>['items'][number]

export const assignmentKeys = { of: (bookId: string) => ['workbench', 'assignments', bookId] as const }

export function useAssignments(bookId: string) {
  return useQuery({ queryKey: assignmentKeys.of(bookId), queryFn: async () => (await requestParsed(AssignmentsSchema, `${book(bookId)}/assignments`)).items })
}

export const assignBook = (bookId: string, userId: string) => requestParsed(AssignmentsSchema, `${book(bookId)}/assignments`, { method: 'POST', body: { userId } })
export const unassignBook = (bookId: string, userId: string) => request(`${book(bookId)}/assignments/${encodeURIComponent(userId)}`, { method: 'DELETE' })
