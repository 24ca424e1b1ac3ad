import { describe, expect, it } from 'vitest'
import { SeenNumbers } from './seen-numbers'
import { SharedStrings } from './shared-strings'

describe('shared strings kept in bounded memory', () => {
  it('gives back every string, in memory or from the file, in any order', () => {
    // A budget of 50 characters: almost everything goes to the file, across many blocks.
    const table = new SharedStrings(50)
    const texts = Array.from({ length: 30_000 }, (_, i) => (i % 7 === 0 ? '' : `Nguyễn Thị Thuỷ ${i} – Đắk Lắk ${'ơ'.repeat(i % 13)}`))
    texts[20_000] = 'Ê'.repeat(40_000) // longer than a block
    for (const text of texts) table.push(text)
    table.finish()
    try {
      expect(table.length).toBe(texts.length)
      for (let i = 0; i < texts.length; i += 1) expect(table.get(i)).toBe(texts[i])
      for (let k = 0; k < 5_000; k++) {
        const i = (k * 7919) % texts.length
        expect(table.get(i)).toBe(texts[i])
      }
      expect(table.get(texts.length)).toBeUndefined()
      expect(table.get(-1)).toBeUndefined()
    } finally {
      table.close()
    }
  })

  it('keeps a small table in memory only', () => {
    const table = new SharedStrings()
    for (const text of ['Kinh', 'Việt Nam', '']) table.push(text)
    table.finish()
    expect([table.get(0), table.get(1), table.get(2), table.get(3)]).toEqual(['Kinh', 'Việt Nam', '', undefined])
    table.close()
  })
})

describe('numbers seen in a file', () => {
  it('answers the first row of each (book, year, số), however large the number', () => {
    const seen = new SeenNumbers()
    expect(seen.firstOrRemember('b1', 2024, 12, 3)).toBeUndefined()
    expect(seen.firstOrRemember('b1', 2024, 12, 9)).toBe(3)
    expect(seen.firstOrRemember('b1', 2023, 12, 10)).toBeUndefined()
    expect(seen.firstOrRemember('b2', 2024, 12, 11)).toBeUndefined()
    expect(seen.firstOrRemember('b1', null, 12, 12)).toBeUndefined()
    expect(seen.firstOrRemember('b1', null, 12, 13)).toBe(12)
    expect(seen.firstOrRemember('b1', 2024, 5_000, 14)).toBeUndefined()
    expect(seen.firstOrRemember('b1', 2024, 5_000, 15)).toBe(14)
    expect(seen.firstOrRemember('b1', 2024, 20_240_015, 16)).toBeUndefined()
    expect(seen.firstOrRemember('b1', 2024, 20_240_015, 17)).toBe(16)
    expect(seen.firstOrRemember('b1', 2024, 0, 18)).toBeUndefined()
    expect(seen.firstOrRemember('b1', 2024, 0, 19)).toBe(18)
    expect(seen.firstOrRemember('b1', 2024, 12, 20)).toBe(3)
  })
})
