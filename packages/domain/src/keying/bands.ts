/**
 * Row bands (issue 16): old handwritten registers write one entry per band across the page, in fixed
 * columns. A book's band layout says where the first band starts, how tall a band is and how many fit
 * on a page, in fractions of the page image (so it holds at any rendition size), and which catalog
 * field each column holds. A page scanned a little higher or lower gets a correction of its own.
 * Also the pure half of ruled-line detection: the server sums the dark pixels per row and per column
 * of the page image, and these functions find the rules in those profiles.
 */

export interface BandColumn {
  /** Catalog field key of the column. */
  key: string
  /** Left and right edges, fractions of the page width (0-1). */
  left: number
  right: number
}

export interface BandLayout {
  /** Top of the first band, fraction of the page height. */
  top: number
  /** Height of one band (one entry), fraction of the page height. */
  height: number
  perPage: number
  columns: BandColumn[]
}

export interface PageBandCorrection {
  pageId: string
  /** Vertical shift of every band of the page, fraction of the page height. */
  dy: number
  /** Band height multiplier of the page (a scan taken a little closer or farther); 1 when absent. */
  scale?: number | undefined
}

export interface Band {
  /** Index of the band on its page, from 0. */
  index: number
  top: number
  bottom: number
}

/** Smallest keyboard step of a band correction: a quarter of a typical handwritten line on a 1600 px page. */
export const BAND_STEP = 0.004
export const BAND_SCALE_STEP = 0.02

const clamp01 = (v: number) => Math.min(1, Math.max(0, v))

/** The band of the `index`-th entry of a page (0-based), with the page's correction applied. */
export function bandOf(layout: BandLayout, index: number, correction?: PageBandCorrection | null): Band {
  const scale = correction?.scale ?? 1
  const height = layout.height * scale
  const top = layout.top + (correction?.dy ?? 0) + index * height
  return { index, top: clamp01(top), bottom: clamp01(top + height) }
}

export interface BandPosition {
  pageIndex: number
  band: number
}

/** After saving the entry of `at`, the band of the next entry: the next band, or the next page's first. */
export function nextBand(layout: BandLayout, at: BandPosition, pageCount: number): BandPosition {
  if (at.band + 1 < layout.perPage) return { pageIndex: at.pageIndex, band: at.band + 1 }
  return at.pageIndex + 1 < pageCount ? { pageIndex: at.pageIndex + 1, band: 0 } : at
}

/** The part of the page (fractions) where a field of the band is written; null for a field without a column. */
export function fieldCrop(layout: BandLayout, band: Band, key: string): { left: number; right: number; top: number; bottom: number } | null {
  const column = layout.columns.find((c) => c.key === key)
  return column ? { left: column.left, right: column.right, top: band.top, bottom: band.bottom } : null
}

/** A correction moved by `steps` keyboard steps (and its height by `scaleSteps`), kept within sane bounds. */
export function adjustCorrection(pageId: string, current: PageBandCorrection | null | undefined, steps: number, scaleSteps: number): PageBandCorrection {
  const dy = Math.round(((current?.dy ?? 0) + steps * BAND_STEP) * 10_000) / 10_000
  const scale = Math.round(Math.min(3, Math.max(0.3, (current?.scale ?? 1) + scaleSteps * BAND_SCALE_STEP)) * 1000) / 1000
  return { pageId, dy: Math.max(-0.5, Math.min(0.5, dy)), ...(scale !== 1 && { scale }) }
}

/** What is wrong with a layout, in Vietnamese, or null when it can be used. */
export function bandLayoutProblem(layout: BandLayout): string | null {
  if (!(layout.height > 0.005)) return 'Dải dòng quá thấp: kéo chọn cả chiều cao của một trường hợp'
  if (layout.top < 0 || layout.top + layout.height > 1) return 'Dải dòng nằm ngoài trang ảnh'
  if (layout.columns.length === 0) return 'Chưa có cột nào: bấm vào các đường kẻ dọc giữa các cột'
  for (const c of layout.columns) {
    if (!(c.left >= 0 && c.right <= 1 && c.right - c.left > 0.005)) return `Cột của ô ${c.key} không hợp lệ: mép trái phải nhỏ hơn mép phải, trong trang`
  }
  const keys = layout.columns.map((c) => c.key)
  const twice = keys.find((k, i) => keys.indexOf(k) !== i)
  if (twice) return `Ô ${twice} được gán cho hai cột: mỗi ô chỉ một cột`
  return null
}

