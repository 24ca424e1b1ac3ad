import { describe, expect, it } from 'vitest'
import { blockingKeys, preparePerson, searchKeys, type PersonInput } from './person'

/** True when one of the entry's keys of the stage is one of the record's keys. */
function finds(entry: PersonInput, record: PersonInput, stage: 'narrow' | 'broad'): boolean {
  const filed = blockingKeys(preparePerson(record))
  return searchKeys(preparePerson(entry), stage).some(([key, value]) => filed[key] === value)
}

const record: PersonInput = { fullName: 'NGUYỄN THỊ HÒA', birthDate: '1990-05-12', sex: 'Nữ' }

describe('blocking keys', () => {
  it('finds the record in the narrow stage despite diacritics, tone placement, a typo in one name', () => {
    expect(finds({ fullName: 'Nguyen Thi Hoa', birthDate: '12.05.1990', sex: '2' }, record, 'narrow')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '12.05.1990', sex: '2' }, record, 'narrow')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoan', birthDate: '12.05.1990', sex: '2' }, record, 'narrow')).toBe(true)
    expect(finds({ fullName: 'Nguyn Thị Hoà', birthDate: '12.05.1990' }, record, 'narrow')).toBe(true)
  })

  it('leaves a partial, swapped or mistyped date and a missing middle name to the broad stage', () => {
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '1990', sex: '2' }, record, 'narrow')).toBe(false)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '1990', sex: '2' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Hoà', birthDate: '05.1990' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '13.05.1990' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '12.07.1990' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '05.12.1990' }, record, 'broad')).toBe(true)
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '12.05.1909' }, record, 'broad')).toBe(true)
  })

  it('finds a record known only by its year from an entry with a full date', () => {
    expect(finds({ fullName: 'Nguyễn Thị Hoà', birthDate: '12.05.1990' }, { fullName: 'NGUYỄN THỊ HÒA', birthDate: '1990' }, 'broad')).toBe(true)
  })

  it('files the surname block by sex: a common surname on a given day is split in two', () => {
    expect(blockingKeys(preparePerson(record)).dateSurname).toBe('1990-05-12|nguyen|2')
    expect(blockingKeys(preparePerson({ ...record, sex: null })).dateSurname).toBeUndefined()
  })
})
