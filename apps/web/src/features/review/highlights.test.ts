import { describe, expect, it } from 'vitest'
import { fieldHighlights, mainActionOf } from './highlights'

describe('fieldHighlights', () => {
  it('gathers warnings, illegible marks, import notes and population differences by catalog key', () => {
    const map = fieldHighlights({
      bookType: 'KS',
      issues: [
        { field: 'meNgaySinh', severity: 'warning', code: 'age', message: 'Mẹ sinh con lúc 14 tuổi' },
        { field: 'nksNgaySinh', severity: 'error', code: 'date', message: 'Ngày sinh sau ngày đăng ký' },
      ],
      illegibleFields: ['meHoTen'],
      importNotes: [{ field: 'nksNgaySinh', note: 'excelDate', message: 'Ngày lưu dạng số của Excel' }],
      differences: [{ field: 'birthDate', label: 'Ngày sinh' }, { field: 'mother', label: 'Họ tên mẹ' }],
    })
    expect(map.get('meNgaySinh')).toEqual([{ kind: 'warning', message: 'Mẹ sinh con lúc 14 tuổi' }])
    // Most serious first, and each kind once per message.
    expect(map.get('nksNgaySinh')?.map((h) => h.kind)).toEqual(['error', 'imported', 'population'])
    expect(map.get('nksNgaySinh')?.[1]?.message).toBe('Ngày lưu dạng số của Excel')
    expect(map.get('meHoTen')?.map((h) => h.kind)).toEqual(['illegible', 'population'])
    expect(map.has('nksHoTen')).toBe(false)
  })

  it('leaves out entry-level issues and compared fields the register does not have', () => {
    const map = fieldHighlights({
      bookType: 'KS',
      issues: [{ field: '', severity: 'warning', code: 'x', message: 'cả trường hợp' }],
      illegibleFields: [],
      importNotes: [],
      differences: [],
    })
    expect(map.size).toBe(0)
  })
})

describe('mainActionOf', () => {
  it('takes the furthest step allowed: approve, else check, else complete again', () => {
    expect(mainActionOf(['check', 'approve', 'return', 'reopen'])).toBe('approve')
    expect(mainActionOf(['check', 'return'])).toBe('check')
    expect(mainActionOf(['markKeyed'])).toBe('markKeyed')
    expect(mainActionOf(['return'])).toBeNull()
  })
})
