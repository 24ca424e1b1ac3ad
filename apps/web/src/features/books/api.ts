import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { BookInput, BookTypeCode } from '@hts/domain'
import { z } from 'zod'
import { requestParsed } from '../../lib/http'

const BOOK_TYPES = ['KS', 'KT', 'KH', 'HN', 'CMC', 'NCN', 'TDCC', 'GH', 'CDGH'] as const satisfies readonly BookTypeCode[]

export const BookViewSchema = z.object({
  id: z.string(),
  bookType: z.enum(BOOK_TYPES),
  volume: z.string(),
  year: z.number(),
  issuingAuthority: z.string(),
  issuingUnitId: z.string().nullish(),
  custodianUnitId: z.string(),
  custodianUnitName: z.string().nullish(),
  openedOn: z.string().nullish(),
  closedOn: z.string().nullish(),
  pageCount: z.number().nullish(),
  paperSize: z.enum(['A3', 'A4']).nullish(),
  condition: z.enum(['intact', 'damaged', 'lost']),
  conditionNote: z.string().nullish(),
  entryCount: z.coerce.number().default(0),
  version: z.number(),
  createdAt: z.string().nullish(),
})
export type BookView = z.infer<typeof BookViewSchema>

const BookPage = z.object({ items: z.array(BookViewSchema), total: z.coerce.number(), page: z.number(), pageSize: z.number() })
export type BookPage = z.infer<typeof BookPage>

export interface BookFilters {
  type?: BookTypeCode
  year?: number
  page: number
  pageSize: number
}

export const bookKeys = {
  all: ['books'] as const,
  list: (filters: BookFilters) => ['books', 'list', filters] as const,
  detail: (id: string) => ['books', 'detail', id] as const,
}

export function useBooks(filters: BookFilters) {
  return useQuery({
    queryKey: bookKeys.list(filters),
    queryFn: () => requestParsed(BookPage, '/api/books', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  })
}

export function useBook(id: string | undefined) {
  return useQuery({
    queryKey: bookKeys.detail(id ?? ''),
    queryFn: () => requestParsed(BookViewSchema, `/api/books/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  })
}

export function useCreateBook() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: BookInput) => requestParsed(BookViewSchema, '/api/books', { method: 'POST', body: input }),
    onSuccess: (book) => {
      queryClient.setQueryData(bookKeys.detail(book.id), book)
      return queryClient.invalidateQueries({ queryKey: ['books', 'list'] })
    },
  })
}

export function useUpdateBook(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: BookInput & { version: number }) =>
      requestParsed(BookViewSchema, `/api/books/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: (book) => {
      queryClient.setQueryData(bookKeys.detail(book.id), book)
      return queryClient.invalidateQueries({ queryKey: ['books', 'list'] })
    },
  })
}
