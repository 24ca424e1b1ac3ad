/**
 * Acceptance sampling (nghiệm thu) by ISO 2859-1: single sampling plans, normal inspection.
 * Table 1 gives the sample size code letter from the lot size and the inspection level; Table 2-A
 * gives, for the letter and the AQL, the sample size n, the acceptance number Ac and the rejection
 * number Re = Ac + 1, following the table's arrows to the first plan below (↓) or above (↑).
 */

export type InspectionLevel = 'I' | 'II' | 'III'

/**
 * The default AQL: 1.0 % nonconforming entries, not 0.65 % of fields. The entry is what is
 * sampled, inspected, paid for (entries × unit price), sent back for rework and handed over, and
 * an entry with one wrong field is wrong for the citizen it records; ISO 2859-1 counts the items
 * it samples, so the sampled item and the counted item should be the same. Counting per field
 * would also be lax: at 0.65 errors per hundred fields, an entry of 30 fields is wrong about one
 * time in six (1 − 0.9935³⁰ ≈ 18 %), while 1 % of entries means about one wrong entry in a hundred.
 */
export const DEFAULT_AQL = 1.0

/**
 * AQL values (percent nonconforming) offered, a run of Table 2-A's columns. 0.010, 0.015 and 10 are
 * left out: at those the table's corner cells point off the table (above A, below R), which the
 * diagonal below cannot settle; provinces ask for values well inside this range.
 */
export const AQL_VALUES = [0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5] as const

export function isTableAql(aql: number): boolean {
  return AQL_VALUES.some((v) => Math.abs(v - aql) < 1e-9)
}

const CODE_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R'] as const
export type CodeLetter = (typeof CODE_LETTERS)[number]
const SAMPLE_SIZES: Record<CodeLetter, number> = { A: 2, B: 3, C: 5, D: 8, E: 13, F: 20, G: 32, H: 50, J: 80, K: 125, L: 200, M: 315, N: 500, P: 800, Q: 1250, R: 2000 }

/** Table 1: upper bound of each lot-size band and its letters at general levels I, II, III. */
const TABLE_1: ReadonlyArray<readonly [number, CodeLetter, CodeLetter, CodeLetter]> = [
  [8, 'A', 'A', 'B'],
  [15, 'A', 'B', 'C'],
  [25, 'B', 'C', 'D'],
  [50, 'C', 'D', 'E'],
  [90, 'C', 'E', 'F'],
  [150, 'D', 'F', 'G'],
  [280, 'E', 'G', 'H'],
  [500, 'F', 'H', 'J'],
  [1200, 'G', 'J', 'K'],
  [3200, 'H', 'K', 'L'],
  [10000, 'J', 'L', 'M'],
  [35000, 'K', 'M', 'N'],
  [150000, 'L', 'N', 'P'],
  [500000, 'M', 'P', 'Q'],
  [Number.POSITIVE_INFINITY, 'N', 'Q', 'R'],
]

const LEVEL_COLUMN = { I: 1, II: 2, III: 3 } as const satisfies Record<InspectionLevel, number>

export function codeLetterOf(lotSize: number, level: InspectionLevel = 'II'): CodeLetter {
  // The last band is unbounded, so find always succeeds for a number.
  const band = TABLE_1.find((row) => lotSize <= row[0]) as (typeof TABLE_1)[number]
  return band[LEVEL_COLUMN[level]]
}

/**
 * Table 2-A up to AQL 10 is diagonal: one letter down (n × ~1.6) and one AQL column left (÷ ~1.6)
 * give the same cell. Along a diagonal the cells read ↓ (before), 0/1, ↑, ↓, 1/2, 2/3, 3/4, 5/6, 7/8,
 * 10/11, 14/15, 21/22, ↑ (after). Writing the table as this one sequence keeps its 256 cells from
 * drifting apart. `position` = letter index + AQL column index − 14, where column 0 is 0.010 %
 * (so A at 6.5 %, position 0, is 0/1).
 */
