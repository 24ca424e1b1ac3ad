/**
 * OCR pre-fill (issue 16): the words an engine recognised on a printed or typed page → the fields of
 * the entries on it, through the printed labels the catalog declares for the book type
 * (`PrintedLayout`). Pure: the engine (Tesseract on the server) hands over lines of words, this finds
 * the labels in them, takes each label's value and writes it as the form holds it.
 *
 * Recognised text is never clean: diacritics go missing, l and 1, O and 0 swap, a colon or comma is
 * lost, a label comes out split in two words or glued to its neighbour, two columns of a line come
 * out as two lines. Labels are therefore compared folded (no diacritics, lower case), without
 * punctuation, by edit distance relative to the label's length; a label found only loosely lowers
 * the confidence of its value, so the keyer sees which proposals to look at.
 */
import type { BookTypeDef, FieldDef, PrintedLayout } from '../catalog/types'
import { CODE_LISTS, resolveCode, storedCodeValue } from '../codes'
import { readDateInWords } from '../dates/date-words'
import { formatPartialDate, parsePartialDate } from '../dates/partial-date'
import { editDistance } from '../matching/similarity'
import { canonicalName, canonicalText } from '../text/canonical'
import { foldKey } from '../text/fold'
import { isVietnameseSyllable } from '../text/syllable'

/** A word's box on the page, in pixels (Tesseract's bbox). */
export interface OcrBox {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** One recognised word: what the engine read, how sure it is (0-100) and where it is. */
export interface OcrWord {
  text: string
  confidence: number
  bbox?: OcrBox
}

/** One recognised line, its words left to right. */
export interface OcrLine {
  words: readonly OcrWord[]
}

/** A field's value as read, before canonical form. */
export interface AnchoredValue {
  key: string
  /** The words between the label (its colon) and the next label or the line's end. */
  raw: string
  /** Min word confidence of the value, lowered when the label was found only loosely. */
  confidence: number
}

export interface AnchoredField {
  key: string
  /** In the form's canonical form for the field's kind (dates dd.mm.yyyy, codes as the form stores them). */
  value: string
  confidence: number
}

export interface AnchoredEntry {
  /** 0-based position on the page, top to bottom (a continuation counts as the first). */
  index: number
  /**
   * True for the lines above the page's first "Số": the end of an entry begun on the previous page
   * (its số and first fields are there). The workbench adds these fields to that entry.
   */
  continued: boolean
  fields: AnchoredField[]
}

/** Relative edit distance up to which a label still counts as found (2 errors in 8 letters). */
const LABEL_TOLERANCE = 0.25
/** Labels this short are too common inside values ("số nhà") to be trusted without their colon. */
const SHORT_LABEL = 4
/** A label found without its colon: its value is less certain. */
const NO_COLON_PENALTY = 10
/** A value that does not read as its kind (a date that does not parse, a code not in the list) stays as read, with at most this confidence. */
const UNREADABLE_CAP = 30
/** A gap inside a value wider than this many times the text's height ends it. */
const VALUE_GAP = 5

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Letters OCR gives for digits and back: label matching reads "S0" as "so", values read "l98O" as "1980". */
const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '1': 'l', '5': 's', '|': 'l' }
const LETTER_AS_DIGIT: Record<string, string> = { o: '0', O: '0', Q: '0', D: '0', l: '1', I: '1', i: '1', '|': '1', '!': '1', S: '5', s: '5', B: '8', Z: '2', z: '2' }

/** Folded and reduced to letters and digits, OCR's digit look-alikes read as letters: for comparing labels. */
function labelKey(text: string): string {
  return foldKey(text)
    .replace(/[0-9|]/g, (c) => DIGIT_AS_LETTER[c] ?? c)
    .replace(/[^a-z0-9]/g, '')
}

const isColon = (text: string) => /^[:;：]+$/.test(text)
const endsWithColon = (text: string) => /[:;：]$/.test(text)

