/**
 * Printed register pages for the OCR pre-fill benchmark: entries of realistic-births.ts laid out as
 * the catalog's printedLayout declares (labels then values, several labels per line, section
 * headings), 3-4 per A4 page at 200-300 dpi in a DejaVu or Liberation face, then degraded like a
 * scan: skew, uneven lighting, blur, JPEG compression, a red stamp and a signature over the text,
 * the verso showing through, a folded dark corner, more so on some pages than on others.
 *
 * Kept apart from the tests' data (own names and places) so that the anchoring cannot be tuned to
 * it. Each page comes with its truth: the entries' fields in the form's canonical form.
 */
import { createCanvas } from '@napi-rs/canvas'
import { getBookType, type PrintedLayout } from '@hts/domain'
import sharp, { type OverlayOptions } from 'sharp'
import { Random } from './random'
import { buildRealisticBirth } from './realistic-births'

export type Degradation = 0 | 1 | 2 | 3
export const DEGRADATION_NAMES: Record<Degradation, string> = { 0: 'clean scan', 1: 'mild', 2: 'moderate', 3: 'harsh' }

export interface PrintedPage {
  /** 1-based page number (the trang số of its entries). */
  page: number
  jpeg: Buffer
  /** The entries on the page, top to bottom, each in the form's canonical form (empty fields absent). */
  entries: Record<string, string>[]
  level: Degradation
  /** What was done to the page, for the report. */
  notes: string
}

const FONTS = ['DejaVu Serif', 'DejaVu Sans', 'Liberation Serif', 'Liberation Sans'] as const
const MM_PER_INCH = 25.4

interface Style {
  dpi: number
  width: number
  height: number
  font: string
  /** Text size in px. */
  size: number
  lineHeight: number
  left: number
  right: number
  top: number
  bottom: number
  /** Where the second label of a line starts, as a share of the text width. */
  column: number
  valueBold: boolean
  slashDates: boolean
  dottedBlanks: boolean
}

interface Run {
  x: number
  y: number
  text: string
  bold?: boolean
  italic?: boolean
}

