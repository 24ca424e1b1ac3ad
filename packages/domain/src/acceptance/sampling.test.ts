import { describe, expect, it } from 'vitest'
import { AQL_VALUES, codeLetterOf, DEFAULT_AQL, drawSample, isTableAql, LOT_DECISIONS, lotDecision, samplingPlan, tablePlan, type CodeLetter } from './sampling'

describe('ISO 2859-1 Table 1: sample size code letters', () => {
  it.each([
    [2, 'A'], [8, 'A'], [9, 'B'], [15, 'B'], [16, 'C'], [26, 'D'], [51, 'E'], [90, 'E'], [91, 'F'], [151, 'G'],
    [281, 'H'], [500, 'H'], [501, 'J'], [1201, 'K'], [3200, 'K'], [3201, 'L'], [10001, 'M'], [35000, 'M'],
    [35001, 'N'], [150001, 'P'], [500000, 'P'], [500001, 'Q'], [2_000_000, 'Q'],
  ] as const)('lot %i at level II → %s', (lot, letter) => {
    expect(codeLetterOf(lot, 'II')).toBe(letter)
  })

  it.each([
    [8, 'A', 'B'], [15, 'A', 'C'], [50, 'C', 'E'], [90, 'C', 'F'], [1000, 'G', 'K'], [3200, 'H', 'L'],
    [35000, 'K', 'N'], [500001, 'N', 'R'],
  ] as const)('lot %i → %s at level I, %s at level III', (lot, one, three) => {
    expect(codeLetterOf(lot, 'I')).toBe(one)
    expect(codeLetterOf(lot, 'III')).toBe(three)
  })
})

/**
 * Table 2-A of the standard, written out cell by cell for AQL 0.65 … 6.5 (Ac; Re = Ac + 1),
 * independently of the diagonal the code uses: 'v' = use the first plan below, '^' = above.
 */
const COLUMNS = [0.65, 1.0, 1.5, 2.5, 4.0, 6.5] as const
const TABLE_2A: Record<CodeLetter, readonly [number, ReadonlyArray<number | 'v' | '^'>]> = {
  A: [2, ['v', 'v', 'v', 'v', 'v', 0]],
  B: [3, ['v', 'v', 'v', 'v', 0, '^']],
  C: [5, ['v', 'v', 'v', 0, '^', 'v']],
  D: [8, ['v', 'v', 0, '^', 'v', 1]],
  E: [13, ['v', 0, '^', 'v', 1, 2]],
  F: [20, [0, '^', 'v', 1, 2, 3]],
  G: [32, ['^', 'v', 1, 2, 3, 5]],
  H: [50, ['v', 1, 2, 3, 5, 7]],
  J: [80, [1, 2, 3, 5, 7, 10]],
  K: [125, [2, 3, 5, 7, 10, 14]],
  L: [200, [3, 5, 7, 10, 14, 21]],
  M: [315, [5, 7, 10, 14, 21, '^']],
  N: [500, [7, 10, 14, 21, '^', '^']],
  P: [800, [10, 14, 21, '^', '^', '^']],
  Q: [1250, [14, 21, '^', '^', '^', '^']],
  R: [2000, [21, '^', '^', '^', '^', '^']],
}
const LETTERS = Object.keys(TABLE_2A) as CodeLetter[]

/** Follows the written table's arrows, the way an inspector reads it. */
function expectedPlan(letter: CodeLetter, column: number): { codeLetter: CodeLetter; n: number; ac: number } {
  let row = LETTERS.indexOf(letter)
  for (;;) {
    const name = LETTERS[row] as CodeLetter
    const [n, cells] = TABLE_2A[name]
    const cell = cells[column]
    if (typeof cell === 'number') return { codeLetter: name, n, ac: cell }
    row += cell === 'v' ? 1 : -1
  }
}

