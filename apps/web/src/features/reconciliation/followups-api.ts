import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { requestParsed } from '../../lib/http'

export const FollowupSchema = z.object({
  id: z.string(),
  entryId: z.string(),
  bookId: z.string(),
  book: z.string(),
  so: z.number().nullish(),
  unitName: z.string(),
  subjectName: z.string().nullish(),
  personalId: z.string().nullish(),
  differences: z.array(z.object({ field: z.string(), label: z.string(), levelLabel: z.string(), book: z.string().nullish(), population: z.string().nullish() })),
  status: z.string(),
  statusLabel: z.string(),
  nextStatuses: z.array(z.object({ status: z.string(), label: z.string() })),
  assigneeId: z.string().nullish(),
  assigneeName: z.string().nullish(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullish(),
  version: z.number(),
})
export type Followup = z.infer<typeof FollowupSchema>

const NoteSchema = z.object({ id: z.number(), text: z.string(), toStatusLabel: z.string().nullish(), authorName: z.string().nullish(), createdAt: z.string() })
export const FollowupDetailSchema = FollowupSchema.extend({ notes: z.array(NoteSchema) })
export type FollowupDetail = z.infer<typeof FollowupDetailSchema>

export interface FollowupFilters {
  status?: string
  assigneeId?: string
  q?: string
  from?: string
  to?: string
  page: number
  pageSize: number
}

export function useFollowups(filters: FollowupFilters) {
  return useQuery({
    queryKey: ['followups', 'list', filters],
    queryFn: () => requestParsed(z.object({ items: z.array(FollowupSchema), total: z.number() }), '/api/followups', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  })
}

export function useFollowup(id: string | undefined) {
  return useQuery({
    queryKey: ['followups', 'detail', id],
    queryFn: () => requestParsed(FollowupDetailSchema, `/api/followups/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  })
}

function useFollowupMutation<T>(call: (input: T) => Promise<FollowupDetail>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (data) => {
      queryClient.setQueryData(['followups', 'detail', data.id], data)
      return queryClient.invalidateQueries({ queryKey: ['followups', 'list'] })
    },
  })
}

export const useTransition = () =>
  useFollowupMutation((input: { id: string; status: string; note?: string; version: number }) =>
    requestParsed(FollowupDetailSchema, `/api/followups/${encodeURIComponent(input.id)}/transition`, { method: 'POST', body: { status: input.status, note: input.note, version: input.version } }))

export const useAssign = () =>
  useFollowupMutation((input: { id: string; assigneeId: string | null; version: number }) =>
    requestParsed(FollowupDetailSchema, `/api/followups/${encodeURIComponent(input.id)}`, { method: 'PATCH', body: { assigneeId: input.assigneeId, version: input.version } }))

export const useAddNote = () =>
  useFollowupMutation((input: { id: string; text: string }) =>
    requestParsed(FollowupDetailSchema, `/api/followups/${encodeURIComponent(input.id)}/notes`, { method: 'POST', body: { text: input.text } }))