/** Leaders and punctuation a value is printed with ("......", a trailing comma) go; what is inside stays. */
function trimValue(text: string): string {
  return text.replace(/^[\s.:;,_…·\-–—]+/u, '').replace(/[\s.:;,_…·\-–—]+$/u, '').replace(/\s+/g, ' ').trim()
}

// ---------------------------------------------------------------------------------------------
// Physical lines

interface Row {
  words: OcrWord[]
}

/**
 * The engine's lines, with the pieces of one printed line put back together: a wide gap between two
 * labels of a line ("Họ, chữ đệm, tên: ...      Giới tính: Nam") makes Tesseract read two blocks, and
 * the right-hand piece then comes after the whole left column. A piece is joined to the line whose
 * last word it continues (to the right, overlapping vertically); comparing the facing words, not
 * the whole lines, keeps a skewed page's lines apart. Then lines are sorted by their left end.
 */
/**
 * A label read glued to its value ("số:1", "ký:Hồ"): two words, the label's with its colon, so that
 * the label is found (a short one only counts with its colon). Only where letters come before the
 * colon: "10:30" is a value.
 */
function splitAtColon(word: OcrWord): OcrWord[] {
  const match = /^(.*\p{L}[^:;：]*[:;：]+)([^:;：].*)$/u.exec(word.text)
  if (!match?.[1] || !match[2]) return [word]
  const [label, value] = [match[1], match[2]]
  if (!word.bbox) return [{ ...word, text: label }, { ...word, text: value }]
  // The box shared out by letters: enough for the gaps between values.
  const { x0, x1 } = word.bbox
  const cut = x0 + ((x1 - x0) * label.length) / word.text.length
  return [{ ...word, text: label, bbox: { ...word.bbox, x1: cut } }, { ...word, text: value, bbox: { ...word.bbox, x0: cut } }]
}

function physicalRows(lines: readonly OcrLine[]): Row[] {
  const rows: Row[] = lines.map((l) => ({ words: l.words.filter((w) => w.text.trim() !== '').flatMap(splitAtColon) })).filter((r) => r.words.length > 0)
  if (rows.some((r) => r.words.some((w) => !w.bbox))) return rows
  const box = (w: OcrWord): OcrBox => w.bbox as OcrBox
  let merged = true
  while (merged) {
    merged = false
    outer: for (const a of rows) {
      const last = box(a.words[a.words.length - 1] as OcrWord)
      for (const b of rows) {
        if (a === b) continue
        const first = box(b.words[0] as OcrWord)
        if (first.x0 < last.x1) continue
        const overlap = Math.min(last.y1, first.y1) - Math.max(last.y0, first.y0)
        const height = Math.min(last.y1 - last.y0, first.y1 - first.y0)
        if (height > 0 && overlap >= height * 0.5) {
          a.words.push(...b.words)
          rows.splice(rows.indexOf(b), 1)
          merged = true
          break outer
        }
      }
    }
  }
  const top = (r: Row) => box(r.words[0] as OcrWord).y0
  return rows.sort((a, b) => top(a) - top(b))
}

// ---------------------------------------------------------------------------------------------
// Labels

interface LabelDef {
  /** labelKey of the label. */
  key: string
  /** The catalog keys it stands for, one per section it appears in: [sectionIndex, fieldKey]. */
  targets: { section: number; field: string }[]
}

interface Hit {
  label: LabelDef
  start: number
  /** First word after the label and its colon. */
  valueStart: number
  distance: number
  colon: boolean
}

function labelsOf(layout: PrintedLayout): LabelDef[] {
  const byKey = new Map<string, LabelDef>()
  layout.sections.forEach((section, s) => {
    for (const line of section.lines) {
      for (const f of line) {
        const key = labelKey(f.label)
        const def = byKey.get(key) ?? { key, targets: [] }
        def.targets.push({ section: s, field: f.key })
        byKey.set(key, def)
      }
    }
  })
  // Longest first: "Quyển số" before "Số", "Số định danh cá nhân" before "Số".
  return [...byKey.values()].sort((a, b) => b.key.length - a.key.length)
}

