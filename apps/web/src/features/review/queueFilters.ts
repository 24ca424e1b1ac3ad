import { REVIEW_FLAGS, REVIEW_STAGES, type ReviewFlag, type ReviewStage } from '@hts/domain'
import type { ReviewFilters } from './api'

export const isStage = (v: string | null): v is ReviewStage => v !== null && Object.prototype.hasOwnProperty.call(REVIEW_STAGES, v)
const isFlag = (v: string | null): v is ReviewFlag => v !== null && Object.prototype.hasOwnProperty.call(REVIEW_FLAGS, v)
const positive = (v: string | null, fallback: number) => {
  const n = Number(v)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

/**
 * The queue's filters live in the address (?stage=&bookId=&keyedBy=&flag=&page=&pageSize=): the review
 * screen carries them along, so that "the next entry" is the next one of the list the checker chose.
 */
export function filtersFromParams(params: URLSearchParams): ReviewFilters {
  const stage = params.get('stage')
  const flag = params.get('flag')
  return {
    stage: isStage(stage) ? stage : 'check',
    ...(params.get('bookId') ? { bookId: params.get('bookId') ?? '' } : {}),
    ...(params.get('keyedBy') ? { keyedBy: params.get('keyedBy') ?? '' } : {}),
    ...(isFlag(flag) ? { flag } : {}),
    page: positive(params.get('page'), 1),
    pageSize: positive(params.get('pageSize'), 50),
  }
}

/** The filters as a query string (without paging when `withPaging` is false: the review screen's link). */
export function paramsOfFilters(filters: ReviewFilters, withPaging = true): string {
  const params = new URLSearchParams({ stage: filters.stage })
  if (filters.bookId) params.set('bookId', filters.bookId)
  if (filters.keyedBy) params.set('keyedBy', filters.keyedBy)
  if (filters.flag) params.set('flag', filters.flag)
  if (withPaging && filters.page !== 1) params.set('page', String(filters.page))
  if (withPaging && filters.pageSize !== 50) params.set('pageSize', String(filters.pageSize))
  return params.toString()
}
