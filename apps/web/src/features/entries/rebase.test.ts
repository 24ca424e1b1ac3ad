import { describe, expect, it } from 'vitest'
import { rebaseEdits } from './rebase'

describe('rebaseEdits', () => {
  const base = { so: '1', nguoiKy: '', ghiChu: '' }

  it('keeps my edit where the other person did not touch the field', () => {
    const r = rebaseEdits(base, { ...base, ghiChu: 'lề' }, { ...base, nguoiKy: 'Đức' })
    expect(r.fields).toEqual({ so: '1', nguoiKy: 'Đức', ghiChu: 'lề' })
    expect(r.kept).toEqual(['ghiChu'])
    expect(r.overridden).toEqual([])
  })

  it('lets the saved version win where both changed the same field differently', () => {
    const r = rebaseEdits(base, { ...base, nguoiKy: 'An' }, { ...base, nguoiKy: 'Đức' })
    expect(r.fields.nguoiKy).toBe('Đức')
    expect(r.overridden).toEqual(['nguoiKy'])
  })

  it('says nothing when both made the same change', () => {
    const r = rebaseEdits(base, { ...base, nguoiKy: 'Đức' }, { ...base, nguoiKy: 'Đức' })
    expect(r.kept).toEqual([])
    expect(r.overridden).toEqual([])
  })

  it('keeps a field I cleared if the other person left it alone', () => {
    const r = rebaseEdits({ so: '1', ghiChu: 'cũ' }, { so: '1', ghiChu: '' }, { so: '2', ghiChu: 'cũ' })
    expect(r.fields).toEqual({ so: '2', ghiChu: '' })
  })
})
