import { describe, expect, it } from 'vitest'
import type { LotSampleView } from '@hts/domain'
import { decisionPreview, errorsOf, formatAql, marksOf, nextUninspected, sameAsStored, sampleOutcome } from './marks'

const sample = (position: number, inspected: boolean, wrongFields: string[] = []): LotSampleView => ({
  entryId: `00000000-0000-4000-8000-00000000000${position}`,
  position,
  bookId: '00000000-0000-4000-8000-0000000000aa',
  bookType: 'KS',
  so: position,
  subjectName: `Người ${position}`,
  keyedBy: null,
  keyedByName: null,
  inspected,
  errors: wrongFields.map((field) => ({ field, found: 'x', correct: 'y', label: field })),
})

describe('acceptance marks', () => {
  it('finds the next entry to inspect after the current one, wrapping round, none when all are done', () => {
    const samples = [sample(3, false), sample(1, false), sample(2, true)]
    expect(nextUninspected(samples, samples[1]?.entryId ?? null)?.position).toBe(3)
    expect(nextUninspected(samples, samples[0]?.entryId ?? null)?.position).toBe(1)
    expect(nextUninspected(samples, null)?.position).toBe(1)
    expect(nextUninspected([sample(1, true), sample(2, true)], null)).toBeNull()
  })

  it('previews the decision by the acceptance number, counting wrong entries, not wrong fields', () => {
    const lot = { acceptanceNumber: 1, samples: [sample(1, true, ['meHoTen', 'nksHoTen']), sample(2, true), sample(3, true)] }
    expect(decisionPreview(lot)).toEqual({ defective: 1, fieldErrors: 2, decision: 'accept' })
    expect(decisionPreview({ ...lot, acceptanceNumber: 0 }).decision).toBe('reject')
  })

  it('catches a "right value" that is what the register holds, in the form the server compares', () => {
    const stored = { nksHoTen: 'Nguyễn Văn Hòa', meHoTen: '' }
    const marks = { nksHoTen: ' Nguyễn Văn Hòa '.normalize('NFD'), meHoTen: 'Trần Thị Bích', chaHoTen: '' }
    expect(sameAsStored(marks, stored)).toEqual(['nksHoTen', 'chaHoTen'])
    expect(errorsOf({ meHoTen: ' Trần Thị Bích ' })).toEqual([{ field: 'meHoTen', correct: 'Trần Thị Bích' }])
  })

  it('reads back the stored marks and the outcome of each sampled entry', () => {
    expect(marksOf(sample(1, true, ['meHoTen']))).toEqual({ meHoTen: 'y' })
    expect([sample(1, false), sample(2, true), sample(3, true, ['so'])].map(sampleOutcome)).toEqual(['pending', 'right', 'wrong'])
  })

  it('writes the AQL with a decimal comma', () => {
    expect([1, 0.065, 6.5].map(formatAql)).toEqual(['1,0 %', '0,065 %', '6,5 %'])
  })
})
