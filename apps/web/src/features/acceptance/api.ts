import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { BookPage, LotDetail, LotPage, type FieldError, type LotCreate } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type { LotDetail, LotPage, LotSampleView, LotView } from '@hts/domain'

export interface LotFilters {
  unitId?: string
  page: number
  pageSize: number
}

export const lotKeys = {
  all: ['acceptance'] as const,
  lists: ['acceptance', 'list'] as const,
  list: (filters: LotFilters) => ['acceptance', 'list', filters] as const,
  detail: (id: string) => ['acceptance', 'detail', id] as const,
  books: (unitId: string) => ['acceptance', 'books', unitId] as const,
}

const lotPath = (id: string) => `/api/acceptance/lots/${encodeURIComponent(id)}`

/** The acceptance record (biên bản nghiệm thu) of a decided lot, as a download link. */
export const recordUrl = (lotId: string, format: 'pdf' | 'xlsx') => `${lotPath(lotId)}/record.${format}`

export function useLots(filters: LotFilters) {
  return useQuery({
    queryKey: lotKeys.list(filters),
    queryFn: () => requestParsed(LotPage, '/api/acceptance/lots', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  })
}

export function useLot(id: string) {
  return useQuery({
    queryKey: lotKeys.detail(id),
    queryFn: () => requestParsed(LotDetail, lotPath(id)),
    enabled: Boolean(id),
  })
}

/** The books a lot may be limited to: those of the chosen unit (and the units below it). */
export function useUnitBooks(unitId: string | undefined) {
  return useQuery({
    queryKey: lotKeys.books(unitId ?? ''),
    queryFn: async () => (await requestParsed(BookPage, '/api/books', { query: { unitId, pageSize: 500 } })).items,
    enabled: Boolean(unitId),
    staleTime: 60_000,
  })
}

/** Every answer about a lot is the whole lot: it replaces the cached one, and the lists refetch. */
function useLotAnswer() {
  const queryClient = useQueryClient()
  return (lot: LotDetail) => {
    queryClient.setQueryData(lotKeys.detail(lot.id), lot)
    void queryClient.invalidateQueries({ queryKey: lotKeys.lists })
  }
}

/** Draws the lot's sample on the server (201 with the frozen sample; 422 when nothing is approved in scope). */
export function useCreateLot() {
  const onAnswer = useLotAnswer()
  return useMutation({
    mutationFn: (input: LotCreate) => requestParsed(LotDetail, '/api/acceptance/lots', { method: 'POST', body: input }),
    onSuccess: onAnswer,
  })
}

export interface SampleMarks {
  entryId: string
  /** The wrong fields with their right values; empty when the entry is right. */
  errors: Array<Pick<FieldError, 'field' | 'correct'>>
}

export function useInspectSample(lotId: string) {
  const onAnswer = useLotAnswer()
  return useMutation({
    mutationFn: ({ entryId, errors }: SampleMarks) =>
      requestParsed(LotDetail, `${lotPath(lotId)}/samples/${encodeURIComponent(entryId)}`, { method: 'PUT', body: { errors } }),
    onSuccess: onAnswer,
  })
}

export function useDecideLot(lotId: string) {
  const onAnswer = useLotAnswer()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => requestParsed(LotDetail, `${lotPath(lotId)}/decide`, { method: 'POST' }),
    onSuccess: (lot) => {
      onAnswer(lot)
      // A rejected lot returns entries to their keyers: their cached views are stale.
      void queryClient.invalidateQueries({ queryKey: ['entries'] })
    },
  })
}
