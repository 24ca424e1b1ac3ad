import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { BookPage, BookView as BookViewSchema, type BookInput, type BookTypeCode } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export { BookView as BookViewSchema } from '@hts/domain'
export type { BookView, BookPage } from '@hts/domain'

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