const measureCtx = createCanvas(10, 10).getContext('2d')
function textWidth(text: string, style: Style, bold = false): number {
  measureCtx.font = `${bold ? 'bold ' : ''}${style.size}px "${style.font}"`
  return measureCtx.measureText(text).width
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The value as the software prints it: codes as their names, dates with slashes on some books. */
function printedValue(key: string, value: string | undefined, style: Style): string {
  if (value === undefined || value === '') return ''
  if (key.endsWith('GioiTinh')) return value === '1' ? 'Nam' : value === '2' ? 'Nữ' : 'Chưa xác định'
  if (/^\d{2}\.\d{2}\.\d{4}$/.test(value) && style.slashDates) return value.replace(/\./g, '/')
  return value
}

/** Words of `text` broken into lines no wider than `first` (then `rest`) px. */
function wrap(text: string, first: number, rest: number, style: Style, bold: boolean): string[] {
  const words = text.split(' ')
  const lines: string[] = []
  let line = ''
  for (const w of words) {
    const next = line ? `${line} ${w}` : w
    if (line && textWidth(next, style, bold) > (lines.length === 0 ? first : rest)) {
      lines.push(line)
      line = w
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

/** Lays out one entry from `y`; returns its runs and the y after it. */
function layoutEntry(layout: PrintedLayout, fields: Record<string, string>, style: Style, y0: number): { runs: Run[]; y: number; signature: { x: number; y: number } } {
  const runs: Run[] = []
  const textW = style.width - style.left - style.right
  const colX = style.left + textW * style.column
  let y = y0
  let signature = { x: style.left + textW * 0.3, y: y0 }
  for (const section of layout.sections) {
    if (section.heading) {
      y += style.lineHeight * 0.25
      runs.push({ x: style.left, y, text: section.heading, bold: true, italic: true })
      y += style.lineHeight
    }
    for (const line of section.lines) {
      let x = style.left
      let first = true
      for (const field of line) {
        const label = `${field.label}: `
        const raw = printedValue(field.key, fields[field.key], style)
        const value = raw === '' && style.dottedBlanks ? '……………' : raw
        const labelW = textWidth(label, style)
        const valueW = textWidth(value, style, style.valueBold)
        if (!first) {
          // The second label of a line goes to its column when the first leaves room, else below.
          if (x + style.size < colX && colX + labelW + valueW <= style.width - style.right) x = colX
          else {
            y += style.lineHeight
            x = style.left
          }
        }
        runs.push({ x, y, text: label })
        const parts = value ? wrap(value, style.width - style.right - x - labelW, textW - style.size * 2, style, style.valueBold) : []
        parts.forEach((part, i) => {
          if (i > 0) y += style.lineHeight
          runs.push({ x: i === 0 ? x + labelW : style.left + style.size * 2, y, text: part, bold: style.valueBold })
        })
        x = (parts.length > 1 ? style.left + style.size * 2 : x + labelW) + textWidth(parts.at(-1) ?? '', style, style.valueBold)
        if (field.key === 'nguoiKy') signature = { x: x - textWidth(parts.at(-1) ?? '', style) * 0.6, y }
        first = false
      }
      y += style.lineHeight
    }
  }
  return { runs, y, signature }
}

function runsToSvg(runs: readonly Run[], style: Style, fill: string): string {
  return runs
    .map((r) => `<text x="${r.x.toFixed(1)}" y="${r.y.toFixed(1)}" font-family="${style.font}" font-size="${style.size.toFixed(1)}"${r.bold ? ' font-weight="bold"' : ''}${r.italic ? ' font-style="italic"' : ''} fill="${fill}" xml:space="preserve">${escapeXml(r.text)}</text>`)
    .join('')
}

function pickStyle(random: Random): Style {
  const dpi = random.int(200, 300)
  const mm = dpi / MM_PER_INCH
  const pt = 7.5 + random.next() * 2
  const size = (pt * dpi) / 72
  return {
    dpi,
    width: Math.round(210 * mm),
    height: Math.round(297 * mm),
    font: random.pick(FONTS),
    size,
    lineHeight: size * (1.16 + random.next() * 0.14),
    left: (15 + random.next() * 10) * mm,
    right: (10 + random.next() * 8) * mm,
    top: (10 + random.next() * 8) * mm,
    bottom: (10 + random.next() * 6) * mm,
    column: 0.52 + random.next() * 0.1,
    valueBold: random.chance(0.5),
    slashDates: random.chance(0.7),
    dottedBlanks: random.chance(0.4),
  }
}

interface Laid {
  svgBody: string
  signatures: Array<{ x: number; y: number }>
}

/** The page's text as SVG (header, entries, rules, page number), or null when the entries do not fit. */
function layoutPage(layout: PrintedLayout, entries: readonly Record<string, string>[], style: Style, page: number, year: number): Laid | null {
  const runs: Run[] = [{ x: style.width / 2 - textWidth('SỔ ĐĂNG KÝ KHAI SINH', style, true) / 2, y: style.top + style.size, text: 'SỔ ĐĂNG KÝ KHAI SINH', bold: true }]
  const rules: string[] = []
  const signatures: Array<{ x: number; y: number }> = []
  let y = style.top + style.size + style.lineHeight * 1.6
  for (const fields of entries) {
    const laid = layoutEntry(layout, fields, style, y)
    runs.push(...laid.runs)
    signatures.push(laid.signature)
    y = laid.y + style.lineHeight * 0.2
    rules.push(`<line x1="${style.left}" y1="${(y - style.lineHeight * 0.6).toFixed(1)}" x2="${style.width - style.right}" y2="${(y - style.lineHeight * 0.6).toFixed(1)}" stroke="#222" stroke-width="${(style.dpi / 150).toFixed(1)}"/>`)
    y += style.lineHeight * 0.3
  }
  if (y > style.height - style.bottom - style.lineHeight) return null
  const footer = `Trang ${page} - Quyển số 01/${year}`
  runs.push({ x: style.width - style.right - textWidth(footer, style), y: style.height - style.bottom, text: footer, italic: true })
  return { svgBody: runsToSvg(runs, style, '#141414') + rules.join(''), signatures }
}

/** A round red stamp of the commune people's committee, ring text and star. */
function stampSvg(x: number, y: number, r: number, angle: number, opacity: number, id: string): string {
  const ring = `M ${x - r * 0.78} ${y} a ${r * 0.78} ${r * 0.78} 0 1 1 ${r * 1.56} 0 a ${r * 0.78} ${r * 0.78} 0 1 1 ${-r * 1.56} 0`
  return `<g opacity="${opacity.toFixed(2)}" transform="rotate(${angle.toFixed(1)} ${x} ${y})" fill="none" stroke="#c8102e">
    <defs><path id="${id}" d="${ring}"/></defs>
    <circle cx="${x}" cy="${y}" r="${r}" stroke-width="${r * 0.05}"/><circle cx="${x}" cy="${y}" r="${r * 0.62}" stroke-width="${r * 0.025}"/>
    <text font-family="DejaVu Sans" font-weight="bold" font-size="${r * 0.17}" fill="#c8102e" stroke="none"><textPath href="#${id}">ỦY BAN NHÂN DÂN XÃ QUẢNG LỢI * H. QUẢNG ĐIỀN *</textPath></text>
    <polygon fill="#c8102e" stroke="none" points="${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => { const a = (Math.PI / 5) * k - Math.PI / 2; const rr = k % 2 ? r * 0.16 : r * 0.4; return `${(x + rr * Math.cos(a)).toFixed(1)},${(y + rr * Math.sin(a)).toFixed(1)}` }).join(' ')}"/>
  </g>`
}

/** A hand signature: a few loops and a long stroke, in ink. */
function signatureSvg(random: Random, x: number, y: number, w: number, ink: string, strokeW: number): string {
  let d = `M ${x.toFixed(1)} ${y.toFixed(1)}`
  for (let k = 0; k < 5; k++) {
    const dx = w / 6
    d += ` c ${(dx * 0.3).toFixed(1)} ${(-w * (0.1 + random.next() * 0.2)).toFixed(1)}, ${(dx * 0.9).toFixed(1)} ${(w * (0.05 + random.next() * 0.2)).toFixed(1)}, ${dx.toFixed(1)} ${(w * (random.next() - 0.5) * 0.08).toFixed(1)}`
  }
  d += ` l ${(-w * 0.9).toFixed(1)} ${(w * 0.07).toFixed(1)}`
  return `<path d="${d}" fill="none" stroke="${ink}" stroke-width="${strokeW.toFixed(1)}" stroke-linecap="round" opacity="0.85"/>`
}

function levelOf(random: Random): Degradation {
  const r = random.next()
  return r < 0.2 ? 0 : r < 0.55 ? 1 : r < 0.85 ? 2 : 3
}

/**
 * Renders the pages of a birth book of `year`: `pages` pages of 3-4 entries each (as many as the
 * page's face and size let fit), numbered from 1, degraded page by page. Deterministic for a seed.
 */
export async function generatePrintedPages(options: { pages: number; seed?: number; year?: number; onPage?: (p: PrintedPage) => void }): Promise<PrintedPage[]> {
  const { pages, seed = 16_2026, year = 2019 } = options
  const layout = getBookType('KS').printedLayout
  if (!layout) throw new Error('KS has no printed layout')
  const random = new Random(seed)
  const entriesInYear = pages * 3.5
  const out: PrintedPage[] = []
  let so = 1
  for (let page = 1; page <= pages; page++) {
    // The book's face and size are the same throughout in reality; pages differ here so that one font cannot carry the result.
    let style = pickStyle(random)
    let entries: Record<string, string>[] = []
    let laid: Laid | null = null
    for (let tries = 0; !laid; tries++) {
      const want = tries === 0 && random.chance(0.3) ? 4 : 3
      entries = Array.from({ length: want }, (_, k) => buildRealisticBirth(random, so + k, year, page, { entriesInYear }))
      laid = layoutPage(layout, entries, style, page, year)
      if (!laid && tries >= 1) style = { ...style, size: style.size * 0.95, lineHeight: style.lineHeight * 0.95 }
    }
    so += entries.length
    const level = levelOf(random)
    out.push(await degrade(random, layout, laid, style, entries, page, year, level, Math.imul(seed, 7919) + page))
    options.onPage?.(out[out.length - 1] as PrintedPage)
  }
  return out
}

/**
 * Grain of the scan, mean 128: the same for the same seed (libvips' own gaussian noise is seeded
 * afresh every run, which made two runs of one seed read differently). Each value is the sum of
 * three uniform draws, close enough to a bell curve for grain.
 */
function seededNoise(length: number, sigma: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length)
  const random = new Random(seed)
  // Three uniforms on [0, 1) have variance 1/4: scaled by 2σ they give σ.
  const scale = 2 * sigma
  for (let i = 0; i < length; i++) out[i] = Math.max(0, Math.min(255, Math.round(128 + (random.next() + random.next() + random.next() - 1.5) * scale)))
  return out
}

async function degrade(random: Random, layout: PrintedLayout, laid: Laid, style: Style, entries: Record<string, string>[], page: number, year: number, level: Degradation, noiseSeed: number): Promise<PrintedPage> {
  const { width: W, height: H } = style
  const mm = style.dpi / MM_PER_INCH
  const notes: string[] = [`${style.dpi} dpi`, style.font, `${((style.size * 72) / style.dpi).toFixed(1)} pt`]
  const paper = level === 0 ? '#fbfaf6' : random.pick(['#f6f1e3', '#f3ecd8', '#eee6cf', '#f8f5ec'])

  // Overlays over the text: stamps and signatures on the entries' signature lines, lighting, a corner.
  const overlays: string[] = []
  laid.signatures.forEach((s, k) => {
    if (random.chance(level === 0 ? 0.4 : 0.85)) {
      overlays.push(stampSvg(s.x + random.int(-10, 25) * mm * 0.5, s.y - random.int(0, 8) * mm, (16 + random.next() * 4) * mm, random.int(-30, 30), 0.55 + random.next() * 0.3, `ring${page}-${k}`))
    }
    if (random.chance(level === 0 ? 0.5 : 0.9)) overlays.push(signatureSvg(random, s.x - 8 * mm, s.y - style.size * 0.4, 32 * mm, random.pick(['#1a237e', '#111', '#0d47a1']), 0.5 * mm))
  })
  if (level > 0) notes.push('stamp+signature')
  const light = [0, 0.12, 0.25, 0.4][level] ?? 0
  if (light > 0) {
    const cx = random.int(10, 90)
    const cy = random.int(10, 90)
    overlays.push(`<defs><radialGradient id="light" cx="${cx}%" cy="${cy}%" r="85%"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000" stop-opacity="${light.toFixed(2)}"/></radialGradient></defs><rect width="${W}" height="${H}" fill="url(#light)"/>`)
    notes.push(`lighting ${light}`)
  }
  if (level >= 2 && random.chance(level === 3 ? 0.9 : 0.5)) {
    const s = (35 + random.next() * 35) * mm
    const corner = random.int(0, 3)
    const [x, y, dx, dy] = [corner % 2 ? W : 0, corner < 2 ? 0 : H, corner % 2 ? -1 : 1, corner < 2 ? 1 : -1]
    overlays.push(`<polygon points="${x},${y} ${x + dx * s},${y} ${x},${y + dy * s}" fill="#3a3530" opacity="${(0.55 + random.next() * 0.35).toFixed(2)}"/><line x1="${x + dx * s}" y1="${y}" x2="${x}" y2="${y + dy * s}" stroke="#fff" stroke-width="${mm * 0.6}" opacity="0.5"/>`)
    notes.push('folded corner')
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="${paper}"/>${laid.svgBody}</svg>`
  const overlaySvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${overlays.join('')}</svg>`

  const layers: OverlayOptions[] = []
  const bleed = [0, 0.07, 0.13, 0.2][level] ?? 0
  if (bleed > 0) {
    // The verso: another page's entries, mirrored, blurred through the paper, faint.
    const versoEntries = entries.map((e, k) => buildRealisticBirth(random, 900 + page * 4 + k, year, page, {}))
    const verso = layoutPage(layout, versoEntries.slice(0, 3), style, page + 1, year)
    if (verso) {
      const versoSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#fff"/>${verso.svgBody}</svg>`
      const { data, info } = await sharp(Buffer.from(versoSvg)).flop().blur(1.2 + level * 0.4).linear(bleed, 255 * (1 - bleed)).raw().toBuffer({ resolveWithObject: true })
      layers.push({ input: data, raw: { width: info.width, height: info.height, channels: info.channels }, blend: 'multiply' })
      notes.push(`bleed-through ${bleed}`)
    }
  }
  layers.push({ input: Buffer.from(overlaySvg), blend: 'multiply' })
  // Raw buffers between the steps: encoding a 300 dpi page as PNG costs more than drawing it.
  const noise = seededNoise(W * H * 3, 6 + level * 5, noiseSeed)
  layers.push({ input: noise, raw: { width: W, height: H, channels: 3 }, blend: 'soft-light' })
  const flat = await sharp(Buffer.from(svg)).composite(layers).flatten({ background: paper }).raw().toBuffer({ resolveWithObject: true })

  const maxSkew = [0.4, 1, 2, 3][level] ?? 0
  const skew = (random.next() * 2 - 1) * maxSkew
  notes.push(`skew ${skew.toFixed(2)}°`)
  let img = sharp(flat.data, { raw: flat.info }).rotate(skew, { background: level >= 2 ? '#2b2b2b' : paper })
  const blur = [0, 0.3 + random.next() * 0.3, 0.6 + random.next() * 0.4, 1 + random.next() * 0.5][level] ?? 0
  if (blur >= 0.3) {
    const rotated = await img.raw().toBuffer({ resolveWithObject: true })
    img = sharp(rotated.data, { raw: rotated.info }).blur(blur)
    notes.push(`blur ${blur.toFixed(2)}`)
  }
  const quality = level === 0 ? random.int(70, 75) : level === 1 ? random.int(55, 75) : level === 2 ? random.int(40, 60) : random.int(30, 45)
  notes.push(`JPEG q${quality}`)
  const jpeg = await img.jpeg({ quality }).toBuffer()
  return { page, jpeg, entries, level, notes: notes.join(', ') }
}