/** The best label starting at word `i`, over one to a few words (a label split in two, or two glued). */
function labelAt(words: readonly OcrWord[], i: number, labels: readonly LabelDef[]): Hit | undefined {
  const keys = words.map((w) => labelKey(w.text))
  if ((keys[i] ?? '') === '') return undefined
  let best: Hit | undefined
  for (const label of labels) {
    const max = Math.floor(label.key.length * LABEL_TOLERANCE)
    let joined = ''
    for (let j = i; j < words.length && joined.length <= label.key.length + max; j++) {
      joined += keys[j] ?? ''
      const word = words[j] as OcrWord
      // The label must end at a word's end: the comparison is of whole words.
      if (joined.length < label.key.length - max) {
        if (endsWithColon(word.text)) break
        continue
      }
      const distance = editDistance(joined, label.key, max)
      if (distance > max) {
        if (endsWithColon(word.text)) break
        continue
      }
      let valueStart = j + 1
      let colon = endsWithColon(word.text)
      if (!colon && valueStart < words.length && isColon((words[valueStart] as OcrWord).text)) {
        colon = true
        valueStart++
      }
      if (label.key.length <= SHORT_LABEL && (!colon || distance > 0)) continue
      const rel = distance / label.key.length
      const bestRel = best ? best.distance / best.label.key.length : Infinity
      // A colon is the strongest sign a label ends there; then the closer match; then the longer label.
      if (!best || (colon && !best.colon) || (colon === best.colon && rel < bestRel)) {
        best = { label, start: i, valueStart, distance, colon }
      }
      if (colon) break
    }
  }
  return best
}

/** Every label of a line, left to right, none overlapping. */
function labelsInRow(words: readonly OcrWord[], labels: readonly LabelDef[]): Hit[] {
  const hits: Hit[] = []
  let i = 0
  while (i < words.length) {
    let hit = labelAt(words, i, labels)
    // A value's last word glued onto the label ("1 Quyển số:", "AN Giới tính"): the label starts later.
    for (let later = i + 1; hit && hit.distance > 0 && later < hit.valueStart; later++) {
      const next = labelAt(words, later, labels)
      if (next && next.valueStart === hit.valueStart && next.distance < hit.distance) hit = next
    }
    if (hit && !(hits.length > 0 && !hit.colon && runsOn(words, hit.start))) {
      hits.push(hit)
      i = hit.valueStart
    } else {
      i++
    }
  }
  return hits
}

/** A gap narrower than this many letter heights is the space between two words of one value. */
const WORD_SPACE = 0.8

/**
 * True when word `i` follows the word before it at an ordinary word space: inside a value, a
 * label's words without their colon are the value's own words ("Mẹ là người dân tộc Thái", "huyện
 * Tĩnh Gia, tỉnh Thanh Hoá" read near "Giới tính"). A second label of a line stands apart at its
 * column, or keeps its colon.
 */
function runsOn(words: readonly OcrWord[], i: number): boolean {
  const before = words[i - 1]?.bbox
  const word = words[i]?.bbox
  if (!before || !word) return false
  const height = Math.max(before.y1 - before.y0, word.y1 - word.y0, 1)
  return word.x0 - before.x1 < height * WORD_SPACE
}

/** Words before a heading that may be specks of the scan (a page edge, a fold) rather than print. */
const HEADING_SKIP = 2

/**
 * A line that is a section's heading: the heading's words, maybe with a colon, with at most
 * HEADING_SKIP specks before them and the noise of a stamp or the verso after them.
 */
