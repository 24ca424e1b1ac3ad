import { describe, expect, it } from 'vitest'
import { followupKind } from './followup'

describe('kinds of follow-up case', () => {
  it('names the one kind of difference, or "several"', () => {
    expect(followupKind([{ field: 'name', level: 'middle' }])).toBe('middleName')
    expect(followupKind([{ field: 'name', level: 'accents' }])).toBe('diacritics')
    expect(followupKind([{ field: 'birthDate', level: 'swapped' }])).toBe('dayMonthSwap')
    expect(followupKind([{ field: 'birthDate', level: 'near', book: '12.05.1991', population: '1990-05-12' }])).toBe('birthYear')
    expect(followupKind([{ field: 'birthDate', level: 'near', book: '13.05.1990', population: '12/05/1990' }])).toBe('birthDate')
    expect(followupKind([{ field: 'mother', level: 'different' }, { field: 'father', level: 'middle' }])).toBe('parent')
    expect(followupKind([{ field: 'sex', level: 'disagree' }])).toBe('sex')
    expect(followupKind([{ field: 'name', level: 'middle' }, { field: 'birthDate', level: 'near', book: '12.05.1991', population: '12.05.1990' }])).toBe('several')
    expect(followupKind([])).toBe('unspecified')
  })
})
