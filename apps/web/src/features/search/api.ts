import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { SearchPage } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type { SearchPage, SearchResult } from '@hts/domain'

export const SEARCH_PATH = '/tim-kiem'

/** The search's criteria as they stand in the address (so a search can be shared, reloaded, gone back to). */
export const SEARCH_PARAMS = ['q', 'parent', 'bookType', 'yearFrom', 'yearTo', 'dateFrom', 'dateTo', 'unitId', 'status', 'personalId', 'so', 'volume', 'page', 'pageSize'] as const
export type SearchParams = Partial<Record<(typeof SEARCH_PARAMS)[number], string>>

export function searchParamsOf(params: URLSearchParams): SearchParams {
  const out: SearchParams = {}
  for (const key of SEARCH_PARAMS) {
    const value = params.get(key)?.trim()
    if (value) out[key] = value
  }
  return out
}

/** A search needs one criterion besides paging (the server says the same, in Vietnamese). */
export function hasCriteria(params: SearchParams): boolean {
  return Object.entries(params).some(([key, value]) => key !== 'page' && key !== 'pageSize' && value !== '')
}

export function useSearch(params: SearchParams) {
  return useQuery({
    queryKey: ['search', params],
    queryFn: () => requestParsed(SearchPage, '/api/search', { query: { ...params } }),
    enabled: hasCriteria(params),
    placeholderData: keepPreviousData,
  })
}

export const entryPath = (result: { bookId: string; id: string }) => `/so/${result.bookId}/truong-hop/${result.id}`
export const pageImageUrl = (pageId: string) => `/api/pages/${pageId}/image`
