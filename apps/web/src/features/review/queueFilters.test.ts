import { describe, expect, it } from 'vitest'
import { filtersFromParams, paramsOfFilters } from './queueFilters'

describe('queue filters in the address', () => {
  it('reads known values and falls back for the rest', () => {
    expect(filtersFromParams(new URLSearchParams('stage=approve&flag=illegible&page=3&bookId=b1'))).toEqual({
      stage: 'approve', flag: 'illegible', bookId: 'b1', page: 3, pageSize: 50,
    })
    expect(filtersFromParams(new URLSearchParams('stage=later&flag=all&page=-2&pageSize=x'))).toEqual({ stage: 'check', page: 1, pageSize: 50 })
  })

  it('writes them back, paging only where asked', () => {
    const filters = { stage: 'check' as const, keyedBy: 'u1', page: 2, pageSize: 20 }
    expect(paramsOfFilters(filters)).toBe('stage=check&keyedBy=u1&page=2&pageSize=20')
    expect(paramsOfFilters(filters, false)).toBe('stage=check&keyedBy=u1')
    expect(filtersFromParams(new URLSearchParams(paramsOfFilters(filters)))).toEqual(filters)
  })
})