function headingOf(words: readonly OcrWord[], headings: readonly { section: number; key: string }[]): number | undefined {
  const keys = words.map((w) => labelKey(w.text))
  // The heading followed by noise, never by a label (a colon).
  if (words.some((w) => /[:;：]/.test(w.text))) return undefined
  let best: { section: number; rel: number } | undefined
  for (let start = 0; start <= Math.min(HEADING_SKIP, keys.length - 1); start++) {
    if (start > 0 && (keys[start - 1] ?? '').length > 3) break
    let joined = ''
    for (let end = start; end < keys.length && joined.length <= 40; end++) {
      joined += keys[end] ?? ''
      for (const h of headings) {
        const max = Math.floor(h.key.length * LABEL_TOLERANCE)
        if (Math.abs(joined.length - h.key.length) > max) continue
        const rel = editDistance(joined, h.key, max) / h.key.length
        // The closest of the headings ("Người đi khai sinh" is also near "Người được khai sinh").
        if (rel <= LABEL_TOLERANCE && (!best || rel < best.rel)) best = { section: h.section, rel }
      }
    }
  }
  return best?.section
}

/** A line printed in capitals only (the page's title, "SỔ ĐĂNG KÝ KHAI SINH"): no label of the layout is. */
function isTitle(words: readonly OcrWord[]): boolean {
  const letters = words.map((w) => w.text).join('').replace(/[^\p{L}]/gu, '')
  return letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
}

/**
 * The words of a value: up to the next label, and no further than a gap wider than a few letters'
 * height (the column of the next label whose words were not read as a label, or specks of the verso
 * and the stamp to the right of a short value). A piece of the label glued before the colon of the
 * value's first word ("ký::UBND") goes.
 */
function valueWords(words: readonly OcrWord[]): OcrWord[] {
  const out: OcrWord[] = []
  for (const word of words) {
    const prev = out[out.length - 1]
    if (prev?.bbox && word.bbox) {
      const height = Math.max(prev.bbox.y1 - prev.bbox.y0, word.bbox.y1 - word.bbox.y0, 1)
      if (word.bbox.x0 - prev.bbox.x1 > height * VALUE_GAP) break
    }
    if (!isColon(word.text)) out.push(word)
  }
  const first = out[0]
  const glued = first && /^([^:;：]{0,4})[:;：]+(.+)$/u.exec(first.text)
  if (first && glued) out[0] = { ...first, text: glued[2] ?? '' }
  return out
}

// ---------------------------------------------------------------------------------------------
// Anchoring

interface EntryDraft {
  continued: boolean
  values: Map<string, AnchoredValue>
  /** Fields whose label was read, blank or not: a blank father's labels still close the father's section. */
  seen: Set<string>
  /** The furthest section one of its labels was read in. */
  lastSection: number
}

/**
 * The page's entries with their values as read. An entry opens at a line starting with the layout's
 * first label ("Số:"); lines above the first one are the end of an entry from the previous page.
 * A label that several sections share ("Họ, chữ đệm, tên") is the one of the section whose heading
 * (or whose own label) was seen last; if that field is already filled, the next section that has
 * the label (a heading the engine missed).
 */
