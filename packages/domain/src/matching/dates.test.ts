import { describe, expect, it } from 'vitest'
import { compareDates, datePartsFromKey, datePartsToKey, parseDateParts, swappedDate, twoSlipsApart } from './dates'

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

  it('tells two keying slips in a date (the year one off and the day or month) from another date', () => {
    expect(twoSlipsApart(d('03.11.1975'), d('30.11.1976'))).toBe(true)
    expect(twoSlipsApart(d('30.12.1975'), d('30.11.1976'))).toBe(true)
    expect(twoSlipsApart(d('30.11.1957'), d('29.11.1975'))).toBe(true)
    expect(twoSlipsApart(d('12.1975'), d('30.11.1976'))).toBe(true)
    expect(twoSlipsApart(d('12.10.1975'), d('10.12.1976'))).toBe(true)
    // One slip is "near", not "different"; another year, or both day and month off, is another date.
    expect(twoSlipsApart(d('30.11.1975'), d('30.11.1976'))).toBe(false)
    expect(twoSlipsApart(d('03.11.1975'), d('30.11.1982'))).toBe(false)
    expect(twoSlipsApart(d('03.05.1975'), d('30.11.1976'))).toBe(false)
    expect(twoSlipsApart(d('03.11.1975'), d('30.11.1975'))).toBe(false)
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
