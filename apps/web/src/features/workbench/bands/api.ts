import { useQuery, useQueryClient } from '@tanstack/react-query'
import { BookBandLayoutView, PageRulesView, type BandCorrectionBody, type BandLayoutInput } from '@hts/domain'
import { requestParsed } from '../../../lib/http'

export type { BookBandLayoutView, PageRulesView } from '@hts/domain'

export const bandKeys = {
  layout: (bookId: string) => ['bands', 'layout', bookId] as const,
  rules: (pageId: string) => ['bands', 'rules', pageId] as const,
}

export function useBandLayout(bookId: string) {
  return useQuery({
    queryKey: bandKeys.layout(bookId),
    queryFn: () => requestParsed(BookBandLayoutView, `/api/books/${encodeURIComponent(bookId)}/band-layout`),
    staleTime: 60_000,
  })
}

/** Ruled lines of a page, asked only while marking (the server reads the whole image). */
export function usePageRules(pageId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: bandKeys.rules(pageId ?? ''),
    queryFn: () => requestParsed(PageRulesView, `/api/pages/${encodeURIComponent(pageId ?? '')}/rules`),
    enabled: enabled && pageId !== null,
    staleTime: Infinity,
  })
}

export const saveBandLayout = (bookId: string, layout: BandLayoutInput, version: number) =>
  requestParsed(BookBandLayoutView, `/api/books/${encodeURIComponent(bookId)}/band-layout`, { method: 'PUT', body: { layout, version } })

export const saveBandCorrection = (pageId: string, body: BandCorrectionBody) =>
  requestParsed(BookBandLayoutView, `/api/pages/${encodeURIComponent(pageId)}/band-correction`, { method: 'PUT', body })

/** The cached layout replaced by the server's answer (no second request). */
export function useSetBandLayoutCache(bookId: string) {
  const client = useQueryClient()
  return (view: BookBandLayoutView) => client.setQueryData(bandKeys.layout(bookId), view)
}