export function anchorLines(lines: readonly OcrLine[], layout: PrintedLayout): { continued: boolean; values: AnchoredValue[] }[] {
  const labels = labelsOf(layout)
  const firstField = layout.sections[0]?.lines[0]?.[0]
  if (!firstField) return []
  const opener = labelKey(firstField.label)
  const headings = layout.sections.flatMap((s, section) => (s.heading ? [{ section, key: labelKey(s.heading) }] : []))
  const entries: EntryDraft[] = []
  let current: EntryDraft | undefined
  let section = 0

  const open = (continued: boolean): EntryDraft => {
    const entry: EntryDraft = { continued, values: new Map(), seen: new Set(), lastSection: 0 }
    entries.push(entry)
    section = 0
    return entry
  }

  for (const row of physicalRows(lines)) {
    if (isTitle(row.words)) continue
    const heading = headingOf(row.words, headings)
    if (heading !== undefined) {
      section = heading
      continue
    }
    const hits = labelsInRow(row.words, labels)
    // An entry is over once a later section was read, or the first section's label about to be taken was.
    const ended = (entry: EntryDraft | undefined, key: string) => !entry || entry.continued || entry.lastSection > 0 || entry.seen.has(key)
    // "Số:" first on its line (after specks of the page's edge, maybe) opens an entry, unless the
    // entry was just opened by its "Quyển số" read before it (a line read as two blocks).
    if (hits[0]?.label.key === opener && hits[0].start <= HEADING_SKIP && ended(current, firstField.key)) current = open(false)
    hits.forEach((hit, h) => {
      // A label of the first section with its colon after later ones: the next entry, its "Số" not read
      // (without the colon it may be the page's footer, "Trang 3 - Quyển số 01/2019").
      if (hit.colon && hit.label.key !== opener && hit.label.targets.length === 1 && hit.label.targets[0]?.section === 0 && current && ended(current, hit.label.targets[0].field)) {
        current = open(false)
      }
      const target = pickTarget(hit.label, section, current?.seen)
      if (!target) return
      section = target.section
      if (current) {
        current.seen.add(target.field)
        current.lastSection = Math.max(current.lastSection, target.section)
      }
      const end = hits[h + 1]?.start ?? row.words.length
      const words = valueWords(row.words.slice(hit.valueStart, end))
      const raw = trimValue(words.map((w) => w.text).join(' '))
      if (raw === '') return
      if (!current) {
        // Section-0 labels before any "Số": the page's first entry, its "Số" not read.
        current = open(target.section > 0 || !hit.colon)
        section = target.section
        current.seen.add(target.field)
        current.lastSection = target.section
      }
      if (current.values.has(target.field)) return
      const minConfidence = Math.min(...words.map((w) => w.confidence))
      const rel = hit.distance / hit.label.key.length
      const confidence = clamp(minConfidence * (1 - rel) - (hit.colon ? 0 : NO_COLON_PENALTY))
      current.values.set(target.field, { key: target.field, raw, confidence })
    })
  }
  return entries.filter((e) => e.values.size > 0).map((e) => ({ continued: e.continued, values: [...e.values.values()] }))
}

function pickTarget(label: LabelDef, section: number, seen: ReadonlySet<string> | undefined): { section: number; field: string } | undefined {
  const { targets } = label
  if (targets.length === 1) return targets[0]
  const free = targets.filter((t) => !seen?.has(t.field))
  // The current section's, else the next section on (a missed heading), else the last before it.
  return free.find((t) => t.section === section) ?? free.find((t) => t.section > section) ?? free[free.length - 1]
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)))

// ---------------------------------------------------------------------------------------------
// Canonical values

/** Inside a word of letters, a 0 or 1 the engine put for O or I/l ("NGUY0N", "Hả1"). */
function lettersFromDigits(text: string): string {
  return text.replace(/[\p{L}\d]+/gu, (word) => {
    if (!/\p{L}/u.test(word) || !/[01]/.test(word) || word.replace(/[^\p{L}]/gu, '').length < 2) return word
    const caps = /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word)
    return word.replace(/0/g, caps ? 'O' : 'o').replace(/1/g, caps ? 'I' : 'l')
  })
}

/** Letters that only look like Roman numerals' ("XI", "VI" are syllables too, and a hamlet's number). */
const ROMAN = /^[IVXLCDM]+$/

/**
 * The engine's capitals inside a word put back to lower case: with stacked marks it often reads a
 * small letter as its capital ("LợI", "NgỌc", "Quảng LỢI" in a line otherwise in small letters).
 * A word of mixed case that is a Vietnamese syllable takes the case of its first letter; a word
 * in capitals that is a syllable, in a value that is not in capitals, starts with its capital
 * only. Abbreviations ("UBND", "TP") are no syllables and stay.
 */
function repairCase(input: string): string {
  const text = input.normalize('NFC')
  const inCapitals = !/\p{Ll}/u.test(text)
  return text.replace(/[\p{L}\p{M}]{2,}/gu, (word) => {
    const rest = word.slice(1)
    if (rest === rest.toLowerCase() || (inCapitals && word === word.toUpperCase())) return word
    if (ROMAN.test(word) || !isVietnameseSyllable(word.toLowerCase())) return word
    return word.charAt(0) + rest.toLowerCase()
  })
}

