import { describe, expect, it } from 'vitest'
import { compareDates, datePartsFromKey, datePartsToKey, parseDateParts, swappedDate } from './dates'

const d = (s: string) => parseDateParts(s)!

describe('birth dates for matching', () => {
  it('reads book forms and stored keys', () => {
    expect(d('05.03.1985')).toEqual({ year: 1985, month: 3, day: 5 })
    expect(d('03.1985')).toEqual({ year: 1985, month: 3 })
    expect(d('1985')).toEqual({ year: 1985 })
    expect(datePartsToKey(d('05/03/1985'))).toBe('1985-03-05')
    expect(datePartsFromKey('1985-03')).toEqual({ year: 1985, month: 3 })
    expect(datePartsFromKey('1985-03-05')).toEqual({ year: 1985, month: 3, day: 5 })
    expect(datePartsFromKey('0985')).toEqual({ year: 985 })
    // Not a stored key: nothing rather than a wrong date.
    for (const key of ['', '198', '19850', '1985-3', '1985/03', '1985-03-5', '1985-03-0x', '1985-0303', 'abcd', '1985-03-05 ']) {
      expect(datePartsFromKey(key), key).toBeUndefined()
    }
    expect(parseDateParts('31.02.1985')).toBeUndefined()
  })

  it('grades agreement: exact, partial that fits, swapped, near, same year, different', () => {
    expect(compareDates(d('05.03.1985'), d('05.03.1985'))).toBe('exact')
    expect(compareDates(d('1985'), d('05.03.1985'))).toBe('compatible')
    expect(compareDates(d('03.1985'), d('05.03.1985'))).toBe('compatible')
    expect(compareDates(d('04.1985'), d('05.03.1985'))).toBe('sameYear')
    expect(compareDates(d('03.05.1985'), d('05.03.1985'))).toBe('swapped')
    expect(compareDates(d('06.03.1985'), d('05.03.1985'))).toBe('near')
    expect(compareDates(d('05.03.1986'), d('05.03.1985'))).toBe('near')
    expect(compareDates(d('05.03.1995'), d('05.03.1985'))).toBe('near')
    // Two neighbouring digits keyed in the wrong order is one slip (issue 15); two other digits are not.
    expect(compareDates(d('05.03.1958'), d('05.03.1985'))).toBe('near')
    expect(compareDates(d('1957'), d('08.09.1975'))).toBe('near')
    expect(compareDates(d('05.03.1967'), d('05.03.1985'))).toBe('different')
    expect(compareDates(d('05.03.1895'), d('05.03.1985'))).toBe('near')
    expect(compareDates(d('05.03.1859'), d('05.03.1985'))).toBe('different')
    expect(compareDates(d('20.11.1985'), d('05.03.1985'))).toBe('sameYear')
    expect(compareDates(d('1984'), d('05.03.1985'))).toBe('near')
  })

  it('swaps day and month only when that gives another real date', () => {
    expect(swappedDate(d('05.03.1985'))).toEqual({ year: 1985, month: 5, day: 3 })
    expect(swappedDate(d('20.03.1985'))).toBeUndefined()
    expect(swappedDate(d('03.03.1985'))).toBeUndefined()
  })
})
