import { describe, expect, it } from 'vitest'
import { appendixRows, combinePlanned } from './inventory'

describe('appendix arithmetic', () => {
  it('total from the plan when there is one, else the inventory; to key = total − in the database, never below zero', () => {
    const rows = appendixRows([
      { bookType: 'KS', label: 'Khai sinh', planned: 1200, counted: 800, inDatabase: 300, notes: ['Quyển 01/1999 (bị mất): mất do lũ năm 1999'] },
      { bookType: 'KT', label: 'Khai tử', planned: null, counted: 150, inDatabase: 150, notes: [] },
      { bookType: 'KH', label: 'Kết hôn', planned: 10, counted: 40, inDatabase: 25, notes: ['a', 'b'] },
    ])
    expect(rows).toEqual([
      { stt: 1, bookType: 'KS', label: 'Khai sinh', total: 1200, inDatabase: 300, toKey: 900, note: 'Quyển 01/1999 (bị mất): mất do lũ năm 1999' },
      { stt: 2, bookType: 'KT', label: 'Khai tử', total: 150, inDatabase: 150, toKey: 0, note: '' },
      { stt: 3, bookType: 'KH', label: 'Kết hôn', total: 10, inDatabase: 25, toKey: 0, note: 'a; b' },
      { stt: null, bookType: null, label: 'Tổng cộng', total: 1360, inDatabase: 475, toKey: 900, note: '' },
    ])
  })

  it('several units: each unit\'s plan where it has one, else its count; none planned → the count', () => {
    expect(combinePlanned([{ planned: 100, counted: 5 }, { planned: null, counted: 7 }])).toBe(107)
    expect(combinePlanned([{ planned: null, counted: 5 }, { planned: null, counted: 7 }])).toBeNull()
    expect(combinePlanned([])).toBeNull()
  })
})