/**
 * The words that open a part of an address, by level: hamlet, commune, district, province. "thành
 * phố" is a district's level and a province's; it sits between so that it follows both.
 */
const UNIT_WORDS: ReadonlyArray<readonly [string, number]> = [
  ['tổ dân phố', 0], ['khu phố', 0], ['thôn', 0], ['xóm', 0], ['ấp', 0], ['tổ', 0], ['bản', 0], ['buôn', 0], ['bon', 0], ['làng', 0], ['khóm', 0], ['khu', 0], ['plei', 0], ['sóc', 0],
  ['thị trấn', 1], ['phường', 1], ['xã', 1],
  ['thị xã', 2], ['huyện', 2], ['quận', 2],
  ['thành phố', 2.5],
  ['tỉnh', 3],
]

/** The level of the unit word that begins at words[i], written in small letters as an address writes it. */
function unitAt(words: readonly string[], i: number): number | undefined {
  for (const [unit, level] of UNIT_WORDS) {
    if (unit.split(' ').every((p, k) => words[i + k]?.normalize('NFC') === p)) return level
  }
  return undefined
}

/**
 * The separators of an address as the engine loses them: a comma read as ";" or ".", a stray ":"
 * ("xã: Quảng Lợi"), or no comma at all before the next level ("phường Hoà Khánh Bắc quận Liên
 * Chiểu"). A comma is put back only inside a part that opens with a unit word, before a unit word
 * of a higher level, so "Trạm y tế xã Quảng Lợi" or "Bệnh viện đa khoa tỉnh" keep their words.
 */
function repairPlaceSeparators(text: string): string {
  const cleaned = text
    .replace(/\s*;\s*/g, ', ')
    .replace(/\s*:\s*/g, ' ')
    .replace(/\.\s+(?=[\p{Ll}])/gu, ', ')
  return cleaned
    .split(',')
    .map((part) => {
      const words = part.trim().split(/\s+/)
      let level = unitAt(words, 0)
      if (level === undefined) return part.trim()
      const out: string[] = []
      for (let i = 0; i < words.length; i++) {
        const unit = i > 0 ? unitAt(words, i) : undefined
        if (unit !== undefined && unit > level && unitAt(words, i - 1) === undefined) {
          out.push(',')
          level = unit
        }
        out.push(words[i] ?? '')
      }
      return out.join(' ').replace(/ ,/g, ',')
    })
    .join(', ')
}

/** Inside a number, the letters the engine put for digits ("l98O" → "1980", "O1" → "01"). */
function digitsFromLetters(text: string): string {
  return text.replace(/[\p{L}\d|!]+/gu, (word) => {
    const digits = word.replace(/[^\d]/g, '').length
    // Only where digits dominate: "Số" or "năm" must not become numbers.
    if (digits === 0 || digits < word.length / 2) return word
    return [...word].map((c) => (/\d/.test(c) ? c : LETTER_AS_DIGIT[c] ?? c)).join('')
  })
}

/** Dates as printed: 12/03/1987, 12.03.1987, 12-3-1987, "ngày 12 tháng 3 năm 1987", a year alone. */
function readDate(raw: string): string | undefined {
  const text = digitsFromLetters(raw)
  const folded = foldKey(text)
  const words = /ngay\s*(\d{1,2})\D+?thang\s*(\d{1,2})\D+?nam\s*(\d{4})/.exec(folded)
  const candidate = words
    ? `${words[1]}/${words[2]}/${words[3]}`
    : // The second separator is sometimes lost to the scan: "20/12 2018".
      (/(\d{1,2})\s*[./-]\s*(\d{1,2})(?:\s*[./-]\s*|\s+)(\d{4})/.exec(text)?.slice(1, 4).join('/') ??
      /(\d{1,2})\s*[./-]\s*(\d{4})/.exec(text)?.slice(1, 3).join('/') ??
      (/^\D*(\d{4})\D*$/.exec(text)?.[1]))
  if (!candidate) return undefined
  const parsed = parsePartialDate(candidate)
  return parsed.ok && parsed.warnings.length === 0 ? formatPartialDate(parsed.value) : undefined
}

