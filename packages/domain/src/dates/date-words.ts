/**
 * A date written in words, as the birth register's "ghi bằng chữ" line has it: "Ngày mười lăm
 * tháng ba năm hai nghìn không trăm mười chín". The language is small and strict, so a reading
 * with slips (an OCR's "mươi" for "mười", "trầm" for "trăm", "Ngay" for "Ngày") can be held
 * against every sentence that writes a real date, and the nearest one taken when no other date
 * is nearly as near. Each variant the books use is its own sentence (mùng/mồng, linh/lẻ,
 * tư/bốn, lăm/năm, mốt/một, nghìn/ngàn, tháng giêng), so the reading decides which one was
 * written; nothing is rewritten into a house style.
 */
import { editDistance } from '../matching/similarity'
import { normalizeCharacters } from '../text/canonical'
import { foldKey } from '../text/fold'

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const
const digit = (n: number): string => DIGITS[n] ?? ''

/** Every way the books write 1-99 (word arrays). */
function numberVariants(n: number): string[][] {
  if (n < 10) return n === 4 ? [['bốn'], ['tư']] : [[digit(n)]]
  const t = Math.floor(n / 10)
  const u = n % 10
  const head = t === 1 ? ['mười'] : [digit(t), 'mươi']
  if (u === 0) return [head]
  const units =
    u === 5 ? ['lăm', 'năm'] : u === 1 && t > 1 ? ['mốt', 'một'] : u === 4 && t > 1 ? ['tư', 'bốn'] : u === 4 ? ['bốn'] : [digit(u)]
  return units.map((w) => [...head, w])
}

function dayVariants(d: number): string[][] {
  const plain = numberVariants(d)
  // Days 1-10 take "mùng" or "mồng" in registers; a bare "ngày một" is read too.
  return d <= 10 ? [...plain.flatMap((p) => [['mùng', ...p], ['mồng', ...p]]), ...plain] : plain
}

function monthVariants(m: number): string[][] {
  if (m === 1) return [['một'], ['giêng']]
  if (m === 4) return [['tư'], ['bốn']]
  return numberVariants(m)
}

function yearVariants(y: number): string[][] {
  const thousands = Math.floor(y / 1000)
  const hundreds = Math.floor((y % 1000) / 100)
  const rest = y % 100
  const heads = [[digit(thousands), 'nghìn'], [digit(thousands), 'ngàn']]
  if (hundreds === 0 && rest === 0) return heads
  const tails: string[][] = rest === 0 ? [[]] : rest < 10 ? numberVariants(rest).flatMap((u) => [['linh', ...u], ['lẻ', ...u]]) : numberVariants(rest)
  return heads.flatMap((h) => tails.map((t) => [...h, digit(hundreds), 'trăm', ...t]))
}

/** Every word the sentences use, numbered: a reading is compared with each once, then by number. */
const VOCABULARY: string[] = []
const WORD_IDS = new Map<string, number>()
function wordId(word: string): number {
  let id = WORD_IDS.get(word)
  if (id === undefined) {
    id = VOCABULARY.push(word) - 1
    WORD_IDS.set(word, id)
  }
  return id
}

interface Candidate {
  value: number
  words: string[]
  ids: number[]
}
const candidates = (count: number, first: number, variants: (value: number) => string[][]): Candidate[] =>
  Array.from({ length: count }, (_, i) => variants(first + i).map((words) => ({ value: first + i, words, ids: words.map(wordId) }))).flat()

const DAYS = candidates(31, 1, dayVariants)
const MONTHS = candidates(12, 1, monthVariants)
/** Years a register line can name: births from 1850 to the end of this century. */
const YEARS = candidates(250, 1850, yearVariants)
const KEYWORDS = { day: wordId('ngày'), month: wordId('tháng'), year: wordId('năm') }
const FOLDED_VOCABULARY = VOCABULARY.map(foldKey)

/** Letters apart, a wrong or missing mark counting half a letter ("trầm"/"trăm" 0.5, "tạm"/"tám" 0.5, "tam"/"trăm" 1.5). */
function wordDistance(a: string, b: string, foldedA = foldKey(a), foldedB = foldKey(b)): number {
  if (a === b) return 0
  return (editDistance(a, b) + editDistance(foldedA, foldedB)) / 2
}

/**
 * A word read where none is written, or one written and not read: rarer than a slip of a letter or
 * a mark (an OCR misreads a letter far more often than it invents a word), so it weighs two.
 */
const GAP = 2
/** A word misread beyond recognition weighs as much as a word missing. */
const maxSubstitution = GAP

/** Each word of a reading against each word of the vocabulary (row r, column id): at most maxSubstitution. */
type Distances = (r: number, id: number) => number

