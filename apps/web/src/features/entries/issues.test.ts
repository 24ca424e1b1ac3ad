import type { EntryIssue } from '@hts/domain'
import { describe, expect, it } from 'vitest'
import { compactFields, countIssues, mergeIssues, sameFields, stillRelevant } from './issues'

const err = (field: string, code: string, message: string): EntryIssue => ({ field, severity: 'error', code, message })

describe('stillRelevant', () => {
  it('drops issues about fields changed since they were computed, keeps entry-level ones', () => {
    const issues = [err('so', 'required', 'Chưa nhập Số'), err('ghiChu', 'x', 'y'), err('', 'z', 'cả trường hợp')]
    const kept = stillRelevant(issues, { so: '', ghiChu: 'a' }, { so: '1', ghiChu: 'a' })
    expect(kept.map((i) => i.code)).toEqual(['x', 'z'])
  })
})

describe('mergeIssues', () => {
  it('prefers the rules over the date parser for the same field and never repeats a message', () => {
    const live = [err('ngayDangKy', 'date.invalid', 'Ngày đăng ký: ngày không có thật')]
    const server = [...live, err('so', 'number.duplicate', 'Số 1 đã có')]
    const merged = mergeIssues(live, server, { ngayDangKy: [{ severity: 'error', message: 'ngày không có thật' }] })
    expect(merged.map((i) => i.code)).toEqual(['date.invalid', 'number.duplicate'])
    expect(countIssues(merged)).toEqual({ errors: 2, warnings: 0 })
  })

  it('keeps the parser warnings (how a compact date was read)', () => {
    const merged = mergeIssues([], [], { nksNgaySinh: [{ severity: 'warning', message: 'Năm ghi 2 chữ số' }] })
    expect(merged).toEqual([{ field: 'nksNgaySinh', severity: 'warning', code: 'date.interpreted', message: 'Năm ghi 2 chữ số' }])
  })
})

describe('compactFields / sameFields', () => {
  it('ignores empty boxes and surrounding spaces', () => {
    expect(compactFields({ a: ' x ', b: '', c: '  ' })).toEqual({ a: 'x' })
    expect(sameFields({ a: 'x', b: '' }, { a: 'x ' })).toBe(true)
    expect(sameFields({ a: 'x' }, { a: 'y' })).toBe(false)
  })
})