/** How many bands of `height` fit from `top` down to `bottom` (at least one). */
export function bandsThatFit(top: number, height: number, bottom = 0.98): number {
  return Math.max(1, Math.floor((bottom - top) / height + 0.05))
}

/**
 * Columns between consecutive boundaries (fractions, any order), assigned to `keys` in order; a
 * boundary pair without a key left is not a column.
 */
export function columnsFromBoundaries(boundaries: readonly number[], keys: readonly string[]): BandColumn[] {
  const xs = [...new Set(boundaries.map(clamp01))].sort((a, b) => a - b)
  const columns: BandColumn[] = []
  for (let i = 0; i + 1 < xs.length && i < keys.length; i++) {
    const key = keys[i]
    const left = xs[i]
    const right = xs[i + 1]
    if (key !== undefined && left !== undefined && right !== undefined) columns.push({ key, left, right })
  }
  return columns
}

// ---- Ruled-line detection (pure part) ----

export interface RuleOptions {
  /** A row counts as a rule when at least this fraction of its pixels is dark (a rule crosses the page; text does not). */
  minDarkness?: number
  /** Rules closer than this (fraction of the profile) are one rule drawn thick or doubled. */
  mergeWithin?: number
}

/**
 * Positions (fractions 0-1, centre of each run) of the rules in a darkness profile: `profile[i]` is
 * the fraction of dark pixels in row (or column) i. A rule is a run of rows well above both the
 * threshold and the page's ordinary rows (text lines are dark in places, a ruled line all along).
 */
export function findRules(profile: readonly number[], options: RuleOptions = {}): number[] {
  const n = profile.length
  if (n === 0) return []
  const sorted = [...profile].sort((a, b) => a - b)
  const median = sorted[Math.floor(n / 2)] ?? 0
  const threshold = Math.max(options.minDarkness ?? 0.35, median * 3)
  const mergeWithin = Math.max(1, Math.round((options.mergeWithin ?? 0.006) * n))
  const runs: Array<{ start: number; end: number; weight: number; centre: number }> = []
  for (let i = 0; i < n; i++) {
    const v = profile[i] ?? 0
    if (v < threshold) continue
    const last = runs.at(-1)
    if (last && i - last.end <= mergeWithin) {
      last.centre = (last.centre * last.weight + i * v) / (last.weight + v)
      last.weight += v
      last.end = i
    } else runs.push({ start: i, end: i, weight: v, centre: i })
  }
  return runs.map((r) => Math.round(((r.centre + 0.5) / n) * 10_000) / 10_000)
}

/**
 * The band pitch of a page from its horizontal rules: the median gap between neighbouring rules,
 * after leaving out gaps much shorter than it (a doubled rule, a heading's underline). Null with
 * fewer than three rules: two lines say nothing about a repeating band.
 */
export function estimatePitch(rules: readonly number[]): number | null {
  const xs = [...rules].sort((a, b) => a - b)
  const gaps = xs.slice(1).map((x, i) => x - (xs[i] ?? 0)).filter((g) => g > 0)
  if (gaps.length < 2) return null
  const med = (ys: number[]) => [...ys].sort((a, b) => a - b)[Math.floor(ys.length / 2)] ?? 0
  const first = med(gaps)
  const kept = gaps.filter((g) => g > first * 0.6)
  return Math.round(med(kept.length > 0 ? kept : gaps) * 10_000) / 10_000
}

/** The rule nearest to `value` if within `tolerance`, else `value` itself: what the UI snaps a mark to. */
export function snapToRule(value: number, rules: readonly number[], tolerance = 0.012): number {
  let best = value
  let distance = tolerance
  for (const r of rules) {
    const d = Math.abs(r - value)
    if (d <= distance) {
      best = r
      distance = d
    }
  }
  return best
}

/**
 * The correction that puts a page's bands on its own rules: the shift of the rule nearest to the
 * layout's first band top (within half a band). Null when the page shows no rule near it.
 */
export function correctionFromRules(layout: BandLayout, pageId: string, rules: readonly number[]): PageBandCorrection | null {
  const near = snapToRule(layout.top, rules, layout.height / 2)
  if (near === layout.top) return null
  return { pageId, dy: Math.round((near - layout.top) * 10_000) / 10_000 }
}