/** Words of the reading (i..j) against a candidate's words: the cheapest alignment. */
function align(distance: Distances, i: number, j: number, ids: readonly number[]): number {
  const m = ids.length
  const prev = new Float64Array(m + 1)
  const current = new Float64Array(m + 1)
  for (let k = 0; k <= m; k++) prev[k] = k * GAP
  for (let r = 1; r <= j - i; r++) {
    current[0] = r * GAP
    for (let k = 1; k <= m; k++) {
      current[k] = Math.min((prev[k] ?? 0) + GAP, (current[k - 1] ?? 0) + GAP, (prev[k - 1] ?? 0) + distance(i + r - 1, ids[k - 1] ?? 0))
    }
    prev.set(current)
  }
  return prev[m] ?? 0
}

interface Best {
  cost: number
  candidate?: Candidate
  /** The cheapest candidate of another value. */
  other: number
}

function bestOf(list: readonly Candidate[], distance: Distances, i: number, j: number): Best {
  let best: Best = { cost: Number.POSITIVE_INFINITY, other: Number.POSITIVE_INFINITY }
  for (const c of list) {
    // Each word more or fewer than the candidate has costs at least a GAP: most candidates stop here.
    if (Math.abs(j - i - c.ids.length) * GAP > Math.max(best.cost === Number.POSITIVE_INFINITY ? 0 : best.other, best.cost)) continue
    const cost = align(distance, i, j, c.ids)
    if (cost < best.cost) {
      const other = best.candidate && best.candidate.value !== c.value ? best.cost : best.other
      best = { cost, candidate: c, other }
    } else if (best.candidate && c.value !== best.candidate.value && cost < best.other) best = { ...best, other: cost }
  }
  return best
}

export interface DateInWords {
  day: number
  month: number
  year: number
  /** The sentence as written, its slips corrected ("Ngày mười lăm tháng ba năm hai nghìn không trăm mười chín"). */
  text: string
}

/** The reading's slips (in letters, a mark half a letter) allowed per word of the sentence. */
const SLIPS_PER_WORD = 0.25
/** Another date must be at least this much further from the reading, or the reading is not trusted. */
const MARGIN = 1

/**
 * The date a reading of "Ngày … tháng … năm …" writes, with the sentence corrected to it, or
 * undefined when the reading is not near enough to one date (too garbled, or as near to two).
 */
export function readDateInWords(input: string): DateInWords | undefined {
  const read = normalizeCharacters(input)
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
  if (read.length < 6 || read.length > 30) return undefined
  const n = read.length
  const size = VOCABULARY.length
  const table = new Float64Array(n * size)
  read.forEach((word, r) => {
    const folded = foldKey(word)
    VOCABULARY.forEach((known, id) => (table[r * size + id] = Math.min(maxSubstitution, wordDistance(word, known, folded, FOLDED_VOCABULARY[id]))))
  })
  const distance: Distances = (r, id) => table[r * size + id] ?? maxSubstitution
  const start = distance(0, KEYWORDS.day) <= 1 ? 1 : 0
  const startCost = start === 1 ? distance(0, KEYWORDS.day) : GAP
  const years = new Map<number, Best>()
  // Every place the words "tháng" (t) and "năm" (y) can stand: the cheapest date for each, and the cheapest other date.
  const splits: Array<{ cost: number; other: number; day: Candidate; month: Candidate; year: Candidate }> = []
  for (let t = start + 1; t < n - 3; t++) {
    const day = bestOf(DAYS, distance, start, t)
    const thang = distance(t, KEYWORDS.month)
    for (let y = t + 2; y < n - 1; y++) {
      const month = bestOf(MONTHS, distance, t + 1, y)
      let year = years.get(y + 1)
      if (!year) years.set(y + 1, (year = bestOf(YEARS, distance, y + 1, n)))
      if (!day.candidate || !month.candidate || !year.candidate) continue
      const fixed = startCost + thang + distance(y, KEYWORDS.year)
      const cost = fixed + day.cost + month.cost + year.cost
      const other = fixed + Math.min(day.other + month.cost + year.cost, day.cost + month.other + year.cost, day.cost + month.cost + year.other)
      splits.push({ cost, other, day: day.candidate, month: month.candidate, year: year.candidate })
    }
  }
  const dateOf = (s: (typeof splits)[number]) => `${s.day.value}.${s.month.value}.${s.year.value}`
  const best = splits.reduce<(typeof splits)[number] | undefined>((b, s) => (!b || s.cost < b.cost ? s : b), undefined)
  if (!best) return undefined
  const other = Math.min(...splits.map((s) => (dateOf(s) === dateOf(best) ? s.other : s.cost)))
  if (best.cost > SLIPS_PER_WORD * n || other - best.cost < MARGIN) return undefined
  const { day, month, year } = best
  if (day.value > daysIn(month.value, year.value)) return undefined
  const text = ['Ngày', ...day.words, 'tháng', ...month.words, 'năm', ...year.words].join(' ')
  return { day: day.value, month: month.value, year: year.value, text }
}

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
