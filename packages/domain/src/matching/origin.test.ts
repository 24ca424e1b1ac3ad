import { describe, expect, it } from 'vitest'
import { decide, DEFAULT_MATCH_SETTINGS } from './decide'
import { frequenciesOf } from './model'
import { originCode } from './origin'
import { preparePerson, type PersonInput } from './person'
import { scorePair } from './score'

const hoa: PersonInput = { personalId: null, fullName: 'NGUYỄN THỊ HÒA', birthDate: '1990-05-12', sex: 'Nữ', motherName: 'TRẦN THỊ LAN', fatherName: 'NGUYỄN VĂN MINH', ethnicity: 'Kinh', nationality: 'Việt Nam' }
const others: PersonInput[] = Array.from({ length: 60 }, (_, i) => ({
  fullName: `${['Lê', 'Trần', 'Phạm'][i % 3]} Văn ${['An', 'Bình', 'Cường', 'Dũng'][i % 4]}`,
  birthDate: `${1950 + i}-0${1 + (i % 9)}-1${i % 10}`,
  sex: 'Nam',
  ethnicity: 'Kinh',
  nationality: 'Việt Nam',
}))
const population = [hoa, ...others].map(preparePerson)
const freq = frequenciesOf(population)
const book = { fullName: 'Nguyễn Thị Hoà', birthDate: '12.05.1990', sex: '2', motherName: 'Trần Thị Lan', fatherName: 'Nguyễn Văn Minh' }

function reconcile(input: PersonInput) {
  const entry = preparePerson(input)
  const scores = population.map((p) => scorePair(entry, p, freq))
  const decision = decide(scores, population.length, DEFAULT_MATCH_SETTINGS)
  return { decision, fields: decision.chosen === undefined ? [] : scores[decision.chosen]!.fields }
}

describe('ethnicity and nationality', () => {
  it('reads names, aliases and codes of the code lists as the same value', () => {
    expect(originCode('ethnicity', 'Kinh')).toBe('01')
    expect(originCode('ethnicity', 'KINH (VIỆT)')).toBe('01')
    expect(originCode('ethnicity', '1')).toBe('01')
    expect(originCode('ethnicity', "H'Mông")).toBe(originCode('ethnicity', 'Hmông'))
    expect(originCode('nationality', 'Viet Nam')).toBe('VN')
    expect(originCode('nationality', 'VN')).toBe('VN')
    expect(originCode('ethnicity', 'Không rõ dân tộc')).toBe('~khong ro dan toc')
    expect(originCode('ethnicity', '  ')).toBeUndefined()
  })

  it('agrees on "Kinh"/"01" and "Việt Nam"/"VN" and counts it for little (most people share them)', () => {
    const { decision, fields } = reconcile({ ...book, ethnicity: '01', nationality: 'VN' })
    expect(decision.outcome).toBe('match')
    const ethnicity = fields.find((f) => f.field === 'ethnicity')!
    expect(ethnicity).toMatchObject({ level: 'agree', label: 'Giống', differs: false })
    expect(ethnicity.weight).toBeGreaterThanOrEqual(0)
    expect(ethnicity.weight).toBeLessThan(1)
    expect(fields.find((f) => f.field === 'nationality')).toMatchObject({ level: 'agree', differs: false })
  })

  it('lists a different ethnicity as a mismatch field with a negative weight', () => {
    const { decision, fields } = reconcile({ ...book, ethnicity: 'Tày', nationality: 'Việt Nam' })
    expect(decision.outcome).toBe('mismatch')
    expect(decision.differences).toEqual(['ethnicity'])
    const ethnicity = fields.find((f) => f.field === 'ethnicity')!
    expect(ethnicity).toMatchObject({ level: 'disagree', label: 'Khác', differs: true })
    expect(ethnicity.weight).toBeLessThan(-2)
  })

  it('lists a different nationality the same way', () => {
    const { decision, fields } = reconcile({ ...book, ethnicity: 'Kinh', nationality: 'Lào' })
    expect(decision.outcome).toBe('mismatch')
    expect(decision.differences).toEqual(['nationality'])
    expect(fields.find((f) => f.field === 'nationality')!.weight).toBeLessThan(-2)
  })

  it('counts a field missing on either side as nothing', () => {
    const { fields } = reconcile(book)
    expect(fields.find((f) => f.field === 'ethnicity')).toMatchObject({ level: 'missing', weight: 0, differs: false })
    expect(fields.find((f) => f.field === 'nationality')).toMatchObject({ level: 'missing', weight: 0, differs: false })
  })
})