const DIAGONAL: ReadonlyArray<number | 'up' | 'down'> = [0, 'up', 'down', 1, 2, 3, 5, 7, 10, 14, 21]
const TABLE_2A_COLUMNS = [0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10] as const

function tableCell(row: number, column: number): number | 'up' | 'down' {
  const position = row + column - 14
  if (position < 0) return 'down'
  return DIAGONAL[position] ?? 'up'
}

export interface SamplingPlan {
  codeLetter: CodeLetter
  /** Entries to inspect: the plan's n, or the whole lot when n reaches the lot size. */
  sampleSize: number
  acceptance: number
  rejection: number
  wholeLot: boolean
}

/** The plan of Table 2-A for this letter and AQL, arrows followed (the plan's letter and n with them). */
export function tablePlan(letter: CodeLetter, aql: number): { codeLetter: CodeLetter; n: number; ac: number } {
  if (!isTableAql(aql)) throw new Error(`AQL ${aql} is not one of ${AQL_VALUES.join(', ')} (ISO 2859-1 Table 2-A)`)
  const column = TABLE_2A_COLUMNS.findIndex((v) => Math.abs(v - aql) < 1e-9)
  let row: number = CODE_LETTERS.indexOf(letter)
  for (;;) {
    const cell = tableCell(row, column)
    if (typeof cell === 'number') {
      const codeLetter = CODE_LETTERS[row] as CodeLetter
      return { codeLetter, n: SAMPLE_SIZES[codeLetter], ac: cell }
    }
    row += cell === 'down' ? 1 : -1
    // Unreachable for AQL_VALUES; guards a future column whose arrow would leave the table.
    if (row < 0 || row >= CODE_LETTERS.length) throw new Error(`Table 2-A: the arrow from ${letter} at AQL ${aql} leaves the table`)
  }
}

export function samplingPlan(input: { lotSize: number; aql: number; level?: InspectionLevel }): SamplingPlan {
  if (!Number.isInteger(input.lotSize) || input.lotSize < 1) throw new Error('lot size must be a positive integer')
  const plan = tablePlan(codeLetterOf(input.lotSize, input.level ?? 'II'), input.aql)
  // ISO 2859-1: when the sample size equals or exceeds the lot size, inspect every item.
  const wholeLot = plan.n >= input.lotSize
  return { codeLetter: plan.codeLetter, sampleSize: wholeLot ? input.lotSize : plan.n, acceptance: plan.ac, rejection: plan.ac + 1, wholeLot }
}

export const LOT_DECISIONS = { accept: 'Đạt', reject: 'Không đạt' } as const
export type LotDecision = keyof typeof LOT_DECISIONS

/** Accept when the nonconforming entries found are at most Ac; reject from Re = Ac + 1. */
export function lotDecision(input: { defects: number; plan: { acceptance: number } }): LotDecision {
  return input.defects <= input.plan.acceptance ? 'accept' : 'reject'
}

/** cyrb128: four 32-bit words from a string, to seed the generator. */
function seedWords(seed: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762
  for (let i = 0; i < seed.length; i += 1) {
    const k = seed.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]
}

/** sfc32: a small, well-tested generator; uniform floats in [0, 1). */
function generator(seed: string): () => number {
  let [a, b, c, d] = seedWords(seed)
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
}

/**
 * A uniform sample without replacement, reproducible: the same ids (in any order) and seed always
 * give the same sample, so a lot's sample can be redrawn from its recorded seed and checked.
 */
export function drawSample(ids: readonly string[], size: number, seed: string): string[] {
  const pool = [...new Set(ids)].sort()
  const n = Math.min(Math.max(0, Math.floor(size)), pool.length)
  const random = generator(seed)
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i))
    const picked = pool[j] as string
    pool[j] = pool[i] as string
    pool[i] = picked
  }
  return pool.slice(0, n)
}
