import { describe, expect, it } from 'vitest'
import { BandLayoutSchema } from '../api/bands'
import { adjustCorrection, bandLayoutProblem, bandOf, bandsThatFit, columnsFromBoundaries, correctionFromRules, estimatePitch, fieldCrop, findRules, nextBand, snapToRule, type BandLayout } from './bands'

const layout: BandLayout = {
  top: 0.1,
  height: 0.08,
  perPage: 10,
  columns: [{ key: 'so', left: 0.05, right: 0.12 }, { key: 'nksHoTen', left: 0.12, right: 0.4 }],
}

/** A darkness profile of `n` rows with a rule of `thickness` rows at each position (fractions), text noise between. */
function profile(n: number, rules: readonly number[], thickness = 3): number[] {
  const rows = Array.from({ length: n }, (_, i) => 0.02 + ((i * 7919) % 13) / 100)
  for (const r of rules) {
    const at = Math.round(r * n)
    for (let k = 0; k < thickness; k++) rows[at + k] = 0.85
  }
  return rows
}

describe('bands of a page', () => {
  it('the n-th entry of a page is the n-th band below the first, the page correction shifting and scaling it', () => {
    expect(bandOf(layout, 0)).toEqual({ index: 0, top: 0.1, bottom: expect.closeTo(0.18, 6) })
    expect(bandOf(layout, 3).top).toBeCloseTo(0.34, 6)
    const corrected = bandOf(layout, 2, { pageId: 'p', dy: 0.01, scale: 1.1 })
    expect(corrected.top).toBeCloseTo(0.1 + 0.01 + 2 * 0.088, 6)
    expect(corrected.bottom - corrected.top).toBeCloseTo(0.088, 6)
    // Never outside the page.
    expect(bandOf(layout, 20).bottom).toBe(1)
  })

  it('after the page\'s last band the next entry is the next page\'s first; the book\'s last band stays', () => {
    expect(nextBand(layout, { pageIndex: 0, band: 3 }, 5)).toEqual({ pageIndex: 0, band: 4 })
    expect(nextBand(layout, { pageIndex: 0, band: 9 }, 5)).toEqual({ pageIndex: 1, band: 0 })
    expect(nextBand(layout, { pageIndex: 4, band: 9 }, 5)).toEqual({ pageIndex: 4, band: 9 })
  })

  it('a field\'s crop is its column across the band; a field without a column has none', () => {
    expect(fieldCrop(layout, bandOf(layout, 1), 'nksHoTen')).toEqual({ left: 0.12, right: 0.4, top: 0.18, bottom: expect.closeTo(0.26, 6) })
    expect(fieldCrop(layout, bandOf(layout, 1), 'meHoTen')).toBeNull()
  })

  it('keyboard corrections move by steps and keep the scale within bounds', () => {
    const down = adjustCorrection('p', null, 2, 0)
    expect(down).toEqual({ pageId: 'p', dy: 0.008 })
    expect(adjustCorrection('p', down, -2, 0)).toEqual({ pageId: 'p', dy: 0 })
    expect(adjustCorrection('p', down, 0, 1).scale).toBeCloseTo(1.02, 6)
    expect(adjustCorrection('p', { pageId: 'p', dy: 0, scale: 0.31 }, 0, -5).scale).toBe(0.3)
  })

  it('columns come from the boundaries clicked, in any order, given to the fields in order', () => {
    expect(columnsFromBoundaries([0.4, 0.05, 0.12], ['so', 'nksHoTen', 'meHoTen'])).toEqual([
      { key: 'so', left: 0.05, right: 0.12 },
      { key: 'nksHoTen', left: 0.12, right: 0.4 },
    ])
    expect(columnsFromBoundaries([0.1], ['so'])).toEqual([])
  })

  it('says what is wrong with a layout', () => {
    expect(bandLayoutProblem(layout)).toBeNull()
    expect(bandLayoutProblem({ ...layout, height: 0 })).toMatch(/quá thấp/)
    expect(bandLayoutProblem({ ...layout, top: 0.95 })).toMatch(/ngoài trang/)
    expect(bandLayoutProblem({ ...layout, columns: [] })).toMatch(/Chưa có cột/)
    expect(bandLayoutProblem({ ...layout, columns: [{ key: 'so', left: 0.1, right: 0.2 }, { key: 'so', left: 0.2, right: 0.3 }] })).toMatch(/hai cột/)
    expect(BandLayoutSchema.safeParse({ ...layout, top: 0.95 }).success).toBe(false)
    expect(BandLayoutSchema.safeParse(layout).success).toBe(true)
  })

  it('counts the bands that fit below the first', () => {
    expect(bandsThatFit(0.1, 0.08)).toBe(11)
    expect(bandsThatFit(0.9, 0.5)).toBe(1)
  })
})

describe('ruled-line detection', () => {
  it('finds the rules of a row profile at their centres, not the text rows between them', () => {
    const rules = [0.1, 0.18, 0.26, 0.34, 0.42]
    const found = findRules(profile(1600, rules))
    expect(found).toHaveLength(rules.length)
    found.forEach((f, i) => expect(f).toBeCloseTo((rules[i] ?? 0) + 1.5 / 1600, 3))
  })

  it('a doubled rule is one rule; an empty or blank profile has none', () => {
    expect(findRules(profile(1000, [0.5, 0.503]))).toHaveLength(1)
    expect(findRules([])).toEqual([])
    expect(findRules(Array.from({ length: 100 }, () => 0.05))).toEqual([])
  })

  it('a page that is dark all over (a bad scan) shows no rule rather than every row', () => {
    expect(findRules(Array.from({ length: 100 }, (_, i) => 0.3 + (i % 2) * 0.05))).toEqual([])
  })

  it('the pitch is the usual gap between rules, a heading underline or a missing rule does not change it', () => {
    expect(estimatePitch([0.1, 0.18, 0.26, 0.34, 0.42])).toBeCloseTo(0.08, 4)
    // Underline just below the heading, one rule lost in the scan.
    expect(estimatePitch([0.06, 0.075, 0.1, 0.18, 0.34, 0.42, 0.5])).toBeCloseTo(0.08, 4)
    expect(estimatePitch([0.1, 0.2])).toBeNull()
  })

  it('snaps a mark to the nearest rule within the tolerance only', () => {
    expect(snapToRule(0.105, [0.1, 0.18])).toBe(0.1)
    expect(snapToRule(0.14, [0.1, 0.18])).toBe(0.14)
  })

  it('a page scanned lower gets the shift of its nearest rule as its correction', () => {
    expect(correctionFromRules(layout, 'p', [0.115, 0.195, 0.275])).toEqual({ pageId: 'p', dy: 0.015 })
    expect(correctionFromRules(layout, 'p', [0.5])).toBeNull()
  })
})