/** A code by its label as printed, tolerating a letter or two of OCR error ("Klnh" is Kinh). */
function readCode(field: FieldDef, raw: string): { value: string; exact: boolean } | undefined {
  if (!field.codeList) return undefined
  const list = field.codeList
  const text = lettersFromDigits(raw)
  const exact = resolveCode(list, text)
  if (exact) return { value: storedCodeValue(list, exact), exact: true }
  const key = labelKey(text)
  if (key === '') return undefined
  let best: { value: string; distance: number } | undefined
  for (const item of CODE_LISTS[list]) {
    for (const name of [item.label, ...(item.aliases ?? [])]) {
      const nameKey = labelKey(name)
      const max = Math.floor(nameKey.length * LABEL_TOLERANCE)
      const distance = editDistance(key, nameKey, max)
      if (distance <= max && (!best || distance < best.distance)) best = { value: storedCodeValue(list, item), distance }
    }
  }
  return best && { value: best.value, exact: false }
}

/**
 * The commonest surnames, by their folded form: Tesseract's Vietnamese model reads the ễ of Nguyễn as
 * ê (NGUYÊN) and a page with lost diacritics gives NGUYEN; as a surname (a name's first word) each of
 * these folded spellings means one name. Only folds no other common surname shares are listed.
 */
const SURNAMES = new Map(
  ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'].map((s) => [foldKey(s), s]),
)

function readName(text: string): string {
  const name = canonicalName(lettersFromDigits(text))
  const [first, ...rest] = name.split(' ')
  const surname = first === undefined ? undefined : SURNAMES.get(foldKey(first))
  return surname && rest.length > 0 ? [surname, ...rest].join(' ') : name
}

/**
 * A value as read → what the form holds for the field's kind, and whether it read as that kind
 * (a value that does not stays as read, for the keyer to correct, and its confidence is capped).
 */
export function canonicalOcrValue(field: FieldDef, raw: string): { value: string; readable: boolean } {
  const text = trimValue(raw)
  switch (field.kind) {
    case 'personName':
      return { value: readName(text), readable: true }
    case 'place':
    case 'text': {
      const letters = repairCase(lettersFromDigits(text))
      const value = canonicalText(field.kind === 'place' ? repairPlaceSeparators(letters) : letters)
      if (!field.inWordsOf) return { value, readable: true }
      const date = readDateInWords(value)
      return date ? { value: date.text, readable: true } : { value, readable: false }
    }
    case 'partialDate': {
      const date = readDate(text)
      return date ? { value: date, readable: true } : { value: canonicalText(text), readable: false }
    }
    case 'code': {
      const code = readCode(field, text)
      return code ? { value: code.value, readable: code.exact } : { value: canonicalText(text), readable: false }
    }
    case 'integer': {
      const digits = /\d+/.exec(digitsFromLetters(text))?.[0]
      return digits ? { value: String(Number(digits)), readable: true } : { value: text, readable: false }
    }
    case 'personalId': {
      const digits = digitsFromLetters(text).replace(/[\s.]/g, '')
      return /^\d{12}$/.test(digits) ? { value: digits, readable: true } : { value: digits, readable: false }
    }
    case 'idDocumentNumber':
      return { value: digitsFromLetters(text).replace(/\s+/g, ''), readable: true }
  }
}

/**
 * The page's entries, every value in the form's canonical form. Fields the catalog does not know
 * (a layout out of step with it) are left out; a value that does not read as its kind keeps what
 * was read, at a confidence no higher than UNREADABLE_CAP.
 */