describe('ISO 2859-1 Table 2-A: single sampling, normal inspection', () => {
  const cells = LETTERS.flatMap((letter) => COLUMNS.map((aql, column) => [letter, aql, column] as const))
  it.each(cells)('%s at AQL %f matches the standard, arrows followed', (letter, aql, column) => {
    expect(tablePlan(letter, aql)).toEqual(expectedPlan(letter, column))
  })

  it.each([
    // letter, AQL, n, Ac: cells outside the written block above (K at 0.25 % is ↓ to L)
    ['K', 0.4, 125, 1], ['K', 0.25, 200, 1], ['L', 0.4, 200, 2], ['M', 0.4, 315, 3], ['N', 0.25, 500, 3],
    ['P', 0.25, 800, 5], ['N', 0.1, 500, 1], ['Q', 0.065, 1250, 2], ['R', 0.065, 2000, 3], ['R', 0.04, 2000, 2],
    ['R', 0.025, 2000, 1], ['J', 0.15, 80, 0], ['Q', 0.04, 1250, 1],
  ] as const)('%s at AQL %f → n=%i, Ac=%i', (letter, aql, n, ac) => {
    expect(tablePlan(letter, aql)).toMatchObject({ n, ac })
  })

  it('follows the arrows to the plan they point at, with that plan\'s sample size', () => {
    // A at 0.65 %: ↓ down to F's 0/1 (n = 20).
    expect(tablePlan('A', 0.65)).toEqual({ codeLetter: 'F', n: 20, ac: 0 })
    // G at 0.65 %: ↑ up to F's 0/1.
    expect(tablePlan('G', 0.65)).toEqual({ codeLetter: 'F', n: 20, ac: 0 })
    // H at 0.65 %: ↓ to J's 1/2 (n = 80).
    expect(tablePlan('H', 0.65)).toEqual({ codeLetter: 'J', n: 80, ac: 1 })
    // Q at 0.025 %: ↓ to R's 1/2; R at 1.0 %: past 21/22, ↑ to Q's 21/22.
    expect(tablePlan('Q', 0.025)).toEqual({ codeLetter: 'R', n: 2000, ac: 1 })
    expect(tablePlan('R', 1.0)).toEqual({ codeLetter: 'Q', n: 1250, ac: 21 })
  })

  it('gives the plans the issue names, from the lot size at level II', () => {
    expect(samplingPlan({ lotSize: 3000, aql: 0.65 })).toEqual({ codeLetter: 'K', sampleSize: 125, acceptance: 2, rejection: 3, wholeLot: false })
    expect(samplingPlan({ lotSize: 1201, aql: 1.0, level: 'II' })).toEqual({ codeLetter: 'K', sampleSize: 125, acceptance: 3, rejection: 4, wholeLot: false })
    expect(samplingPlan({ lotSize: 20000, aql: 0.65 })).toEqual({ codeLetter: 'M', sampleSize: 315, acceptance: 5, rejection: 6, wholeLot: false })
    // Lot 400 → H; H at 0.65 % points down to J (n = 80, 1/2).
    expect(samplingPlan({ lotSize: 400, aql: 0.65 })).toEqual({ codeLetter: 'J', sampleSize: 80, acceptance: 1, rejection: 2, wholeLot: false })
    // Level III on the same lot: J, 1/2 directly.
    expect(samplingPlan({ lotSize: 400, aql: 0.65, level: 'III' })).toEqual({ codeLetter: 'J', sampleSize: 80, acceptance: 1, rejection: 2, wholeLot: false })
  })

  it('inspects the whole lot when the plan it points at asks for as many entries as the lot has, or more', () => {
    // Lot 8 → A; A at 0.65 % points to F (n = 20): all 8 entries, still Ac 0.
    expect(samplingPlan({ lotSize: 8, aql: 0.65 })).toEqual({ codeLetter: 'F', sampleSize: 8, acceptance: 0, rejection: 1, wholeLot: true })
    expect(samplingPlan({ lotSize: 13, aql: 1.0 })).toEqual({ codeLetter: 'E', sampleSize: 13, acceptance: 0, rejection: 1, wholeLot: true })
    expect(samplingPlan({ lotSize: 2, aql: 6.5 })).toEqual({ codeLetter: 'A', sampleSize: 2, acceptance: 0, rejection: 1, wholeLot: true })
    expect(samplingPlan({ lotSize: 60, aql: 1.0 }).wholeLot).toBe(false)
  })

  it('refuses an AQL that is not a column of the table, and an empty lot', () => {
    expect(() => samplingPlan({ lotSize: 100, aql: 0.7 })).toThrow(/AQL/)
    expect(() => samplingPlan({ lotSize: 100, aql: 10 })).toThrow(/AQL/)
    expect(() => samplingPlan({ lotSize: 0, aql: 1 })).toThrow(/lot size/)
    expect(AQL_VALUES.every(isTableAql)).toBe(true)
    expect(isTableAql(DEFAULT_AQL)).toBe(true)
  })

  it('accepts up to Ac nonconforming entries and rejects from Re', () => {
    const plan = samplingPlan({ lotSize: 3000, aql: 1.0 })
    expect(lotDecision({ defects: 0, plan })).toBe('accept')
    expect(lotDecision({ defects: 3, plan })).toBe('accept')
    expect(lotDecision({ defects: 4, plan })).toBe('reject')
    expect(LOT_DECISIONS[lotDecision({ defects: 4, plan })]).toBe('Không đạt')
  })
})

describe('the seeded sample', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `entry-${String(i).padStart(4, '0')}`)

  it('is the same for the same ids in any order and the same seed, different for another seed', () => {
    const a = drawSample(ids, 80, 'seed-1')
    expect(drawSample([...ids].reverse(), 80, 'seed-1')).toEqual(a)
    expect(drawSample([...ids].sort(() => 0.5 - Math.random()), 80, 'seed-1')).toEqual(a)
    expect(drawSample(ids, 80, 'seed-2')).not.toEqual(a)
  })

  it('draws the size asked, distinct ids of the lot, never more than the lot', () => {
    const a = drawSample(ids, 80, 'seed-1')
    expect(a).toHaveLength(80)
    expect(new Set(a).size).toBe(80)
    expect(a.every((id) => ids.includes(id))).toBe(true)
    expect(drawSample(ids.slice(0, 5), 80, 'x')).toHaveLength(5)
    expect(drawSample(['b', 'a', 'a'], 5, 'x').sort()).toEqual(['a', 'b'])
    expect(drawSample(ids, 0, 'x')).toEqual([])
  })

  it('gives every entry the same chance (chi-square over 2,000 draws)', () => {
    const pool = ids.slice(0, 20)
    const counts = new Map<string, number>()
    for (let s = 0; s < 2000; s += 1) for (const id of drawSample(pool, 5, `s${s}`)) counts.set(id, (counts.get(id) ?? 0) + 1)
    const expected = (2000 * 5) / 20
    const chi = pool.reduce((sum, id) => sum + ((counts.get(id) ?? 0) - expected) ** 2 / expected, 0)
    // 19 degrees of freedom: 43.8 is the 0.1 % critical value.
    expect(chi).toBeLessThan(43.8)
  })
})
