/**
 * Handwritten-like register pages for the row-band tests and benchmark (issue 16 part 1): an A4 sheet
 * at 150 dpi, a heading, ruled bands (one entry each) across the page, vertical rules between fixed
 * columns, and each entry's values written in its columns in a slanted hand-like font, a little off
 * the line as a hand writes. Made with sharp from SVG; kept apart from the tests' assertions.
 */
import sharp from 'sharp'

export const RULED_PAGE = { width: 1240, height: 1754 } as const

export interface RuledPageSpec {
  /** Top of the first band and band height, fractions of the page height. */
  top: number
  height: number
  /** Column boundaries, fractions of the page width (n + 1 boundaries for n columns). */
  boundaries: readonly number[]
  /** One row of cell texts per band (fewer rows than bands leave the rest blank). */
  rows: ReadonlyArray<readonly string[]>
  bands: number
  title?: string
  /** Shift of the whole ruling (fraction of height): a page scanned a little lower. */
  dy?: number
  seed?: number
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export const DEFAULT_RULED_LAYOUT = { top: 0.12, height: 0.078, boundaries: [0.06, 0.12, 0.38, 0.52, 0.76, 0.94] } as const

/** A ruled page as JPEG (quality 80, like a scan). */
export async function ruledPage(spec: RuledPageSpec): Promise<Buffer> {
  const { width: W, height: H } = RULED_PAGE
  const dy = spec.dy ?? 0
  let seed = spec.seed ?? 7
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const left = (spec.boundaries[0] ?? 0.05) * W
  const right = (spec.boundaries.at(-1) ?? 0.95) * W
  const yTop = (spec.top + dy) * H
  const yBottom = (spec.top + dy + spec.bands * spec.height) * H
  const parts: string[] = []
  for (let b = 0; b <= spec.bands; b++) {
    const y = (yTop + b * spec.height * H).toFixed(1)
    parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#4a4a4a" stroke-width="2.5"/>`)
  }
  for (const x of spec.boundaries) parts.push(`<line x1="${x * W}" y1="${yTop}" x2="${x * W}" y2="${yBottom}" stroke="#4a4a4a" stroke-width="2.5"/>`)
  spec.rows.forEach((row, b) => {
    row.forEach((text, c) => {
      const x0 = (spec.boundaries[c] ?? 0) * W + 8 + rand() * 6
      const x1 = (spec.boundaries[c + 1] ?? 1) * W - 6
      const words = escape(text)
      const size = Math.min(30, Math.max(16, ((x1 - x0) / Math.max(4, text.length)) * 1.9))
      const y = yTop + (b + 0.55) * spec.height * H + (rand() - 0.5) * 10
      parts.push(`<text x="${x0.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size.toFixed(0)}" font-family="DejaVu Serif, serif" font-style="italic" fill="#1d2a6b" transform="rotate(${((rand() - 0.5) * 2).toFixed(2)} ${x0.toFixed(0)} ${y.toFixed(0)})" textLength="${Math.min(x1 - x0, text.length * size * 0.5).toFixed(0)}" lengthAdjust="spacingAndGlyphs">${words}</text>`)
    })
  })
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect width="${W}" height="${H}" fill="#efe6cf"/>
    <text x="${left}" y="${(0.06 * H).toFixed(0)}" font-size="38" font-family="DejaVu Serif, serif" fill="#333">${escape(spec.title ?? 'Sổ đăng ký khai sinh')}</text>
    ${parts.join('\n')}</svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer()
}