export function anchorPage(lines: readonly OcrLine[], bookType: Pick<BookTypeDef, 'fields' | 'printedLayout'>): AnchoredEntry[] {
  const layout = bookType.printedLayout
  if (!layout) return []
  const fields = new Map(bookType.fields.map((f) => [f.key, f]))
  const order = new Map(layout.sections.flatMap((s) => s.lines.flat()).map((f, i) => [f.key, i]))
  const entries = anchorLines(lines, layout).map((entry, index) => ({
    index,
    continued: entry.continued,
    fields: datesFromWords(
      entry.values.flatMap((v): AnchoredField[] => {
        const field = fields.get(v.key)
        if (!field) return []
        const { value, readable } = canonicalOcrValue(field, v.raw)
        if (value === '') return []
        return [{ key: v.key, value, confidence: readable ? v.confidence : Math.min(v.confidence, UNREADABLE_CAP) }]
      }),
      fields,
    ).sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0)),
  }))
  return numberedInSequence(entries, order)
}

/** The entry's number, first of every register's header (catalog/common.ts registrationHeader). */
const ENTRY_NUMBER_KEY = 'so'
/** Confidence given to a "số" the page's sequence gives rather than the read: never shown as sure. */
const SEQUENCE_CONFIDENCE = 60

/**
 * A page's entries are numbered one after the other. A "số" lost (under a fold) or misread ("5"
 * between 64 and 66, "17" after 106) is the one its neighbours on the page leave: the number
 * between two read ones that differ by two, or one after the last (one before the first) when
 * the read one is missing. A number that fits its neighbours is never changed.
 */
function numberedInSequence(entries: AnchoredEntry[], order: ReadonlyMap<string, number>): AnchoredEntry[] {
  const soOf = (e: AnchoredEntry | undefined) => {
    const value = e?.fields.find((f) => f.key === ENTRY_NUMBER_KEY)?.value
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
  }
  const blocks = entries.filter((e) => !e.continued)
  const read = blocks.map(soOf)
  return entries.map((entry) => {
    const k = blocks.indexOf(entry)
    if (k < 0) return entry
    const [before, own, after] = [read[k - 1], read[k], read[k + 1]]
    let expected: number | undefined
    if (before !== undefined && after !== undefined) expected = after - before === 2 ? before + 1 : undefined
    else if (own === undefined) expected = before !== undefined ? before + 1 : after !== undefined && after > 1 ? after - 1 : undefined
    if (expected === undefined || expected === own) return entry
    const field = { key: ENTRY_NUMBER_KEY, value: String(expected), confidence: SEQUENCE_CONFIDENCE }
    const fields = [...entry.fields.filter((f) => f.key !== ENTRY_NUMBER_KEY), field].sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0))
    return { ...entry, fields }
  })
}

/**
 * The register writes the birth date twice, in figures and in words. Where the figures were lost
 * (under a fold, a stamp) or half read ("01.2019" for "06.01.2019") and the words read as a date
 * that agrees with what is left, the words give the date. Figures that disagree with the words
 * stay as read: which of the two is wrong is for the keyer to see.
 */
function datesFromWords(read: AnchoredField[], fields: ReadonlyMap<string, FieldDef>): AnchoredField[] {
  const out = [...read]
  for (const words of read) {
    const dateKey = fields.get(words.key)?.inWordsOf
    if (!dateKey || words.confidence <= UNREADABLE_CAP) continue
    const date = readDateInWords(words.value)
    if (!date) continue
    const full = formatPartialDate({ day: date.day, month: date.month, year: date.year, precision: 'day' })
    const at = out.findIndex((f) => f.key === dateKey)
    const figures = out[at]
    if (!figures) out.push({ key: dateKey, value: full, confidence: words.confidence })
    else if (figures.value !== full && (figures.confidence <= UNREADABLE_CAP || full.endsWith(`.${figures.value}`))) {
      out[at] = { key: dateKey, value: full, confidence: words.confidence }
    }
  }
  return out
}

/** Mean word confidence of a page (0-100), or null for a page with no words. */
export function meanWordConfidence(lines: readonly OcrLine[]): number | null {
  const words = lines.flatMap((l) => l.words)
  if (words.length === 0) return null
  return Math.round((words.reduce((sum, w) => sum + w.confidence, 0) / words.length) * 10) / 10
}
